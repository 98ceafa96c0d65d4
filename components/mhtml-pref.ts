/**
 * "Also keep an MHTML snapshot" (the sidebar's Evidence box), remembered so the seller's last choice holds for
 * the next Capture chat — in the sidebar, and in the popup, which has no box of its own. Off until the seller
 * ticks it: an MHTML snapshot is the whole page (other buyers' conversations in the list too, 180 KB and more),
 * and holding the pageCapture permission is not asking for one.
 */
import { localPref } from './local-pref';

/** chrome.storage.local: true only when the seller ticked the box (and did not untick it since). */
const keepMhtml = localPref('sidebarKeepMhtml', (raw) => raw === true);

/** Off unless the seller ticked it; off when storage cannot be read. */
export function mhtmlWanted(): Promise<boolean> {
  return keepMhtml.read().catch(() => false);
}

export function storeMhtmlWanted(on: boolean): Promise<void> {
  return keepMhtml.write(on).catch(() => undefined);
}
