/**
 * The wire format every Xiaoer channel shares: the envelope a message travels
 * in, the Result a reply comes back as, and reading a reply where it is
 * received. The messages themselves, with their schemas, are named in
 * lib/messaging.ts (the protocol), which re-exports all of this; this part is
 * its own file so the popup's first frame can ask a tab for its state without
 * building the whole protocol's schemas (entrypoints/popup/main.ts).
 */
import * as z from 'zod/mini';
import { XiaoerError } from './xiaoer-error';

export const ErrorCode = z.enum([
  'bad-request', 'forbidden', 'unknown-type', 'too-large', 'failed', 'not-found', 'quota', 'cancelled', 'not-buyer',
  // Capture chat on a page that is a review list or an order page: its rows are not messages.
  'not-a-chat',
  // The library's rules (lib/replies/rules.ts), refused where the write happens; the UI words them from `detail`.
  'shortcut-taken', 'category-name-taken', 'category-not-empty',
  // A category deleted meanwhile (another tab): detail.which = 'target' (the move's destination) or 'category' (the one written).
  'category-gone',
  // Why a capture could not start (background/capture.ts), worded in the UI language (captureFailure).
  'tab-gone', 'not-active', 'not-allowed',
  // Another conversation was opened while the chat's earlier messages loaded: nothing captured (load-history.ts).
  'conversation-changed',
  // Save the buyer's words with nothing selected on the page (overlay capture-page.ts).
  'no-selection',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
/**
 * What a typed refusal's sentence needs besides its code, as short texts
 * (the shortcut and the title of the reply that holds it; how many replies a
 * category holds): the UI words the refusal in the seller's language from
 * these, never from the English `message`.
 */
export const ErrorDetail = z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(300)));
export type ErrorDetail = z.infer<typeof ErrorDetail>;
export const ProtocolError = z.object({ code: ErrorCode, message: z.string(), detail: z.optional(ErrorDetail) });
export type ProtocolError = z.infer<typeof ProtocolError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

/** The wire envelope of every message. */
export const Envelope = z.object({
  xiaoer: z.literal(1),
  type: z.string().check(z.maxLength(64)),
  payload: z.unknown(),
});
export type Envelope = z.infer<typeof Envelope>;

export function envelope(type: string, payload: unknown): Envelope {
  return { xiaoer: 1, type, payload };
}

export function fail(code: ErrorCode, message: string, detail?: ErrorDetail): { ok: false; error: ProtocolError } {
  return { ok: false, error: detail ? { code, message, detail } : { code, message } };
}

export function zodMessage(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string }> }): string {
  const first = error.issues[0];
  if (!first) return 'invalid payload';
  const path = first.path.length ? first.path.map(String).join('.') : '(payload)';
  return `${path}: ${first.message === 'Invalid input' && first.code ? first.code.replace(/_/g, ' ') : first.message}`;
}

// In its own zod-free file so library writes the dashboard runs on its first screen can throw it.
export { XiaoerError } from './xiaoer-error';

/** A reply as received: its value parsed with the schema the protocol names for it, or its error thrown. */
export function unwrapReply<S extends z.ZodMiniType>(raw: unknown, schema: S, what: string): z.output<S> {
  const result = raw as Result<unknown> | undefined;
  if (!result || typeof result !== 'object') throw new XiaoerError('failed', `${what}: no reply`);
  if (!result.ok) {
    const err = ProtocolError.safeParse(result.error);
    throw err.success ? new XiaoerError(err.data.code, err.data.message, err.data.detail) : new XiaoerError('failed', `${what}: malformed error`);
  }
  // The reply is parsed where it is received, like every other message.
  const parsed = schema.safeParse(result.value);
  if (!parsed.success) throw new XiaoerError('bad-request', `${what}: malformed reply (${zodMessage(parsed.error)})`);
  return parsed.data;
}
