/**
 * "Also keep an MHTML snapshot" (the sidebar's Evidence box), remembered so the seller's last choice holds for
 * the next Capture chat — in the sidebar, and in the popup, which has no box of its own. Off until the seller
 * ticks it: an MHTML snapshot is the whole page (other buyers' conversations in the list too, 180 KB and more),
 * and holding the pageCapture permission is not asking for one. Unticked, the permission goes back to the
 * browser as well: kept without a use it is standing leave to save any tab whole; ticked again, the next
 * Capture chat asks for it again (evidence-panel.tsx).
 */
import { browser } from 'wxt/browser';
import { localPref } from './local-pref';

/** chrome.storage.local: true only when the seller ticked the box (and did not untick it since). */
const keepMhtml = localPref('sidebarKeepMhtml', (raw) => raw === true);

/** Off unless the seller ticked it; off when storage cannot be read. */
export function mhtmlWanted(): Promise<boolean> {
  return keepMhtml.read().catch(() => false);
}

export function storeMhtmlWanted(on: boolean): Promise<void> {
  // The e2e build holds pageCapture as a required permission (headless tests answer no prompt): there the
  // browser refuses to remove it, and that refusal is expected.
  if (!on) void browser.permissions.remove({ permissions: ['pageCapture'] }).catch(() => false);
  return keepMhtml.write(on).catch(() => undefined);
}
