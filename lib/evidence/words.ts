/**
 * "Save the buyer's words" keeps what the buyer said (domain §3: the buyer's own
 * words, e.g. an extortion attempt, are the proof). A record of kind 'words'
 * holding the seller's own reply — or a platform notice — would be labelled as
 * the buyer's words in the bundle a platform reviewer reads, so such a selection
 * is refused before anything is stored.
 *
 * Refused only when the page said who wrote the messages: a dedicated site
 * adapter reads the sender from the platform's markup, while the generic reader
 * and taught profiles guess it from class names and layout, and a guess must not
 * stop a seller from keeping evidence. A selection matched to no message (outside
 * the chat, or the context menu on a page without the overlay) is not refused either.
 */
import type { ChatMessage } from '../schema';

export interface SelectionSenders {
  messages: readonly Pick<ChatMessage, 'sender'>[];
  selected: { first: number; last: number } | null;
  sendersRead: boolean;
}

/**
 * Whether the selection holds a message the page says the buyer did not write
 * (the seller's, a colleague's, the platform's) — also when it runs from a
 * buyer's message into one: the selected text would carry those words too.
 */
export function selectionHasOthersWords(s: SelectionSenders): boolean {
  if (!s.sendersRead || !s.selected) return false;
  const picked = s.messages.slice(s.selected.first, s.selected.last + 1);
  return picked.some((m) => m.sender !== 'buyer');
}
