import '../../components/base.css';
import '../../components/dashboard/dashboard.css';
import { mountStorePage } from '../../components/mount';
import { DashboardApp } from '../../components/dashboard/dashboard-app';

mountStorePage(<DashboardApp />);
