import '../../components/base.css';
import '../../components/dashboard/dashboard.css';
import { mountStorePage } from '../../components/mount-store';
import { DashboardApp, preloadOpeningView } from '../../components/dashboard/dashboard-app';

/**
 * How long the first render waits for the opening list's rows. They are usually read within a few ms of the
 * modules being evaluated (dashboard-early.js started the read while they loaded): rendered then, the first
 * React render holds them. Rendered before them, React rendered the shell and the empty view, then everything
 * again with the rows — the second render's time (~40–80 ms on the test machine) came after the rows were
 * there. A read slower than this (no early read: a first run, an upgrade due) paints the shell first as before.
 */
const FIRST_ROWS_WAIT_MS = 40;

const mount = () => mountStorePage(<DashboardApp />);

// test/bench/dashboard.bench.ts prints when the module graph (React, Dexie, the app) has been evaluated.
performance.mark('xiaoer:dashboard-module');
// The opening view's first rows are asked (and a lazy view's chunk fetched) before React renders.
const firstRows = preloadOpeningView();
// Waited for with then(), not a top-level await: one in this entry made Rollup split the dashboard's first
// load from 8 files into 27 (each a request the browser process answers), and the page's scripts ran ~40 ms later.
if (firstRows) void Promise.race([firstRows.catch(() => undefined), new Promise((r) => setTimeout(r, FIRST_ROWS_WAIT_MS))]).then(mount);
else mount();
