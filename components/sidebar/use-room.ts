/**
 * Whether the page can make room for the sidebar ("Beside page") in the window as it is now: the
 * overlay tells us over a port (lib/sidebar-room.ts) when the sidebar opens and whenever the window
 * is resized across the line, so the button can say why a narrow window keeps the sidebar over the
 * page. Parsed with zod here, where it is received.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { SidebarRoom } from '../../lib/messaging';
import { SIDEBAR_ROOM_PORT, type SidebarRoomReport } from '../../lib/sidebar-room';

export function useRoom(tabId: number | null): SidebarRoomReport | null {
  const [room, setRoom] = useState<SidebarRoomReport | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    const port = browser.tabs.connect(tabId, { name: SIDEBAR_ROOM_PORT, frameId: 0 });
    port.onMessage.addListener((raw: unknown) => {
      const parsed = SidebarRoom.safeParse(raw);
      if (parsed.success) setRoom(parsed.data);
    });
    return () => port.disconnect();
  }, [tabId]);
  return room;
}
