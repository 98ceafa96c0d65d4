/**
 * The overlay's own words in the seller's UI language (messaging.ts OverlayWords): the overlay cannot read the
 * settings, so the background sends them (page:enabled at load, the shortcut table on every change).
 */
import { browser } from 'wxt/browser';
import { translate } from '../../lib/i18n';
import type { OverlayWords } from '../../lib/messaging';
import type { Lang } from '../../lib/schema';

/**
 * The toggle tab's tooltip, naming the keys the browser really has for the sidebar command. It said
 * "Alt+Shift+X" always: a browser that left the suggested key unassigned (taken by another extension; seen in
 * our e2e Chromium) or a seller who changed it in chrome://extensions/shortcuts was told a key that did nothing.
 */
export async function toggleTabTitle(lang: Lang): Promise<string> {
  const commands = await Promise.resolve()
    .then(() => browser.commands.getAll())
    .catch(() => []);
  const keys = commands.find((c) => c.name === 'toggle-sidebar')?.shortcut ?? '';
  return keys ? translate(lang, 'toggleTabTitle', { keys }) : translate(lang, 'toggleTabTitleNoKey');
}

export async function overlayWords(lang: Lang): Promise<OverlayWords> {
  return {
    tab: await toggleTabTitle(lang),
    frame: translate(lang, 'sidebarFrameTitle'),
    copied: translate(lang, 'pasteNoticeCopied'),
    copyFailed: translate(lang, 'pasteNoticeFailed'),
  };
}
