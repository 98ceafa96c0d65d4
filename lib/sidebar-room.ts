/**
 * Whether the page makes room for the sidebar ("Beside page"), as the overlay reports it to the
 * sidebar over a port of this name (entrypoints/overlay.content/sidebar-frame.ts → components/sidebar/use-room.ts).
 * Kept apart from lib/messaging.ts: the overlay's always-loaded base must not pull zod in; the
 * sidebar parses what it receives with SidebarRoom there.
 */
export const SIDEBAR_ROOM_PORT = 'xiaoer-sidebar-room';

export interface SidebarRoomReport {
  /** The seller's choice for this site (remembered by the sidebar). */
  beside: boolean;
  /** Whether the window is wide enough to keep the page at least MIN_PAGE_BESIDE px beside the sidebar. */
  fits: boolean;
  /** The narrowest window (CSS px) where the page still makes room, for the sidebar's note. */
  minWindow: number;
}
