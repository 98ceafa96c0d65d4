/**
 * The message router. Every request is parsed with zod where it is received;
 * privileged requests are accepted only from our extension pages, decided by the
 * browser's sender record (sender.url / sender.origin), never by the message.
 */
import { browser, type Browser } from 'wxt/browser';
import { BackgroundRequests, XiaoerError, classifySender, fail, parseIncoming, type Result } from '../../lib/messaging';
import { handlers, type HandlerContext } from './handlers';

export function createRouter(): void {
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener(((raw: unknown, sender: Browser.runtime.MessageSender) =>
    route(raw, sender, extensionOrigin)) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}

/**
 * e2e seam (test-hooks.ts holdAnswers): answers of these request types wait for the promise, so a
 * test can see a page or the sidebar in the moment before they arrive (the first screen of the library
 * alone, a chat box whose shortcut table is not in yet). Empty outside e2e builds.
 */
export const answerProbe = new Map<string, Promise<void>>();

export async function route(raw: unknown, sender: { id?: string; url?: string; tab?: unknown; origin?: string }, extensionOrigin: string): Promise<Result<unknown>> {
  const who = classifySender(sender, browser.runtime.id, extensionOrigin);
  if (who === 'foreign') return fail('forbidden', 'sender is not part of Xiaoer');
  const parsed = parseIncoming(BackgroundRequests, raw);
  if (!parsed.ok) return parsed;
  const def = BackgroundRequests[parsed.type];
  if (def.from === 'extension' && who !== 'extension') return fail('forbidden', `"${parsed.type}" may only be sent by Xiaoer's own pages`);
  try {
    // Only while a test holds something: every other message goes straight on (no extra await).
    if (answerProbe.size) await answerProbe.get(parsed.type);
    const handler = handlers[parsed.type] as (payload: unknown, ctx: HandlerContext) => Promise<unknown>;
    const value = await handler(parsed.payload, { sender: sender as HandlerContext['sender'] });
    return { ok: true, value };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // A handler's typed refusal (e.g. 'not-buyer') keeps its code: the UI words it in the seller's language.
    const code = e instanceof XiaoerError ? e.code : e instanceof Error && e.name === 'QuotaExceededError' ? 'quota' : 'failed';
    return fail(code, message, e instanceof XiaoerError ? e.detail : undefined);
  }
}
