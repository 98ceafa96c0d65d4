/**
 * The offscreen document (reason DOM_PARSER): DOMPurify needs a DOM, the
 * service worker has none. It answers one message, from our own worker only,
 * and keeps nothing.
 */
import DOMPurify from 'dompurify';
import { browser } from 'wxt/browser';

const MAX_HTML = 3_000_000;

browser.runtime.onMessage.addListener(((raw: unknown, sender: { id?: string; url?: string; tab?: unknown }) => {
  const msg = raw as { xiaoer?: unknown; type?: unknown; payload?: { html?: unknown } } | null;
  if (msg?.xiaoer !== 1 || msg.type !== 'offscreen:sanitize') return undefined;
  // The worker has no tab and no document URL; content scripts always have a tab.
  if (sender.id !== browser.runtime.id || sender.tab) return Promise.resolve({ ok: false, error: { code: 'forbidden', message: 'not from the worker' } });
  const html = msg.payload?.html;
  if (typeof html !== 'string' || html.length > MAX_HTML) return Promise.resolve({ ok: false, error: { code: 'bad-request', message: 'html' } });
  // Forms, frames and inline styles' url() are not needed to read a chat; scripts and handlers never survive DOMPurify.
  const clean = DOMPurify.sanitize(html, { FORBID_TAGS: ['form', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base'], FORBID_ATTR: ['srcset'] });
  return Promise.resolve({ ok: true, value: { html: clean } });
}) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
