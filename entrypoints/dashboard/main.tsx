import '../../components/base.css';
import '../../components/dashboard/dashboard.css';
import { mountStorePage } from '../../components/mount-store';
import { DashboardApp, preloadOpeningView } from '../../components/dashboard/dashboard-app';

// The view's chunk loads in parallel with opening the database, not after it.
preloadOpeningView();
mountStorePage(<DashboardApp />);
