/** The contract between the overlay's always-loaded base and its lazily imported core. */
import type { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { createSidebarFrame } from './sidebar-frame';
import type { EarlyTab } from './early-tab';

/** Marks <html> while the sidebar is beside the page (sidebar-frame.ts); a screenshot takes that margin off (capture-page.ts). */
export const ROOM_ATTRIBUTE = 'data-xiaoer-room';

export interface OverlayShell {
  ctx: ContentScriptContext;
  sidebar: ReturnType<typeof createSidebarFrame>;
  /** The background's reply to 'shortcuts:get', requested by the base alongside the core import (unvalidated: the core parses it). */
  shortcutTable: Promise<unknown> | null;
  /** The UI language switched while the page is open: the toggle tab's tooltip and the sidebar frame's title follow. */
  rename(names: { tab: string; frame: string }): void;
}

export interface OverlayCore {
  /** Remember the composer the agent just focused (the event that woke the core). */
  remember(el: Element): void;
  /** Resolves once the shortcut table is in (or could not be had): Tab expansion can decide. */
  whenReady(): Promise<void>;
  /** Capture-phase keydown from the page: Tab expansion. */
  keydown(event: KeyboardEvent): void;
  /** A Tab the base held while the core was loading (early-tab.ts): expand it now, and place the keys typed after it. */
  takeEarlyTab(held: EarlyTab): void;
  /** A command from our extension; resolves with the protocol's Result. */
  handleMessage(raw: unknown): Promise<unknown>;
  /** A port opened by our sidebar page. */
  connect(port: ReturnType<typeof browser.runtime.connect>): void;
  /** The sidebar closed with the keyboard in it: back to the composer the agent was typing in. */
  returnFocus(): void;
}
