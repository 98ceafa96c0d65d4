/**
 * The offscreen document (reason DOM_PARSER): DOMPurify needs a DOM, the
 * service worker has none. It answers one message, from our own worker only,
 * and keeps nothing. The message's shapes are the protocol's (lib/messaging.ts).
 */
import { browser } from 'wxt/browser';
import { SANITIZE_MESSAGE, SanitizeRequest, type Result } from '../../lib/messaging';
import { createPaneSanitizer } from '../../lib/evidence/sanitize-pane';

const sanitize = createPaneSanitizer(window);

browser.runtime.onMessage.addListener(((raw: unknown, sender: { id?: string; url?: string; tab?: unknown }) => {
  const msg = raw as { xiaoer?: unknown; type?: unknown; payload?: unknown } | null;
  if (msg?.xiaoer !== 1 || msg.type !== SANITIZE_MESSAGE) return undefined;
  // The worker has no tab and no document URL; content scripts always have a tab.
  if (sender.id !== browser.runtime.id || sender.tab) {
    return Promise.resolve<Result<never>>({ ok: false, error: { code: 'forbidden', message: 'not from the worker' } });
  }
  const request = SanitizeRequest.safeParse(msg.payload);
  if (!request.success) return Promise.resolve<Result<never>>({ ok: false, error: { code: 'bad-request', message: 'html' } });
  return Promise.resolve<Result<{ html: string }>>({ ok: true, value: { html: sanitize(request.data.html) } });
}) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
