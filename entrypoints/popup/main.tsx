import '../../components/base.css';
import '../../components/popup/popup.css';
import { mountPage } from '../../components/mount';
import { PopupApp } from '../../components/popup/popup-app';

mountPage(<PopupApp />);
