import '../../components/base.css';
import '../../components/sidebar/sidebar.css';
import { mountPage } from '../../components/mount';
import { SidebarApp } from '../../components/sidebar/sidebar-app';

mountPage(<SidebarApp />);
