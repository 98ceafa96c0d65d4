import '../../components/base.css';
import '../../components/dashboard/dashboard.css';
import { mountPage } from '../../components/mount';
import { DashboardApp } from '../../components/dashboard/dashboard-app';

mountPage(<DashboardApp />);
