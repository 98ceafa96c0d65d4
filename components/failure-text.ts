/**
 * An error shown to the seller, in their UI language. The background's typed refusals (a buyer, case
 * or draft no longer stored; storage full; the worker gone mid-request) each have their sentence;
 * anything else is "Failed: <the error's own text>" — the browser's or the store's English, behind a
 * lead in the seller's language. Was the raw English message in a dozen status lines of the sidebar
 * and the dashboard ("This buyer is no longer stored." in a zh-CN UI).
 */
import { captureFailure, XiaoerError } from '../lib/messaging';
import type { MessageKey } from '../lib/i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const GONE: Record<string, MessageKey> = { buyer: 'errBuyerGone', 'page-buyer': 'errPageBuyer', case: 'errCaseGone', draft: 'errDraftGone', reply: 'errReplyGone', screenshot: 'errShotGone', profile: 'errProfileGone' };

/** The sentence for a known cause, else null (the caller decides how to show the rest). */
export function knownFailure(e: unknown, t: T): string | null {
  if (e instanceof XiaoerError && e.code === 'not-found' && e.detail?.what && Object.hasOwn(GONE, e.detail.what)) return t(GONE[e.detail.what]!);
  // A host the browser has not granted (the prompt answered no, or closed) / a host field that holds no host name.
  if (e instanceof XiaoerError && e.detail?.what === 'host-permission') return t('errNoHostPermission', { host: e.detail.host ?? '' });
  if (e instanceof XiaoerError && e.detail?.what === 'host-name') return t('errNotAHost', { host: e.detail.host ?? '' });
  // More than the protocol carries in one message (the router's 8 MB, or a field's own limit).
  if (e instanceof XiaoerError && (e.code === 'too-large' || e.detail?.what === 'too-big')) return t('errTooBig');
  const why = captureFailure(e);
  // The extension was reloaded or updated under an open sidebar: "try again" (errInterrupted) fails the same
  // way every time. A failed insert said "插入失败：Extension context invalidated.".
  if (why === 'reloaded') return t('errReloaded');
  if (why === 'quota') return t('errStorageFull');
  if (why === 'interrupted') return t('errInterrupted');
  return null;
}

/** The cause alone, for a line that already says what failed ("Restore failed. <cause>"): no "Failed:" lead. */
export function failureCause(e: unknown, t: T): string {
  return knownFailure(e, t) ?? rawMessage(e);
}

/** The whole status line for a failure. */
export function failureText(e: unknown, t: T): string {
  return knownFailure(e, t) ?? t('errOther', { error: rawMessage(e) });
}

/** The error's own text (the browser's or the store's English), cut to what a status line can hold. */
function rawMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  // Dexie repeats its cause after its own words, the same sentence: "失败：Internal error writing to the backing
  // store. UnknownError: Internal error writing to the backing store." Once is enough.
  const twice = /^(.+?)\s+\w*Error: \1$/s.exec(message);
  return (twice ? twice[1]! : message).slice(0, 300);
}
