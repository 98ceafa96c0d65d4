/**
 * The dashboard's views, in nav order. Each tool adds its view here (one line);
 * the title is an i18n key.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../../lib/i18n';
import { LibraryView } from './library-view';
import { SettingsView } from './settings-view';

export interface DashboardView {
  id: string;
  title: MessageKey;
  component: ComponentType;
}

export const DASHBOARD_VIEWS: DashboardView[] = [
  { id: 'library', title: 'library', component: LibraryView },
  { id: 'settings', title: 'settings', component: SettingsView },
];
