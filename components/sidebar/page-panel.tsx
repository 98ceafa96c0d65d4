/**
 * What Xiaoer read from the page — site, page kind, how it was read, buyer,
 * order, tracking — with an Edit button per value (the correction holds for
 * this conversation only, kept by the overlay core and used by templates), and
 * the element picker that teaches Xiaoer an unknown backend (site profile per
 * host, saved through the background).
 */
import { Fragment, useEffect, useRef, useState } from 'react';
import { DATA_CHANGED, PICK_FIELDS, type CorrectableField, type PageState, type PickField } from '../../lib/messaging';
import { notAChat, type SiteProfile } from '../../lib/schema';
import { useI18n } from '../i18n';
import { askBackground, askOverlay, onBroadcast } from '../ext';
import type { SidebarTabProps } from './tabs';
import type { MessageKey } from '../../lib/i18n';
import { failureText, knownFailure } from '../failure-text';
import { pageSiteName } from '../site-names';

const SOURCE_KEY: Record<PageState['source'], MessageKey> = { dedicated: 'sourceDedicated', generic: 'sourceGeneric', taught: 'sourceTaught' };
const KIND_KEY: Record<PageState['kind'], MessageKey> = { chat: 'kindChat', order: 'kindOrder', reviews: 'kindReviews', other: 'kindOther' };
const PART_KEY: Record<PickField, MessageKey> = {
  composer: 'sitePickComposer',
  messagePane: 'sitePickMessagePane',
  messageRow: 'sitePickMessageRow',
  buyerName: 'sitePickBuyerName',
  orderNumber: 'sitePickOrderNumber',
};

interface Fact {
  field: CorrectableField;
  label: MessageKey;
  testId: string;
  value: (s: PageState) => string | null;
}

const FACTS: Fact[] = [
  { field: 'buyerName', label: 'buyer', testId: 'page-buyer', value: (s) => s.context.buyer.name ?? s.context.buyer.id },
  { field: 'orderNumber', label: 'order', testId: 'page-order', value: (s) => s.context.order.number },
  { field: 'product', label: 'product', testId: 'page-product', value: (s) => s.context.order.product },
  { field: 'amount', label: 'amount', testId: 'page-amount', value: (s) => s.context.order.amount },
  { field: 'trackingNumber', label: 'tracking', testId: 'page-tracking', value: (s) => s.context.tracking.number },
  { field: 'carrier', label: 'carrier', testId: 'page-carrier', value: (s) => s.context.tracking.carrier },
];

export function PagePanel({ link }: SidebarTabProps) {
  const { t } = useI18n();
  const state = link.state;
  const [editing, setEditing] = useState<CorrectableField | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  // An edit opened for one buyer is closed when the agent opens another conversation: left open, it kept
  // the last buyer's order number, and Save made it this buyer's ("a correction for this conversation").
  // A moment without a page state (a refresh) is not another conversation.
  const conversation = state ? `${state.site}|${state.context.buyer.id ?? ''}|${state.context.buyer.name ?? ''}` : null;
  const editedFor = useRef(conversation);
  useEffect(() => {
    if (conversation === null || editedFor.current === conversation) return;
    editedFor.current = conversation;
    setEditing(null);
    setError(null);
  }, [conversation]);
  if (!state) return null;
  const corrected = new Set(state.corrected ?? []);
  const v = (x: string | null) => x ?? t('notFound');

  const correct = async (field: CorrectableField, value: string | null) => {
    if (link.tabId === null) return;
    setError(null);
    try {
      await askOverlay(link.tabId, 'overlay:correct', { field, value });
      setEditing(null);
    } catch (e) {
      setError(failureText(e, t));
    }
  };

  return (
    <section className="page-panel" data-testid="page-panel">
      <dl className="facts">
        <dt>{t('site')}</dt>
        <dd data-testid="page-site">{pageSiteName(t, state)}</dd>
        <dt>{t('pageKind')}</dt>
        <dd data-testid="page-kind">{t(KIND_KEY[state.kind])}</dd>
        <dt>{t('detectedBy')}</dt>
        <dd data-testid="page-source" data-source={state.source}>
          {t(SOURCE_KEY[state.source])}
        </dd>
        {/* Called, not mounted as a component: a pushed state must not remount the edit box. */}
        {FACTS.map((f) => factRow(f))}
        {/* A review list's or an order page's rows counted as messages ("Messages 20" on the reviews) where Capture chat refuses them. */}
        {notAChat(state.kind) ? null : (
          <>
            <dt>{t('messages')}</dt>
            {/* null: counted when the page is next idle (a long conversation just opened). */}
            <dd data-testid="page-messages" aria-busy={state.messageCount === null}>
              {state.messageCount ?? '…'}
            </dd>
          </>
        )}
      </dl>
      {corrected.size ? <p className="muted pad">{t('siteCorrectHint')}</p> : null}
      {error ? (
        <p className="error pad" role="alert">
          {error}
        </p>
      ) : null}
      <TeachSection link={link} />
    </section>
  );

  function factRow(fact: Fact) {
    const value = fact.value(state!);
    const isCorrected = corrected.has(fact.field);
    if (editing === fact.field) {
      return (
        <Fragment key={fact.field}>
          <dt>{t(fact.label)}</dt>
          <dd>
            <form
              className="correct-form"
              onSubmit={(e) => {
                e.preventDefault();
                void correct(fact.field, draft);
              }}
            >
              <input
                autoFocus
                data-testid={`${fact.testId}-input`}
                value={draft}
                maxLength={200}
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    // Esc leaves the edit, not the sidebar.
                    e.preventDefault();
                    e.nativeEvent.preventDefault();
                    setEditing(null);
                  }
                }}
              />
              <button type="submit" data-testid={`${fact.testId}-save`}>
                {t('siteCorrectSave')}
              </button>
              <button type="button" onClick={() => setEditing(null)}>
                {t('siteCorrectCancel')}
              </button>
            </form>
          </dd>
        </Fragment>
      );
    }
    return (
      <Fragment key={fact.field}>
        <dt>{t(fact.label)}</dt>
        <dd className="fact">
          <span data-testid={fact.testId} data-corrected={isCorrected ? 'true' : undefined}>
            {v(value)}
          </span>
          {isCorrected ? <span className="chip">{t('siteCorrected')}</span> : null}
          <button
            type="button"
            className="link"
            data-testid={`${fact.testId}-edit`}
            onClick={() => {
              setDraft(value ?? '');
              setEditing(fact.field);
            }}
          >
            {t('siteCorrect')}
          </button>
          {isCorrected ? (
            <button type="button" className="link" data-testid={`${fact.testId}-reset`} onClick={() => void correct(fact.field, null)}>
              {t('siteCorrectReset')}
            </button>
          ) : null}
        </dd>
      </Fragment>
    );
  }
}

/**
 * The stored profile of `host`, through the background (the sidebar, a third-party frame, may not
 * open IndexedDB: use-library.ts), refetched when profiles change anywhere (a pick, Forget, the
 * dashboard's delete or import). The Page tab's "taught" markers and Forget come from it: kept in
 * the tab's own state they were blank after a reload while the page read the taught profile.
 */
function useStoredProfile(host: string): [SiteProfile | null, (p: SiteProfile | null) => void] {
  const [stored, setStored] = useState<{ host: string; profile: SiteProfile | null } | null>(null);
  useEffect(() => {
    if (!host) return; // not a web page: no profile (the background refuses a name that is no host)
    let asked = 0;
    let alive = true;
    const load = () => {
      const ask = ++asked;
      askBackground('profile:get', { host }).then(
        (profile) => {
          if (alive && ask === asked) setStored({ host, profile });
        },
        () => null,
      );
    };
    load();
    const off = onBroadcast(DATA_CHANGED, ({ tables }) => {
      if (tables.includes('siteProfiles')) load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [host]);
  // Another host's answer (the tab moved on) is not this host's profile.
  return [stored?.host === host ? stored.profile : null, (profile) => setStored({ host, profile })];
}

/** The element picker, one part at a time (or all in turn); each pick is saved to the host's profile at once. */
function TeachSection({ link }: { link: SidebarTabProps["link"] }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<PickField | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const cancelled = useRef(false);
  const state = link.state;
  const host = state ? hostOf(state.url) : '';
  const [profile, setProfile] = useStoredProfile(host);

  // Esc in the sidebar while picking cancels the pick (the page may not have keyboard focus).
  useEffect(() => {
    if (!busy || link.tabId === null) return;
    const tabId = link.tabId;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      cancelled.current = true;
      void askOverlay(tabId, 'overlay:pick-cancel', {}).catch(() => null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [busy, link.tabId]);

  if (!state) return null;

  const pickParts = async (fields: readonly PickField[]) => {
    if (link.tabId === null) return;
    cancelled.current = false;
    setStatus(null);
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      setBusy(field);
      try {
        const part = t(PART_KEY[field]);
        const res = await askOverlay(link.tabId, 'overlay:pick', {
          field,
          prompt: t('sitePickPrompt', { part, step: i + 1, total: fields.length }),
          skip: t('sitePickSkip'),
          cancel: t('sitePickCancel'),
        });
        if (res.outcome === 'cancelled' || cancelled.current) {
          setStatus(t('sitePickCancelled'));
          break;
        }
        if (res.outcome === 'picked' && res.selector) {
          const saved = await askBackground('profile:save', { host: res.host, fields: { [field]: res.selector } });
          if (saved.host === host) setProfile(saved);
          // A message row's preview is how many rows the selector finds: "Saved the one message: 4" read as one message saved.
          setStatus(field === 'messageRow' ? t('sitePickSavedRows', { n: res.preview || '0' }) : t('sitePickSaved', { part, preview: res.preview || '…' }));
        }
      } catch (e) {
        setStatus(t('sitePickFailed', { error: knownFailure(e, t) ?? (e instanceof Error ? e.message : String(e)) }));
        break;
      }
    }
    setBusy(null);
  };

  const forget = async () => {
    if (!profile) return;
    await askBackground('profile:delete', { host: profile.host }).catch(() => null);
    setProfile(null);
  };

  return (
    <section className="teach pad" data-testid="teach">
      <h3>{t('siteTeachTitle')}</h3>
      <p className="muted">{state.source === 'dedicated' ? t('siteTeachDedicated') : t('siteTeachHint', { host })}</p>
      <button type="button" data-testid="teach-all" disabled={busy !== null} onClick={() => void pickParts(PICK_FIELDS)}>
        {t('siteTeachAll')}
      </button>
      <ul className="teach-parts">
        {PICK_FIELDS.map((field) => (
          <li key={field}>
            <span>{t(PART_KEY[field])}</span>
            <span className="muted" data-testid={`teach-state-${field}`}>
              {profile?.[field] ? t('siteTaught') : busy === field ? '…' : ''}
            </span>
            <button type="button" data-testid={`teach-${field}`} disabled={busy !== null} onClick={() => void pickParts([field])}>
              {t('sitePointAt')}
            </button>
          </li>
        ))}
      </ul>
      {state.source === 'taught' || profile ? (
        <button type="button" className="link" data-testid="teach-forget" onClick={() => void forget()} disabled={!profile}>
          {t('siteForget')}
        </button>
      ) : null}
      {status ? (
        <p className="muted" role="status" data-testid="teach-status">
          {status}
        </p>
      ) : null}
    </section>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
