/**
 * The only way evidence text reaches HTML: every string is escaped here, and
 * every document carries a CSP that forbids scripts. No page HTML is ever
 * copied into a transcript or report — the buyer controls chat text, names,
 * URLs and image addresses, so all of it is treated as hostile.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for element content and double-quoted attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Defence in depth if an escaping bug ever slipped through: no script, no
 * plugin, no form, no network except images. Images are limited to the
 * bundle's own relative files and data: URIs by construction: reports never
 * emit an <img> whose src came from the page, and the sanitised pane snapshot
 * keeps page addresses only as inert data-xiaoer-* text (lib/evidence/sanitize-pane.ts).
 */
export const DOCUMENT_CSP = "default-src 'none'; img-src 'self' data: file:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function htmlDocument(opts: { lang: string; title: string; style: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(opts.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(DOCUMENT_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${opts.style}</style>
</head>
<body>
${opts.body}
</body>
</html>
`;
}

/**
 * A relative path inside the bundle, percent-encoded per segment so it is safe
 * in an href/src and cannot become a scheme (`javascript:`) or leave the bundle.
 * Only paths the writer generated itself are passed here.
 */
export function bundleHref(path: string): string {
  if (path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '')) {
    throw new Error(`not a bundle-relative path: ${path}`);
  }
  return path.split('/').map(encodeURIComponent).join('/');
}
