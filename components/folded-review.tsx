/**
 * A review's text, folded to FOLDED_LINES when it is long, with a button to show it whole and fold it
 * again. A buyer's essay of 1,500 characters filled the sidebar's whole height (and made its row in the
 * dashboard's review history taller than the screen): the seller working down the list scrolled past it
 * for every review after it. The content is the caller's (React text nodes, <mark> around the deciding
 * words); `text` is what decides whether it is long, and whether there are words at all.
 */
import { useState, type CSSProperties, type ReactNode } from 'react';
import { useI18n } from './i18n';

/** Longer than this (characters, or lines) is folded. */
const FOLD_CHARS = 280;
const FOLD_LINES = 6;
const FOLDED_LINES = 6;

export function FoldedReview({ text, testid, style, children }: { text: string; testid: string; style?: CSSProperties; children: ReactNode }) {
  const { t } = useI18n();
  const foldable = text.length > FOLD_CHARS || text.split('\n').length > FOLD_LINES;
  const [whole, setWhole] = useState(false);
  const folded = foldable && !whole;
  // A review of stars or pictures only left an empty line, as if reading it had failed.
  if (!text.trim()) {
    return (
      <div className="muted small" style={style} data-testid="review-no-words">
        {t('rvNoWords')}
      </div>
    );
  }
  return (
    <>
      <div
        style={{ whiteSpace: 'pre-wrap', ...style, ...(folded ? { display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: FOLDED_LINES, overflow: 'hidden' } : {}) }}
        data-testid={testid}
      >
        {children}
      </div>
      {foldable ? (
        <button type="button" className="link small" aria-expanded={whole} data-testid="review-text-more" onClick={() => setWhole((w) => !w)}>
          {t(whole ? 'rvShowLess' : 'rvShowWholeReview')}
        </button>
      ) : null}
    </>
  );
}
