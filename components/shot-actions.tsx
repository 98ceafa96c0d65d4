/**
 * Copy and Download of the screenshot just taken, beside "Saved as evidence #N" in the sidebar and the popup. A
 * seller takes a shot to paste it into the buyer chat or a platform's complaint form at once; the image was only
 * reachable through Dashboard → Evidence → the gallery. The bytes are the stored ones, from the background
 * (evidence:shot-image: the sidebar, framed in the marketplace's page, is refused IndexedDB), so what is pasted or
 * saved is what the record's hash names. A page taller than one canvas is several images: those download, one file
 * each; Copy takes a single image.
 */
import { useState } from 'react';
import { useI18n } from './i18n';
import { askBackground } from './ext';
import { failureText } from './failure-text';
import { downloadBlob, recordFileName, type FileRecord } from './download';
import { useOneAtATime } from './one-at-a-time';

/** "Saved as evidence #N (W×H)", and when the page would not hold still under the capture, that rows may be off. */
export function shotSavedText(r: { seq: number; width: number; height: number; unsteady?: boolean }, t: ReturnType<typeof useI18n>['t']): string {
  const saved = t('evSaved', { seq: r.seq, width: r.width, height: r.height });
  return r.unsteady ? `${saved} · ${t('evShotUnsteady')}` : saved;
}

async function storedImage(evidenceId: string, index: number): Promise<{ record: FileRecord; count: number; name: string; png: Blob }> {
  const { dataUrl, count, name, ...record } = await askBackground('evidence:shot-image', { evidenceId, index });
  return { record, count, name, png: await (await fetch(dataUrl)).blob() };
}

export function ShotActions({ evidenceId, images }: { evidenceId: string; images: number }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const downloading = useOneAtATime();
  const copy = async () => {
    setStatus(null);
    try {
      // The ClipboardItem takes a promise: the click's activation holds while the image comes from the store.
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': storedImage(evidenceId, 0).then((i) => i.png) })]);
      setStatus({ ok: true, text: t('redactCopied') });
    } catch (e) {
      setStatus({ ok: false, text: failureText(e, t) });
    }
  };
  const download = async () => {
    setStatus(null);
    try {
      for (let index = 0, count = 1; index < count; index++) {
        const image = await storedImage(evidenceId, index);
        count = image.count;
        downloadBlob(image.png, recordFileName(image.record, image.name));
      }
    } catch (e) {
      setStatus({ ok: false, text: failureText(e, t) });
    }
  };
  return (
    <span className="actions shot-actions" data-testid="shot-actions">
      {images === 1 ? (
        <button type="button" data-testid="shot-copy" onClick={() => void copy()}>
          {t('redactCopy')}
        </button>
      ) : null}
      <button type="button" data-testid="shot-download" disabled={downloading.busy} onClick={(e) => void downloading.run(download, e)}>
        {images === 1 ? t('redactDownload') : t('shotDownloadAll', { n: images })}
      </button>
      {status ? (
        <span className={status.ok ? 'ok small' : 'error small'} role="status" data-testid="shot-status">
          {status.text}
        </span>
      ) : null}
    </span>
  );
}
