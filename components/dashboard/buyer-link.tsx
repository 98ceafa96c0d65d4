/**
 * "This buyer's evidence / cases": the Buyers view links to `#evidence?buyer=<id>` and
 * `#cases?buyer=<id>`, and those views take their buyer filter from the URL, so the link, a
 * reload and the browser's Back all show the same list (the Buyers view showed only counts:
 * the seller retyped the buyer's name into the evidence filter, which also matched other
 * buyers whose names hold it).
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { useI18n } from '../i18n';
import { siteName } from '../site-names';

/** The buyer id a dashboard hash filters to ('#evidence?buyer=pdd%3Au1' → 'pdd:u1'), or ''. */
export function buyerOfHash(hash: string): string {
  const q = hash.indexOf('?');
  if (q < 0) return '';
  return new URLSearchParams(hash.slice(q + 1)).get('buyer') ?? '';
}

/** The hash (without '#') of `path` ('evidence', 'cases/<id>') filtered to a buyer, or unfiltered when `buyerId` is ''. */
export function hashForBuyer(path: string, buyerId: string): string {
  return buyerId ? `${path}?${new URLSearchParams({ buyer: buyerId })}` : path;
}

/** Re-reads the buyer filter whenever the hash changes (a Buyers link, Back, Forward, the chip's ✕). */
export function useBuyerFromHash(): string {
  const [buyerId, setBuyerId] = useState(() => buyerOfHash(location.hash));
  useEffect(() => {
    const onHash = () => setBuyerId(buyerOfHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return buyerId;
}

/**
 * "Buyer: 小王 ✕" above a list filtered to one buyer; ✕ goes back to the whole list (a new history entry,
 * so Back returns to the buyer's). Named as the Buyers view names the buyer, with its marketplace; a buyer no
 * longer stored by its id.
 */
export function BuyerFilterChip({ view, buyerId }: { view: string; buyerId: string }) {
  const { t } = useI18n();
  const buyer = useLiveQuery(() => getDb().buyers.get(buyerId), [buyerId]);
  if (!buyerId) return null;
  return (
    <span className="chip buyer-filter" data-testid="buyer-filter-chip">
      {/* With the marketplace: two buyers of one name on two marketplaces (小王 on 拼多多 and on 千牛) read the same. */}
      {t('filterOneBuyer', { name: buyer ? [buyer.name || buyer.platformId, siteName(t, buyer.site)].join(' · ') : buyerId })}{' '}
      <a href={`#${view}`} className="link" data-testid="buyer-filter-clear" aria-label={t('filterOneBuyerClear')} title={t('filterOneBuyerClear')}>
        ✕
      </a>
    </span>
  );
}
