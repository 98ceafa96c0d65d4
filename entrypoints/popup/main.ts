import '../../components/base.css';
import '../../components/popup/popup.css';
import { mountPopupShell } from '../../components/popup/popup-shell';
import { tabStatus } from '../../components/popup/tab-status';
import { firstFrameLang } from '../../lib/i18n/browser-lang';

// First frame in plain DOM, the tab's status asked at once (components/popup/popup-shell.ts);
// React, the database and the search load behind it and attach to the same elements.
const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
// The marks let test/bench/dashboard.bench.ts print where the popup's first 100 ms go.
performance.mark('xiaoer:popup-script');
const status = tabStatus();
const shell = mountPopupShell(root, firstFrameLang(), status);
performance.mark('xiaoer:popup-shell');
void status.then(() => performance.mark('xiaoer:popup-tab-status'));
// The app is imported once the tab has answered: compiling React and Dexie earlier
// would hold the answer (and so the search box) behind ~40 ms of main-thread work.
void shell.status
  .then(() => appGate())
  .then(() => import('../../components/popup/popup-app'))
  .then((app) => {
    performance.mark('xiaoer:popup-app-loaded');
    app.startPopupApp(shell);
  });

/**
 * e2e build only: `popup.html?holdApp` keeps the app from loading until the test
 * calls `__xiaoerReleaseApp()`, so a test can type and press Enter in the first
 * frame alone (test/e2e/popup.spec.ts). Other builds drop this branch.
 */
function appGate(): Promise<void> {
  if (import.meta.env.MODE !== 'e2e' || !new URLSearchParams(location.search).has('holdApp')) return Promise.resolve();
  return new Promise((release) => Object.assign(window, { __xiaoerReleaseApp: release }));
}
