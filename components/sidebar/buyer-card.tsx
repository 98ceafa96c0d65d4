/**
 * The buyer on screen, at the top of the sidebar (domain §6: remember
 * customers, mark risky ones). Keyed by site + the buyer id/name the page
 * reader found; the background records the buyer on first sight and moves
 * lastContactAt. A RISKY tag shows a warning the agent cannot miss before
 * promising anything. Notes are editable here.
 */
import { useEffect, useRef, useState } from 'react';
import { DATA_CHANGED, type BackgroundRes } from '../../lib/messaging';
import { askBackground, onBroadcast } from '../ext';
import { useI18n } from '../i18n';
import { countKey } from '../plural';
import type { PageLink } from './use-page';
import { failureText } from '../failure-text';

type Card = BackgroundRes<'buyer:seen'>;

export function BuyerTags({ tags }: { tags: readonly string[] }) {
  const { t } = useI18n();
  return (
    <span className="buyer-tags">
      {tags.map((x) => (
        <span key={x} className={`chip tag-${x === 'risky' ? 'risky' : x === 'vip' ? 'vip' : 'custom'}`} data-testid="buyer-tag">
          {x === 'vip' ? t('tagVip') : x === 'risky' ? t('tagRisky') : x}
        </span>
      ))}
    </span>
  );
}

/**
 * VIP and risky as switches, other tags as a comma list. The list reaches `tags` as it is typed:
 * read on blur only, the tags typed before Enter (which submits without a blur) were not saved.
 */
export function TagEditor({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => void }) {
  const { t } = useI18n();
  const custom = tags.filter((x) => x !== 'vip' && x !== 'risky');
  // Shown as the UI writes a list ("老客户、爱砍价"; was "老客户, 爱砍价", a half-width comma in Chinese).
  const [text, setText] = useState(() => custom.join(t('listSeparator')));
  const toggle = (tag: string, on: boolean) => onChange(on ? [...tags.filter((x) => x !== tag), tag] : tags.filter((x) => x !== tag));
  return (
    <div className="tag-editor">
      <label>
        <input type="checkbox" data-testid="buyer-tag-vip" checked={tags.includes('vip')} onChange={(e) => toggle('vip', e.target.checked)} /> {t('tagVip')}
      </label>{' '}
      <label>
        <input type="checkbox" data-testid="buyer-tag-risky" checked={tags.includes('risky')} onChange={(e) => toggle('risky', e.target.checked)} /> {t('tagRisky')}
      </label>{' '}
      <input
        data-testid="buyer-tag-custom"
        placeholder={t('customTags')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const next = e.target.value.split(/[,，、]/).map((s) => s.trim().slice(0, 50)).filter(Boolean);
          onChange([...tags.filter((x) => x === 'vip' || x === 'risky'), ...new Set(next)].slice(0, 50));
        }}
      />
    </div>
  );
}

export function BuyerCard({ link }: { link: PageLink }) {
  const { t, lang } = useI18n();
  const site = link.state?.site ?? '';
  const who = link.state?.context.buyer ?? null;
  const platformId = who?.id ?? null;
  const name = who?.name ?? null;
  const known = Boolean(site && ((platformId ?? '').trim() || (name ?? '').trim()));
  const [card, setCard] = useState<Card | null>(null);
  const [editing, setEditing] = useState(false);
  const [notes, setNotes] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [error, setError] = useState('');
  // Closed by the agent (Save, Cancel, Esc): the focus goes back to Edit. The form held it and went away, so
  // the focus fell to the sidebar's body: the keyboard started again from the top, and the next Esc closed
  // the whole sidebar.
  const editButton = useRef<HTMLButtonElement>(null);
  const backToEdit = useRef(false);
  const close = () => {
    backToEdit.current = true;
    setEditing(false);
  };
  useEffect(() => {
    if (editing || !backToEdit.current) return;
    backToEdit.current = false;
    editButton.current?.focus();
  }, [editing]);

  // What is being edited, for the conversation switch below (its cleanup sees the render it started in).
  const open = useRef<{ id: string; notes: string; tags: string[]; was: { notes: string; tags: string[] } } | null>(null);
  open.current = editing && card ? { id: card.buyer.id, notes, tags, was: { notes: card.buyer.notes, tags: card.buyer.tags } } : null;

  useEffect(() => {
    setCard(null);
    setEditing(false);
    // A refusal said about the last conversation's buyer stood on the next buyer's card.
    setError('');
    if (!known) return;
    let alive = true;
    const show = (c: Card) => alive && setCard(c);
    const fail = (e: unknown) => alive && setError(failureText(e, t));
    const seen = () => askBackground('buyer:seen', { site, platformId, name }).then(show).catch(fail);
    void seen();
    // A data change (an edit in the dashboard, a restore) is read, not a new sighting: a sighting renames
    // the stored buyer to the page's name, and after a restore the card rewrote what was just restored.
    // Evidence and cases too: the card counts them ("1 cases · 5 evidence" stayed at 0 until a reload).
    const off = onBroadcast(DATA_CHANGED, ({ tables }) => {
      if (!tables.some((table) => table === 'buyers' || table === 'evidence' || table === 'cases')) return;
      void askBackground('buyer:get', { site, platformId, name })
        .then((c) => (c ? show(c) : seen()))
        .catch(fail);
    });
    return () => {
      alive = false;
      off();
      // The conversation changed with the card open: what the agent wrote is about the buyer it was
      // written for, so it is saved to that buyer (was: thrown away without a word).
      const edit = open.current;
      if (edit && (edit.notes !== edit.was.notes || edit.tags.join('\n') !== edit.was.tags.join('\n'))) {
        void askBackground('buyer:update', { id: edit.id, notes: edit.notes, tags: edit.tags }).catch(() => null);
      }
    };
  }, [known, site, platformId, name]);

  if (!known || !card) return null;
  const { buyer } = card;
  const risky = buyer.tags.includes('risky');
  return (
    <section className={`buyer-card${risky ? ' risky' : ''}`} data-testid="buyer-card" data-buyer-id={buyer.id}>
      {risky ? (
        <p className="risky-warning" role="alert" data-testid="buyer-risky-warning">
          ⚠ {t('riskyWarning')}
        </p>
      ) : null}
      <div className="buyer-head">
        <strong data-testid="buyer-card-name">{buyer.name || buyer.platformId}</strong> <BuyerTags tags={buyer.tags} />
        <span className="muted small" data-testid="buyer-card-counts" data-cases={card.caseCount} data-evidence={card.evidenceCount}>
          {t(countKey(lang, card.caseCount, 'linkedCasesOne', 'linkedCases'), { n: card.caseCount })} ·{' '}
          {t(countKey(lang, card.evidenceCount, 'linkedEvidenceOne', 'linkedEvidence'), { n: card.evidenceCount })}
        </span>
        {editing ? null : (
          <button
            ref={editButton}
            type="button"
            className="link"
            data-testid="buyer-card-edit"
            onClick={() => {
              setNotes(buyer.notes);
              setTags(buyer.tags);
              setEditing(true);
            }}
          >
            {t('edit')}
          </button>
        )}
      </div>
      {editing ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              setCard({ ...card, buyer: await askBackground('buyer:update', { id: buyer.id, notes, tags }) });
              close();
              setError('');
            } catch (err) {
              setError(failureText(err, t));
            }
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // Not the sidebar's Esc either way. The Esc that ends a word being picked (pinyin) is the input
            // method's: it closed the form and threw the notes away.
            e.stopPropagation();
            if (!e.nativeEvent.isComposing) close();
          }}
        >
          {/* Opened to write in: the caret is in the notes (Edit, which had it, is gone while the form is open). */}
          <textarea data-testid="buyer-card-notes-input" autoFocus rows={3} value={notes} maxLength={20_000} placeholder={t('buyerNotes')} onChange={(e) => setNotes(e.target.value)} />
          <TagEditor tags={tags} onChange={setTags} />
          <button type="submit" className="primary" data-testid="buyer-card-save">
            {t('save')}
          </button>{' '}
          <button type="button" onClick={close}>
            {t('cancel')}
          </button>
        </form>
      ) : buyer.notes ? (
        <p className="buyer-notes" data-testid="buyer-card-notes">
          {buyer.notes}
        </p>
      ) : null}
      {error ? <p className="error small">{error}</p> : null}
    </section>
  );
}
