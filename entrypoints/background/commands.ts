/** Browser keyboard commands (configurable at chrome://extensions/shortcuts). */
import { browser } from 'wxt/browser';
import { envelope } from '../../lib/messaging';

export async function toggleSidebarInActiveTab(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) return;
  // Opening by keyboard focuses the reply search: the agent types right away.
  await browser.tabs.sendMessage(tab.id, envelope('overlay:sidebar', { focusSearch: true }), { frameId: 0 }).catch(() => null);
}

export function registerCommands(): void {
  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-sidebar') void toggleSidebarInActiveTab();
  });
}
