/**
 * Why the page's box did not take a reply, in the UI language. The overlay answers an insert with a
 * reason code (lib/insert's) and an English message meant for logs: the sidebar, the popup and the
 * review cards all showed that message ("插入失败: No chat input found on this page.").
 */
import type { MessageKey } from '../lib/i18n';
import { captureFailure } from '../lib/messaging';
import { copyForPaste } from '../lib/insert/clipboard-fallback';
import { knownFailure } from './failure-text';

const CHAT_BOX: Partial<Record<string, MessageKey>> = {
  'no-target': 'insertNoChatBox',
  'not-editable': 'insertChatBoxLocked',
  unchanged: 'insertChatBoxUnchanged',
};

/** A review's reply box is named as that review's: the agent may have several cards open. */
const REVIEW_BOX: Partial<Record<string, MessageKey>> = {
  'no-target': 'rvNoReplyBox',
  'not-editable': 'rvReplyBoxLocked',
  unchanged: 'rvReplyBoxUnchanged',
};

/** The reason worded for the box it was about; a reason with no words yet keeps the overlay's message. */
export function whyNotInserted(t: (key: MessageKey) => string, box: 'chat' | 'review', refusal: { reason: string; message: string }): string {
  const key = (box === 'chat' ? CHAT_BOX : REVIEW_BOX)[refusal.reason];
  return key ? t(key) : refusal.message;
}

/**
 * On 'clipboard-needed': the reply is on the clipboard for the agent's Ctrl+V — put there by the overlay in the page,
 * or else by the caller (the popup, which has the focus). False when neither could (the status must not say "Copied").
 */
export async function onClipboardForPaste(refusal: { copied?: boolean }, text: string): Promise<boolean> {
  if (refusal.copied) return true;
  return copyForPaste(text);
}

/**
 * Why an insert did not reach the page at all (the message threw), in the UI language: the extension
 * reloaded under the open sidebar, or no overlay in the tab. Both showed the browser's English after
 * "插入失败：" ("Extension context invalidated.", "Could not establish connection…").
 */
export function whyInsertThrew(t: (key: MessageKey, vars?: Record<string, string | number>) => string, e: unknown): string {
  const known = knownFailure(e, t);
  if (known) return known;
  if (captureFailure(e) === 'no-overlay') return t('notConnected');
  return e instanceof Error ? e.message : String(e);
}
