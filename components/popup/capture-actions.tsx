/**
 * The popup's capture buttons. Opening the popup is a gesture on the action, so
 * the background holds activeTab for the tab and captures without any host
 * permission. The popup is not part of the tab's pixels (captureVisibleTab
 * takes the tab), so it stays open to show the result.
 *
 * Capture chat has no boxes here: it follows the sidebar's (whole conversation,
 * MHTML snapshot), as the seller last left them.
 */
import { useState } from 'react';
import { captureFailure, captureFailureText, skippedText } from '../../lib/messaging';
import { askBackground } from '../ext';
import { useI18n } from '../i18n';
import { cancelEarlierMessages, chatSavedText, historyNote, wholeHistoryWanted } from '../load-earlier';
import { mhtmlWanted } from '../mhtml-pref';
import { useOneAtATime, type Click } from '../one-at-a-time';
import { ShotActions, shotSavedText } from '../shot-actions';

export function PopupCapture({ tabId }: { tabId: number | null }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // One capture at a time, from the click on: a second one would scroll the same page under the first (the guard
  // was the `working` state, which a double click gets to before React re-renders).
  const capture = useOneAtATime();
  const working = capture.busy;
  const [loadingHistory, setLoadingHistory] = useState(false);
  // The screenshot just stored, offered for Copy / Download (as in the sidebar).
  const [shot, setShot] = useState<{ evidenceId: string; images: number } | null>(null);
  // The click is passed on: a double click's second click, arriving after a quick capture has ended, is no second capture.
  const run = (work: () => Promise<string>, click: Click) =>
    capture.run(async () => {
      setStatus(null);
      setShot(null);
      try {
        setStatus({ ok: true, text: await work() });
      } catch (e) {
        // In the seller's language and what to do (one wording with the sidebar and notifications).
        setStatus({ ok: captureFailure(e) === 'cancelled', text: captureFailureText(e, t) });
      }
    }, click);
  const shoot = (kind: 'visible' | 'page', click: Click) =>
    run(async () => {
      const r = await askBackground('capture:screenshot', { tabId: tabId!, kind, jobId: `popup-${crypto.randomUUID()}`, note: '', caseId: null });
      setShot({ evidenceId: r.evidenceId, images: r.images });
      return shotSavedText(r, t);
    }, click);
  return (
    <div className="actions capture-actions" data-testid="popup-capture-actions">
      <button
        type="button"
        data-testid="popup-shot-visible"
        disabled={tabId === null || working}
        onClick={(e) => void shoot('visible', e)}
      >
        {t('evShotVisible')}
      </button>
      <button
        type="button"
        data-testid="popup-shot-page"
        disabled={tabId === null || working}
        onClick={(e) => void shoot('page', e)}
      >
        {t('evShotPage')}
      </button>
      <button
        type="button"
        data-testid="popup-capture-chat"
        disabled={tabId === null || working}
        onClick={(e) =>
          void run(async () => {
            // The chat's earlier messages first (the sidebar's "Whole conversation" setting), loaded by the background.
            // And an MHTML snapshot only when the seller's last choice there was yes (pageCapture held is no yes).
            const [loadEarlier, mhtml] = await Promise.all([wholeHistoryWanted(), mhtmlWanted()]);
            setLoadingHistory(loadEarlier);
            try {
              const r = await askBackground('evidence:capture-chat', { tabId: tabId!, note: '', caseId: null, loadEarlier, mhtml });
              const history = historyNote(r.history, t, lang);
              // What was left out (earlier messages not all loaded, tab not in front) is said in the seller's language, as in the sidebar.
              return [chatSavedText(r.seq, r.messageCount, t, lang), ...(history ? [history] : []), ...r.skipped.map((s) => skippedText(s, t))].join(' · ');
            } finally {
              setLoadingHistory(false);
            }
          }, e)
        }
      >
        {t('evCaptureChat')}
      </button>
      {loadingHistory ? (
        <p className="small" role="status" data-testid="popup-history-loading">
          {t('evHistoryLoading')}{' '}
          <button type="button" data-testid="popup-history-cancel" onClick={() => tabId !== null && cancelEarlierMessages(tabId)}>
            {t('evCancel')}
          </button>
        </p>
      ) : null}
      {status ? (
        <p className={status.ok ? 'ok small' : 'error small'} role="status" data-testid="popup-capture-status">
          {status.text}
        </p>
      ) : null}
      {shot && status?.ok ? <ShotActions key={shot.evidenceId} {...shot} /> : null}
    </div>
  );
}
