import type { ChatMessage, PageContext, PageKind, PageReview } from '../schema';

/** Where a review's reply goes, alongside what the review says. */
export interface ReviewOnPage {
  review: PageReview;
  /** The reply box for this review (textarea/contenteditable), or null when the page has none open. */
  replyBox: HTMLElement | null;
  /** The review's row, for element screenshots and evidence. */
  element: HTMLElement;
}

/**
 * A site adapter only reads the DOM. No UI, storage or messaging: its output is
 * parsed with zod by the caller (the page can put anything in the DOM).
 */
export interface SiteAdapter {
  /** Stable id, also the file name in lib/sites/ (e.g. 'pinduoduo'). */
  id: string;
  /** Human name shown in the sidebar and README. */
  name: string;
  /** Page kind for this URL, or null when the adapter does not serve it. */
  detect(url: URL): PageKind | null;
  context(root: Document): PageContext;
  messages(root: Document): ChatMessage[];
  /**
   * How many messages messages() would return, by counting rows without
   * parsing them: the overlay pushes the count with every page state, and
   * parsing a long conversation on each DOM change is what it must not do.
   */
  messageCount(root: Document): number;
  reviews(root: Document): ReviewOnPage[];
  /** The chat input the agent types in. */
  composer(root: Document): HTMLElement | null;
  /** The scrollable element holding the conversation's messages. */
  messagePane(root: Document): HTMLElement | null;
}
