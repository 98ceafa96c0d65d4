/**
 * The dashboard's views, in nav order. Each tool adds its view here (one line);
 * the title is an i18n key.
 *
 * The two long lists (Evidence, Library) are in the page's first load: their
 * first rows are the figure a seller waits on, and a chunk imported once the
 * page's module runs arrived ~30–40 ms after the rows were read (interleaved,
 * 10 loads × 2 runs: evidence first row median 194–210 → 163–169 ms, library
 * 184–208 → 162–186). Every other view is its own chunk, imported when shown:
 * the zip writer, the backup reader and the sites editor stay out of the
 * first load.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../../lib/i18n';
import { EvidenceView } from './evidence-view';
import { LibraryView } from './library-view';

export interface DashboardView {
  id: string;
  title: MessageKey;
  /** Starts the chunk's download early (the dashboard calls it for the opening view before the database is open); the first-load views have none. */
  load: () => Promise<{ default: ComponentType }>;
  component: LazyExoticComponent<ComponentType> | ComponentType;
}

/** A view in the dashboard's first load: rendered at once, no Suspense round. */
function inFirstLoad(id: string, title: MessageKey, component: ComponentType): DashboardView {
  return { id, title, load: () => Promise.resolve({ default: component }), component };
}

function view(id: string, title: MessageKey, load: () => Promise<ComponentType>): DashboardView {
  let pending: Promise<{ default: ComponentType }> | null = null;
  const once = () => (pending ??= load().then((c) => ({ default: c })));
  return { id, title, load: once, component: lazy(once) };
}

export const DASHBOARD_VIEWS: DashboardView[] = [
  inFirstLoad('library', 'library', LibraryView),
  view('buyers', 'viewBuyers', () => import('./buyers-view').then((m) => m.BuyersView)),
  inFirstLoad('evidence', 'evList', EvidenceView),
  view('cases', 'evCases', () => import('./cases-view').then((m) => m.CasesView)),
  view('reviews', 'rvViewTitle', () => import('./reviews-view').then((m) => m.ReviewsView)),
  view('settings', 'settings', () => import('./settings-view').then((m) => m.SettingsView)),
  view('sites', 'viewSites', () => import('./sites-view').then((m) => m.SitesView)),
  view('storage', 'viewStorage', () => import('./storage-view').then((m) => m.StorageView)),
  view('backup', 'viewBackup', () => import('./backup-view').then((m) => m.BackupView)),
];
