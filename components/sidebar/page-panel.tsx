/** What Xiaoer read from the page: site, page kind, buyer, order, tracking. */
import type { PageState } from '../../lib/messaging';
import { useI18n } from '../i18n';
import type { SidebarTabProps } from './tabs';
import type { MessageKey } from '../../lib/i18n';

const SOURCE_KEY: Record<PageState['source'], MessageKey> = { dedicated: 'sourceDedicated', generic: 'sourceGeneric', taught: 'sourceTaught' };
const KIND_KEY: Record<PageState['kind'], MessageKey> = { chat: 'kindChat', order: 'kindOrder', reviews: 'kindReviews', other: 'kindOther' };

export function PagePanel({ link }: SidebarTabProps) {
  const { t } = useI18n();
  const state = link.state;
  if (!state) return null;
  const c = state.context;
  const v = (x: string | null) => x ?? t('notFound');
  return (
    <section className="page-panel" data-testid="page-panel">
      <dl className="facts">
        <dt>{t('site')}</dt>
        <dd data-testid="page-site">{state.siteName}</dd>
        <dt>{t('pageKind')}</dt>
        <dd data-testid="page-kind">{t(KIND_KEY[state.kind])}</dd>
        <dt>{t('detectedBy')}</dt>
        <dd data-testid="page-source">{t(SOURCE_KEY[state.source])}</dd>
        <dt>{t('buyer')}</dt>
        <dd data-testid="page-buyer">{v(c.buyer.name ?? c.buyer.id)}</dd>
        <dt>{t('order')}</dt>
        <dd data-testid="page-order">{v(c.order.number)}</dd>
        <dt>{t('product')}</dt>
        <dd>{v(c.order.product)}</dd>
        <dt>{t('amount')}</dt>
        <dd>{v(c.order.amount)}</dd>
        <dt>{t('tracking')}</dt>
        <dd data-testid="page-tracking">{v(c.tracking.number)}</dd>
        <dt>{t('carrier')}</dt>
        <dd>{v(c.tracking.carrier)}</dd>
        <dt>{t('messages')}</dt>
        <dd data-testid="page-messages">{state.messageCount}</dd>
      </dl>
    </section>
  );
}
