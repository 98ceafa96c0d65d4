/**
 * The popup's capture buttons. Opening the popup is a gesture on the action, so
 * the background holds activeTab for the tab and captures without any host
 * permission. The popup is not part of the tab's pixels (captureVisibleTab
 * takes the tab), so it stays open to show the result.
 */
import { useState } from 'react';
import { captureFailureText } from '../../lib/messaging';
import { askBackground } from '../ext';
import { useI18n } from '../i18n';

export function PopupCapture({ tabId }: { tabId: number | null }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (work: () => Promise<string>) => {
    setStatus(null);
    try {
      setStatus({ ok: true, text: await work() });
    } catch (e) {
      // In the seller's language and what to do (one wording with the sidebar and notifications).
      setStatus({ ok: false, text: captureFailureText(e, t) });
    }
  };
  return (
    <div className="actions capture-actions" data-testid="popup-capture-actions">
      <button
        type="button"
        data-testid="popup-shot-visible"
        disabled={tabId === null}
        onClick={() =>
          void run(async () => {
            const r = await askBackground('capture:screenshot', { tabId: tabId!, kind: 'visible', jobId: `popup-${crypto.randomUUID()}`, note: '', caseId: null });
            return t('evSaved', { seq: r.seq, width: r.width, height: r.height });
          })
        }
      >
        {t('evShotVisible')}
      </button>
      <button
        type="button"
        data-testid="popup-shot-page"
        disabled={tabId === null}
        onClick={() =>
          void run(async () => {
            const r = await askBackground('capture:screenshot', { tabId: tabId!, kind: 'page', jobId: `popup-${crypto.randomUUID()}`, note: '', caseId: null });
            return t('evSaved', { seq: r.seq, width: r.width, height: r.height });
          })
        }
      >
        {t('evShotPage')}
      </button>
      <button
        type="button"
        data-testid="popup-capture-chat"
        disabled={tabId === null}
        onClick={() =>
          void run(async () => {
            const r = await askBackground('evidence:capture-chat', { tabId: tabId!, note: '', caseId: null });
            return t('evChatSaved', { seq: r.seq, n: r.messageCount });
          })
        }
      >
        {t('evCaptureChat')}
      </button>
      {status ? (
        <p className={status.ok ? 'ok small' : 'error small'} role="status" data-testid="popup-capture-status">
          {status.text}
        </p>
      ) : null}
    </div>
  );
}
