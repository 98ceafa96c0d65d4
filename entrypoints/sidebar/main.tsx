import '../../components/base.css';
import '../../components/sidebar/sidebar.css';
import { mountFramePage } from '../../components/mount';
import { SidebarApp } from '../../components/sidebar/sidebar-app';

mountFramePage(<SidebarApp />);
