/**
 * The dashboard's views, in nav order. Each tool adds its view here (one line);
 * the title is an i18n key.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../../lib/i18n';
import { LibraryView } from './library-view';
import { EvidenceView } from './evidence-view';
import { CasesView } from './cases-view';
import { SettingsView } from './settings-view';
import { ReviewsView } from './reviews-view';
import { BuyersView } from './buyers-view';
import { SitesView } from './sites-view';
import { StorageView } from './storage-view';
import { BackupView } from './backup-view';

export interface DashboardView {
  id: string;
  title: MessageKey;
  component: ComponentType;
}

export const DASHBOARD_VIEWS: DashboardView[] = [
  { id: 'library', title: 'library', component: LibraryView },
  { id: 'buyers', title: 'viewBuyers', component: BuyersView },
  { id: 'evidence', title: 'evList', component: EvidenceView },
  { id: 'cases', title: 'evCases', component: CasesView },
  { id: 'reviews', title: 'rvViewTitle', component: ReviewsView },
  { id: 'settings', title: 'settings', component: SettingsView },
  { id: 'sites', title: 'viewSites', component: SitesView },
  { id: 'storage', title: 'viewStorage', component: StorageView },
  { id: 'backup', title: 'viewBackup', component: BackupView },
];
