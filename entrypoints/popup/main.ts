import '../../components/popup/popup.css';
import { takeShell } from '../../components/popup/shell-handover';

// The first frame (header, the tab's status, the search box) is painted by
// popup-first.js, a classic script (entrypoints/popup-first.ts); this module
// loads React, the database and the search behind it and attaches to the same
// elements. The app is imported once the tab has answered: compiling React
// and Dexie earlier would hold the answer (and so the search box) behind
// ~40 ms of main-thread work.
void takeShell().then((shell) =>
  shell.status
    .then(() => appGate())
    .then(() => import('../../components/popup/popup-app'))
    .then((app) => {
      performance.mark('xiaoer:popup-app-loaded');
      app.startPopupApp(shell);
    }),
);

/**
 * e2e build only: `popup.html?holdApp` keeps the app from loading until the test
 * calls `__xiaoerReleaseApp()`, so a test can type and press Enter in the first
 * frame alone (test/e2e/popup.spec.ts). Other builds drop this branch.
 */
function appGate(): Promise<void> {
  if (import.meta.env.MODE !== 'e2e' || !new URLSearchParams(location.search).has('holdApp')) return Promise.resolve();
  return new Promise((release) => Object.assign(window, { __xiaoerReleaseApp: release }));
}
