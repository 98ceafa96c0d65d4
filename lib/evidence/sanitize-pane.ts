/**
 * Sanitising a captured chat pane for its HTML snapshot (run in the offscreen
 * document: DOMPurify needs a DOM). Beyond DOMPurify's removal of scripts and
 * handlers, a snapshot must never reach the network when a seller or platform
 * reviewer opens it: every address the page put in an attribute (image src,
 * link href, poster, srcset...) is kept as text in a `data-xiaoer-<name>`
 * attribute instead, and inline styles that load anything (`url(`, `@import`,
 * `image-set(`) are dropped. The images themselves are in the MHTML and the
 * screenshot of the same record. The document's CSP (lib/evidence/html.ts) is
 * the second line of defence, not the first.
 */
import createDOMPurify, { type WindowLike } from 'dompurify';

/** Attributes that make a browser fetch or navigate. */
const ADDRESS_ATTRS = ['src', 'href', 'srcset', 'poster', 'background', 'action', 'formaction', 'xlink:href', 'data', 'ping', 'lowsrc', 'dynsrc'];
const LOADING_STYLE = /url\s*\(|@import|image-set\s*\(|expression\s*\(/i;
/** In-document anchors (#msg-12) and inline images stay usable. */
const HARMLESS = /^(#|data:image\/(png|jpe?g|gif|webp);)/i;

export function createPaneSanitizer(win: WindowLike): (html: string) => string {
  const purify = createDOMPurify(win);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (!('getAttribute' in node)) return;
    const el = node as Element;
    for (const name of ADDRESS_ATTRS) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      el.removeAttribute(name);
      if (HARMLESS.test(value.trim()) && name !== 'srcset') el.setAttribute(name, value);
      else el.setAttribute(`data-xiaoer-${name.replace(':', '-')}`, value);
    }
    const style = el.getAttribute('style');
    if (style !== null && LOADING_STYLE.test(style)) el.removeAttribute('style');
  });
  return (html) =>
    purify.sanitize(html, {
      // Forms, frames, plugins and <style>/<link> (which can @import) are not needed to read a chat.
      FORBID_TAGS: ['form', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base', 'style', 'audio', 'video', 'source', 'track', 'picture'],
      ALLOW_DATA_ATTR: true,
    });
}
