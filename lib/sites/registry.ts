/**
 * Which adapter reads a page. One explicit list (refined-github style: a
 * meta-test fails when an adapter file is not in it), the first adapter whose
 * detect() answers wins, and every other web page falls back to the generic
 * heuristics — under a marketplace's own id when the host is one we target
 * without documented selectors (JD, eBay, Lazada, Etsy, TikTok Shop).
 */
import type { PageKind } from '../schema';
import { aliexpress } from './aliexpress';
import { amazon } from './amazon';
import { generic, guessKind, namedGeneric } from './generic';
import { isMarketplaceHost } from './hosts';
import { pinduoduo } from './pinduoduo';
import { qianniu } from './qianniu';
import { shopee } from './shopee';
import type { SiteAdapter } from './types';

/** Dedicated adapters, one per file in lib/sites/, most specific first. */
export const ADAPTERS: readonly SiteAdapter[] = [pinduoduo, qianniu, aliexpress, amazon, shopee];

/** The fallback for pages no dedicated adapter serves. */
export const GENERIC: SiteAdapter = generic;

/** Marketplaces in hosts.ts served by the generic heuristics under their own id. */
const NAMED_GENERIC: { id: string; name: string; host: RegExp }[] = [
  { id: 'jd', name: '京东 JD', host: /(^|\.)jd\.com$/ },
  { id: 'ebay', name: 'eBay', host: /(^|\.)ebay\.com$/ },
  { id: 'lazada', name: 'Lazada', host: /^sellercenter\.lazada\./ },
  { id: 'etsy', name: 'Etsy', host: /(^|\.)etsy\.com$/ },
  { id: 'tiktok-shop', name: 'TikTok Shop', host: /^seller(-[a-z]+)?\.tiktok(globalshop)?\.com$/ },
];

const namedAdapters = new Map<string, SiteAdapter>();

export interface PickedAdapter {
  adapter: SiteAdapter;
  kind: PageKind;
  /** True when the generic heuristics read the page (no dedicated adapter). */
  generic: boolean;
}

/** The dedicated adapter serving this URL, or null. */
export function pickDedicatedAdapter(url: URL): { adapter: SiteAdapter; kind: PageKind } | null {
  for (const adapter of ADAPTERS) {
    const kind = adapter.detect(url);
    if (kind) return { adapter, kind };
  }
  return null;
}

/**
 * The adapter for a page: dedicated when one serves the URL, else the generic
 * heuristics (named after the marketplace for JD, eBay, Lazada, Etsy, TikTok
 * Shop hosts). Never null: any page the content script runs on can be read.
 */
export function pickAdapter(url: URL): PickedAdapter {
  const dedicated = pickDedicatedAdapter(url);
  if (dedicated) return { ...dedicated, generic: false };
  const kind = guessKind(url) ?? 'other';
  const id = siteIdForHost(url.hostname);
  const named = id ? NAMED_GENERIC.find((n) => n.id === id) : undefined;
  if (named) {
    let adapter = namedAdapters.get(named.id);
    if (!adapter) {
      adapter = namedGeneric(named.id, named.name);
      namedAdapters.set(named.id, adapter);
    }
    return { adapter, kind, generic: true };
  }
  return { adapter: GENERIC, kind, generic: true };
}

const DEDICATED_HOSTS: { id: string; host: RegExp }[] = [
  { id: 'pinduoduo', host: /^mms\.pinduoduo\.com$/ },
  { id: 'qianniu', host: /^(myseller\.taobao\.com|.+\.qianniu\.taobao\.com|market\.m\.taobao\.com)$/ },
  { id: 'aliexpress', host: /^(gsp|csp)\.aliexpress\.com$/ },
  { id: 'amazon', host: /^sellercentral(-europe|-japan)?\.amazon\./ },
  { id: 'shopee', host: /^(seller\.shopee\.|banhang\.shopee\.vn$)/ },
];

/**
 * The site id for a production host from hosts.ts: a dedicated adapter's id,
 * a named generic id (jd, ebay, lazada, etsy, tiktok-shop), or null for hosts
 * outside the built-in list.
 */
export function siteIdForHost(host: string): string | null {
  if (!isMarketplaceHost(host)) return null;
  for (const d of DEDICATED_HOSTS) if (d.host.test(host)) return d.id;
  for (const n of NAMED_GENERIC) if (n.host.test(host)) return n.id;
  return null;
}
