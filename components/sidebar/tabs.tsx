/**
 * The sidebar's tabs, in order. Each tool adds its tab here (one line). A tab
 * gets the page link (state of the marketplace page, commands to its overlay)
 * and the library/settings read through the background.
 *
 * Only the Replies tab (what opens first) is in the sidebar's first load; the
 * others are their own chunks, fetched when picked (the review tools alone bring
 * a 110 KB Chinese-conversion table).
 */
import { lazy, type ComponentType } from 'react';
import type { MessageKey } from '../../lib/i18n';
import { RepliesPanel } from './replies-panel';
import type { Library } from './use-library';
import type { PageLink } from './use-page';

export interface SidebarTabProps {
  link: PageLink;
  library: Library;
}

export interface SidebarTab {
  id: string;
  title: MessageKey;
  component: ComponentType<SidebarTabProps>;
}

export const SIDEBAR_TABS: SidebarTab[] = [
  { id: 'replies', title: 'tabReplies', component: RepliesPanel },
  { id: 'reviews', title: 'tabReviews', component: lazy(() => import('./reviews-panel').then((m) => ({ default: m.ReviewsPanel }))) },
  { id: 'evidence', title: 'tabEvidence', component: lazy(() => import('./evidence-panel').then((m) => ({ default: m.EvidencePanel }))) },
  { id: 'page', title: 'tabPage', component: lazy(() => import('./page-panel').then((m) => ({ default: m.PagePanel }))) },
];
