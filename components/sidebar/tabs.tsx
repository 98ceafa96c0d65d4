/**
 * The sidebar's tabs, in order. Each tool adds its tab here (one line). A tab
 * gets the page link (state of the marketplace page, commands to its overlay)
 * and the library/settings read through the background.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../../lib/i18n';
import { PagePanel } from './page-panel';
import { EvidencePanel } from './evidence-panel';
import { RepliesPanel } from './replies-panel';
import { ReviewsPanel } from './reviews-panel';
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
  { id: 'reviews', title: 'tabReviews', component: ReviewsPanel },
  { id: 'evidence', title: 'tabEvidence', component: EvidencePanel },
  { id: 'page', title: 'tabPage', component: PagePanel },
];
