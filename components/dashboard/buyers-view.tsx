/**
 * Buyers (domain §6): notes, tags (VIP, risky, custom), linked cases and
 * evidence, first/last contact. Writes go through the background so open
 * sidebars' buyer cards refresh at once.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { formatDateTime } from '../../lib/i18n';
import type { Buyer } from '../../lib/schema';
import { askBackground } from '../ext';
import { useI18n } from '../i18n';
import { BuyerTags, TagEditor } from '../sidebar/buyer-card';
import { countKey } from '../plural';
import { siteName } from '../site-names';
import { failureText } from '../failure-text';
import { hashForBuyer } from './buyer-link';

/** How many records of an indexed table point at each buyer (keys only: no record is loaded). */
async function countByBuyer(table: 'cases' | 'evidence'): Promise<Map<string, number>> {
  const keys = await getDb().table(table).orderBy('buyerId').keys();
  const m = new Map<string, number>();
  for (const k of keys) if (typeof k === 'string') m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/**
 * Whether a buyer is found by the text typed in the filter (`q`: trimmed, lower-cased): by name, platform id,
 * notes — and tags, custom ones as written and VIP / risky by the name the seller sees (`tagName`). Tags were
 * found by the dropdown only: a seller typing 批发 for the buyers tagged 批发 found none.
 */
export function buyerMatches(b: Buyer, q: string, tagName: (tag: string) => string): boolean {
  if (!q) return true;
  const has = (text: string) => text.toLowerCase().includes(q);
  return has(b.name) || has(b.platformId) || has(b.notes) || b.tags.some((x) => has(x) || has(tagName(x)));
}

export function BuyersView() {
  const { t, lang } = useI18n();
  const buyers = useLiveQuery(() => getDb().buyers.orderBy('lastContactAt').reverse().toArray(), []);
  const links = useLiveQuery(async () => ({ cases: await countByBuyer('cases'), evidence: await countByBuyer('evidence') }), []);
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const allTags = useMemo(() => [...new Set((buyers ?? []).flatMap((b) => b.tags))].sort(), [buyers]);
  if (!buyers) return null;
  const q = query.trim().toLowerCase();
  const tagName = (x: string) => (x === 'vip' ? t('tagVip') : x === 'risky' ? t('tagRisky') : x);
  // The buyer being edited stays listed whatever the filters say: filtering it away closed its editor and lost the notes.
  const shown = buyers.filter(
    (b) =>
      b.id === editing ||
      ((!tag || b.tags.includes(tag)) && buyerMatches(b, q, tagName)),
  );
  return (
    <section data-testid="buyers-view">
      <div className="row">
        <input type="search" className="buyers-filter" data-testid="buyers-filter" placeholder={t('filterBuyers')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <select data-testid="buyers-tag-filter" value={tag} onChange={(e) => setTag(e.target.value)}>
          <option value="">{t('allTags')}</option>
          {allTags.map((x) => (
            <option key={x} value={x}>
              {tagName(x)}
            </option>
          ))}
        </select>
        <span className="muted">{t(countKey(lang, shown.length, 'buyerCountOne', 'buyerCount'), { n: shown.length })}</span>
      </div>
      {shown.length ? null : <p className="muted">{t('noBuyers')}</p>}
      <table className="replies-table">
        <thead>
          <tr>
            <th>{t('buyer')}</th>
            <th>{t('site')}</th>
            <th>{t('tags')}</th>
            <th>{t('buyerNotes')}</th>
            <th>{t('linkedRecords')}</th>
            <th>{t('firstContact')}</th>
            <th>{t('lastContact')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((b) => (
            <tr key={b.id} data-testid="buyer-row" className={b.tags.includes('risky') ? 'risky' : ''}>
              <td>
                <button type="button" className="link" data-testid="buyer-name" onClick={() => setEditing(editing === b.id ? null : b.id)}>
                  {b.name || b.platformId}
                </button>
                {b.platformId && b.platformId !== b.name ? <div className="muted small">{b.platformId}</div> : null}
              </td>
              <td>{siteName(t, b.site)}</td>
              <td>
                <BuyerTags tags={b.tags} />
              </td>
              <td className={editing === b.id ? 'notes editing' : 'notes'}>{editing === b.id ? <BuyerEditor buyer={b} onDone={() => setEditing(null)} /> : <span data-testid="buyer-notes">{b.notes}</span>}</td>
              <td>
                <LinkedCounts buyerId={b.id} cases={links?.cases.get(b.id) ?? 0} evidence={links?.evidence.get(b.id) ?? 0} />
              </td>
              <td>{formatDateTime(lang, b.firstContactAt)}</td>
              <td>{formatDateTime(lang, b.lastContactAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function BuyerEditor({ buyer, onDone }: { buyer: Buyer; onDone: () => void }) {
  const { t } = useI18n();
  const [notes, setNotes] = useState(buyer.notes);
  const [tags, setTags] = useState(buyer.tags);
  const [error, setError] = useState('');
  // Closed any other way than Save or Cancel (another buyer opened, another dashboard view): what the seller
  // wrote is about this buyer and is saved to it, as the sidebar's buyer card does (was: thrown away).
  const draft = useRef({ notes, tags });
  draft.current = { notes, tags };
  const ended = useRef(false);
  const start = useRef({ notes: buyer.notes, tags: buyer.tags });
  useEffect(
    () => () => {
      if (ended.current) return;
      const d = draft.current;
      if (d.notes === start.current.notes && d.tags.join('\n') === start.current.tags.join('\n')) return;
      void askBackground('buyer:update', { id: buyer.id, notes: d.notes, tags: d.tags }).catch(() => null);
    },
    [buyer.id],
  );
  const form = useRef<HTMLFormElement>(null);
  const done = () => {
    ended.current = true;
    // The focus goes back to the buyer's name (it stays in the row): it was left on the page, and a keyboard
    // user closing the notes started again from the top of the dashboard.
    const name = form.current?.closest('tr')?.querySelector<HTMLElement>('[data-testid="buyer-name"]');
    onDone();
    name?.focus();
  };
  return (
    <form
      ref={form}
      data-testid="buyer-editor"
      // Esc closes without saving, as the sidebar's buyer card does.
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.nativeEvent.isComposing) return;
        e.stopPropagation();
        done();
      }}
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await askBackground('buyer:update', { id: buyer.id, notes, tags });
          done();
        } catch (err) {
          setError(failureText(err, t));
        }
      }}
    >
      {/* Opened to write in: the caret is in the notes (it stayed on the name). */}
      <textarea data-testid="buyer-notes-input" autoFocus rows={3} value={notes} maxLength={20_000} onChange={(e) => setNotes(e.target.value)} />
      <TagEditor tags={tags} onChange={setTags} />
      {error ? <p className="error">{error}</p> : null}
      <button type="submit" className="primary" data-testid="buyer-save">
        {t('save')}
      </button>{' '}
      <button type="button" onClick={done}>
        {t('cancel')}
      </button>
    </form>
  );
}

/**
 * "1 case · 3 evidence records": each count in its own number (one sentence for both said "1 cases"), each a
 * link to the Cases board / Evidence list filtered to this buyer (they were bare counts: the seller retyped the
 * name into the evidence filter). A count of 0 is no link: it would open an empty list.
 */
function LinkedCounts({ buyerId, cases, evidence }: { buyerId: string; cases: number; evidence: number }) {
  const { t, lang } = useI18n();
  const casesText = t(countKey(lang, cases, 'linkedCasesOne', 'linkedCases'), { n: cases });
  const evidenceText = t(countKey(lang, evidence, 'linkedEvidenceOne', 'linkedEvidence'), { n: evidence });
  return (
    <>
      {cases ? (
        <a href={`#${hashForBuyer('cases', buyerId)}`} data-testid="buyer-cases-link">
          {casesText}
        </a>
      ) : (
        casesText
      )}{' '}
      ·{' '}
      {evidence ? (
        <a href={`#${hashForBuyer('evidence', buyerId)}`} data-testid="buyer-evidence-link">
          {evidenceText}
        </a>
      ) : (
        evidenceText
      )}
    </>
  );
}
