/**
 * The dashboard's opening list, read from IndexedDB while the page's modules
 * (React, Dexie, the views: ~400 KB in several files) are still being fetched:
 * one small classic script in the page's head (components/dashboard/early-reads.ts).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { offerEarlyRows } from '../components/dashboard/early-reads';

export default defineUnlistedScript(() => {
  offerEarlyRows(location.hash);
});
