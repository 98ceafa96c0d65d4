/**
 * Whether the page makes room for the sidebar ("Beside page"), as the overlay reports it to the
 * sidebar over a port of this name (entrypoints/overlay.content/sidebar-frame.ts → components/sidebar/use-room.ts).
 * Kept apart from lib/messaging.ts: the overlay's always-loaded base must not pull zod in; the
 * sidebar parses what it receives with SidebarRoom there.
 */
export const SIDEBAR_ROOM_PORT = 'xiaoer-sidebar-room';

/**
 * What the sidebar page tells the overlay over the same port: the frame's title in the UI language. The
 * overlay sets the iframe's title (its accessible name) and cannot read the settings itself; it was
 * "Xiaoer" to a screen reader in a Chinese UI. Checked there by hand (no zod in the overlay's base).
 */
export interface SidebarFrameName {
  title: string;
}
/** Longest title the overlay accepts (ours are a few words). */
export const FRAME_TITLE_MAX = 100;

export interface SidebarRoomReport {
  /** The seller's choice for this site (remembered by the sidebar). */
  beside: boolean;
  /** Whether the window is wide enough to keep the page at least MIN_PAGE_BESIDE px beside the sidebar. */
  fits: boolean;
  /** The narrowest window (CSS px) where the page still makes room, for the sidebar's note. */
  minWindow: number;
}
