/**
 * The popup's first frame as one classic script (popup.html loads it `async`,
 * first thing): it asks which tab and Xiaoer's state there, paints the header,
 * the status line and the reply search box (components/popup/popup-shell.ts),
 * and enables the box when the tab answers. The module (popup/main.ts) loads
 * React, the store and the search behind it and attaches to the same elements.
 *
 * One file, not a module graph: every file of an extension page is a request
 * the browser process answers, and in a trace of the popup's old first frame
 * (seven module files, a classic script and two stylesheets, all requested at
 * once) the answers arrived 20–55 ms after the requests, the last ones last.
 * The same code bundled into one file made the popup interactive 10–17 ms
 * sooner (interleaved, 30 opens × 3 runs: median 96 → 79, 79 → 69,
 * 78 → 65 ms); the page now asks for five files, this one first. What it
 * shares with the app's chunks (zod/mini, the page schema, the polyfill) is
 * bundled in here a second time; the app's copy is evaluated after the box is
 * usable.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mountPopupShell } from '../components/popup/popup-shell';
import { offerShell } from '../components/popup/shell-handover';
import { tabStatus } from '../components/popup/tab-status';
import { firstFrameLang } from '../lib/i18n/browser-lang';

export default defineUnlistedScript(() => {
  // The marks let test/bench/dashboard.bench.ts print where the popup's first 100 ms go.
  performance.mark('xiaoer:popup-script');
  // The tab is asked before anything else, even before the page's body may be parsed.
  const status = tabStatus();
  const paint = () => {
    const root = document.getElementById('root');
    if (!root) throw new Error('#root missing');
    const shell = mountPopupShell(root, firstFrameLang(), status);
    performance.mark('xiaoer:popup-shell');
    void status.then(() => performance.mark('xiaoer:popup-tab-status'));
    offerShell(shell);
  };
  // Async and in the head: it usually runs after the (tiny) page is parsed, but may run before.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', paint, { once: true });
  else paint();
});
