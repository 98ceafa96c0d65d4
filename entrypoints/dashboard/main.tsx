import '../../components/base.css';
import '../../components/dashboard/dashboard.css';
import { mountStorePage } from '../../components/mount-store';
import { DashboardApp, preloadOpeningView } from '../../components/dashboard/dashboard-app';

// test/bench/dashboard.bench.ts prints when the module graph (React, Dexie, the app) has been evaluated.
performance.mark('xiaoer:dashboard-module');
// The opening view's first rows are asked (and a lazy view's chunk fetched) before React renders.
preloadOpeningView();
mountStorePage(<DashboardApp />);
