import '../../components/base.css';
import '../../components/popup/popup.css';
import { mountStorePage } from '../../components/mount';
import { PopupApp } from '../../components/popup/popup-app';

mountStorePage(<PopupApp />);
