/**
 * The demo marketplace reproduces real seller pages on 127.0.0.1 / localhost;
 * each page names the real URL it stands for in
 * `<meta name="xiaoer-demo-url" content="https://...">`. Adapters detect by
 * URL, so on the demo hosts they see that URL (plus the page's own query and
 * hash, which carry the order / session the page shows). Anywhere else the
 * meta is ignored: a real page must never be able to claim another site.
 */
const DEMO_HOSTS = new Set(['127.0.0.1', 'localhost']);

export function isDemoHost(hostname: string): boolean {
  return DEMO_HOSTS.has(hostname);
}

export function effectiveUrl(location: Location | URL, doc: Document): URL {
  const here = new URL(location.href);
  if (!isDemoHost(here.hostname)) return here;
  const declared = doc.querySelector('meta[name="xiaoer-demo-url"]')?.getAttribute('content');
  if (!declared) return here;
  let url: URL;
  try {
    url = new URL(declared);
  } catch {
    return here;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return here;
  if (here.search) url.search = here.search;
  if (here.hash) url.hash = here.hash;
  return url;
}
