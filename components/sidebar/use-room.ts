/**
 * Whether the page can make room for the sidebar ("Beside page") in the window as it is now: the
 * overlay tells us over a port (lib/sidebar-room.ts) when the sidebar opens and whenever the window
 * is resized across the line, so the button can say why a narrow window keeps the sidebar over the
 * page. Parsed with zod here, where it is received.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { SidebarRoom } from '../../lib/messaging';
import { SIDEBAR_ROOM_PORT, type SidebarFrameName, type SidebarRoomReport } from '../../lib/sidebar-room';

/** `frameTitle`: the frame's name in the UI language, sent to the overlay (it names the iframe) now and on every change. */
export function useRoom(tabId: number | null, frameTitle: string): SidebarRoomReport | null {
  const [room, setRoom] = useState<SidebarRoomReport | null>(null);
  const [port, setPort] = useState<ReturnType<typeof browser.tabs.connect> | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    const p = browser.tabs.connect(tabId, { name: SIDEBAR_ROOM_PORT, frameId: 0 });
    p.onMessage.addListener((raw: unknown) => {
      const parsed = SidebarRoom.safeParse(raw);
      if (parsed.success) setRoom(parsed.data);
    });
    setPort(p);
    return () => {
      setPort(null);
      p.disconnect();
    };
  }, [tabId]);
  useEffect(() => {
    if (!port) return;
    try {
      port.postMessage({ title: frameTitle } satisfies SidebarFrameName);
    } catch {
      // The page went (or the overlay was switched off): nothing to name.
    }
  }, [port, frameTitle]);
  return room;
}
