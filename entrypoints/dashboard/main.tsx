import '../../components/base.css';
import '../../components/dashboard/dashboard.css';
import { mountStorePage } from '../../components/mount-store';
import { DashboardApp, preloadOpeningView } from '../../components/dashboard/dashboard-app';

// The opening view's first rows are asked (and a lazy view's chunk fetched) before React renders.
preloadOpeningView();
mountStorePage(<DashboardApp />);
