/**
 * The dashboard's views, in nav order. Each tool adds its view here (one line);
 * the title is an i18n key.
 *
 * Each view is its own chunk, imported when it is shown: the page that opens
 * (#evidence with tens of thousands of records, #library...) parses only its own
 * view, not the zip writer, the redaction editor and every other tool's code.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../../lib/i18n';

export interface DashboardView {
  id: string;
  title: MessageKey;
  /** Starts the chunk's download early (the dashboard calls it for the opening view before the database is open). */
  load: () => Promise<{ default: ComponentType }>;
  component: LazyExoticComponent<ComponentType>;
}

function view(id: string, title: MessageKey, load: () => Promise<ComponentType>): DashboardView {
  let pending: Promise<{ default: ComponentType }> | null = null;
  const once = () => (pending ??= load().then((c) => ({ default: c })));
  return { id, title, load: once, component: lazy(once) };
}

export const DASHBOARD_VIEWS: DashboardView[] = [
  view('library', 'library', () => import('./library-view').then((m) => m.LibraryView)),
  view('buyers', 'viewBuyers', () => import('./buyers-view').then((m) => m.BuyersView)),
  view('evidence', 'evList', () => import('./evidence-view').then((m) => m.EvidenceView)),
  view('cases', 'evCases', () => import('./cases-view').then((m) => m.CasesView)),
  view('reviews', 'rvViewTitle', () => import('./reviews-view').then((m) => m.ReviewsView)),
  view('settings', 'settings', () => import('./settings-view').then((m) => m.SettingsView)),
  view('sites', 'viewSites', () => import('./sites-view').then((m) => m.SitesView)),
  view('storage', 'viewStorage', () => import('./storage-view').then((m) => m.StorageView)),
  view('backup', 'viewBackup', () => import('./backup-view').then((m) => m.BackupView)),
];
