import '../../components/base.css';
import '../../components/popup/popup.css';
import { tabStatus } from '../../components/popup/tab-status';
import { mountStorePage } from '../../components/mount';
import { PopupApp } from '../../components/popup/popup-app';

// The page round trip starts before the database opens and React renders (see tab-status.ts).
void tabStatus();
mountStorePage(<PopupApp />);
