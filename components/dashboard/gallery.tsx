/**
 * The Evidence view's screenshot gallery and its full-size viewer. Tiles follow the list (newest
 * record first; a record's parts in order: gallery-order.ts), each named by its record's number and
 * capture time — a deleted screenshot (a tombstone: no bytes) too, as "deleted on <date>", never as
 * a broken image. The viewer is a dialog the keyboard can work: Esc closes it and gives focus back
 * to the tile, ←/→ walk the gallery, Tab stays inside it; its action bar stays above the image, which
 * scrolls under it (a whole chat is one picture 16–22k px tall).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { formatDateTime } from '../../lib/i18n';
import type { Artifact, Evidence } from '../../lib/schema';
import { isTombstone } from '../../lib/schema/tombstone';
import { useI18n } from '../i18n';
import { artifactFileName } from './export-bundle';
import { downloadBlob } from '../download';
import { galleryOrder } from './gallery-order';
import { RedactEditor } from './redact-editor';

/** An image artifact with an object URL for its bytes, or `url: null` for a deleted one (a tombstone has none). */
interface GalleryImage {
  art: Artifact;
  url: string | null;
}

/** The records' image artifacts in the list's order, with object URLs revoked when they go away. */
function useImageArtifacts(records: readonly Evidence[]): GalleryImage[] {
  const key = records.map((r) => r.id).join(',');
  // No image among the shown records (the common case at open): no read at all.
  const arts = useLiveQuery(async () => (records.length ? getDb().artifacts.where('evidenceId').anyOf(records.map((r) => r.id)).toArray() : []), [key]);
  const [items, setItems] = useState<GalleryImage[]>([]);
  useEffect(() => {
    const images = (arts ?? []).filter((a) => a.mime.startsWith('image/'));
    const list = galleryOrder(records, images).map((art) => ({ art, url: isTombstone(art) ? null : URL.createObjectURL(art.data) }));
    setItems(list);
    return () => list.forEach((i) => i.url && URL.revokeObjectURL(i.url));
    // The records are read through their key: a new array of the same records is no new read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [arts, key]);
  return items;
}

/** What can take the keyboard inside the viewer, in Tab order. */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Gallery({ records }: { records: readonly Evidence[] }) {
  const { t, lang } = useI18n();
  const withImages = useMemo(() => records.filter((r) => r.artifacts.some((a) => a.mime.startsWith('image/'))), [records]);
  const recordOf = useMemo(() => new Map(withImages.map((r) => [r.id, r])), [withImages]);
  const images = useImageArtifacts(withImages);
  const [fullId, setFullId] = useState<string | null>(null);
  // The viewer follows the live row: a screenshot deleted (in Storage, another tab) while open says so instead of breaking.
  const at = fullId ? images.findIndex((i) => i.art.id === fullId) : -1;
  const full = at >= 0 ? images[at]! : null;
  const [redact, setRedact] = useState<Artifact | null>(null);
  const thumbs = useRef(new Map<string, HTMLButtonElement>());
  const dialog = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const redactButton = useRef<HTMLButtonElement>(null);
  const deletedOn = (a: Artifact) => t('evDeletedOn', { date: formatDateTime(lang, a.deletedAt!) });
  const downloadOriginal = async (a: Artifact) => downloadBlob(a.data, await artifactFileName(a));
  const label = (a: Artifact) => {
    const r = recordOf.get(a.evidenceId);
    return r ? `#${r.seq} · ${formatDateTime(lang, r.capturedAt)}` : '';
  };

  // The arrows walk the screenshots that can be shown; a deleted one has nothing to show.
  const live = images.filter((i) => i.url !== null);
  const livePos = full ? live.indexOf(full) : -1;
  const neighbour = (dir: -1 | 1): GalleryImage | undefined => {
    for (let j = at + dir; j >= 0 && j < images.length; j += dir) if (images[j]!.url !== null) return images[j];
    return undefined;
  };
  const prev = full ? neighbour(-1) : undefined;
  const next = full ? neighbour(1) : undefined;

  // Opened, or another image shown: its top, under the bar (the previous one may have been scrolled to its end).
  const shown = full?.art.id ?? null;
  useLayoutEffect(() => {
    if (!shown) return;
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [shown]);
  // Opened: the keyboard moves into the dialog (it stayed on the tile behind it), onto the picture, whose
  // ↑/↓/Page keys then scroll a tall screenshot.
  const opened = fullId !== null;
  useEffect(() => {
    if (opened) scroller.current?.focus({ preventScroll: true });
  }, [opened]);

  const close = () => {
    // Back to the tile of the image last shown — after → that is not the one clicked, and it is where the seller is.
    const tile = fullId ? thumbs.current.get(fullId) : undefined;
    setFullId(null);
    tile?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // The redaction editor over the viewer takes its own keys (Esc closes it, not the viewer).
    if (redact) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const to = e.key === 'ArrowRight' ? next : prev;
      e.preventDefault();
      if (to) setFullId(to.art.id);
    } else if (e.key === 'Tab') {
      // Tab stays in the dialog: the page behind it is covered, and focus there is focus nobody sees.
      const list = [...(dialog.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      if (!list.length) return;
      const first = list[0]!;
      const last = list[list.length - 1]!;
      const active = document.activeElement;
      if (e.shiftKey ? active === first || !list.includes(active as HTMLElement) : active === last) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    }
  };

  const record = full ? recordOf.get(full.art.evidenceId) : undefined;
  return (
    <section className="gallery" data-testid="gallery">
      <h3>{t('evGallery')}</h3>
      <div className="thumbs">
        {images.map((i) =>
          i.url === null ? (
            <div key={i.art.id} className="thumb deleted muted small" data-testid="gallery-deleted" data-name={i.art.name} data-evidence={i.art.evidenceId}>
              <span className="thumb-label" data-testid="gallery-label">
                {label(i.art)}
              </span>
              {i.art.name}
              <br />
              {deletedOn(i.art)}
            </div>
          ) : (
            <button
              key={i.art.id}
              ref={(el) => {
                if (el) thumbs.current.set(i.art.id, el);
                else thumbs.current.delete(i.art.id);
              }}
              type="button"
              className="thumb"
              data-testid="gallery-thumb"
              data-name={i.art.name}
              data-evidence={i.art.evidenceId}
              onClick={() => setFullId(i.art.id)}
            >
              <span className="thumb-image">
                <img src={i.url} alt={i.art.name} loading="lazy" />
              </span>
              <span className="thumb-label small" data-testid="gallery-label">
                {label(i.art)}
              </span>
            </button>
          ),
        )}
      </div>
      {full ? (
        <div ref={dialog} className="viewer" role="dialog" aria-modal="true" tabIndex={-1} aria-label={t('evViewerLabel')} data-testid="image-viewer" onKeyDown={onKeyDown}>
          <div className="actions viewer-bar" data-testid="viewer-bar">
            <button type="button" data-testid="viewer-prev" aria-label={t('evViewerPrev')} title={t('evViewerPrev')} disabled={!prev} onClick={() => prev && setFullId(prev.art.id)}>
              ‹
            </button>
            <span data-testid="viewer-where">
              {/* Which record, and where in the gallery: the arrows walk all of it, across records. */}
              {record && livePos >= 0 ? t('evViewerWhere', { seq: record.seq, pos: livePos + 1, total: live.length }) : record ? `#${record.seq}` : ''}
            </span>
            <button type="button" data-testid="viewer-next" aria-label={t('evViewerNext')} title={t('evViewerNext')} disabled={!next} onClick={() => next && setFullId(next.art.id)}>
              ›
            </button>
            <span className="small muted ellipsis">{full.art.name}</span>
            <span className="viewer-bar-end">
              {full.url !== null ? (
                <button ref={redactButton} type="button" data-testid="viewer-redact" onClick={() => setRedact(full.art)}>
                  {t('evRedact')}
                </button>
              ) : null}
              {full.url !== null ? (
                // The original as captured (its SHA-256 is in the record): what a platform asking for the file gets.
                <button type="button" data-testid="viewer-download" onClick={() => void downloadOriginal(full.art)}>
                  {t('evDownloadOriginal')}
                </button>
              ) : null}
              <button type="button" data-testid="viewer-close" onClick={close}>
                {t('close')}
              </button>
            </span>
          </div>
          {/* The picture scrolls here, under the bar; focusable so ↑/↓/Page keys scroll it. */}
          <div ref={scroller} className="viewer-body" data-testid="viewer-body" tabIndex={0} aria-label={full.art.name}>
            {full.url !== null ? (
              <img src={full.url} alt={full.art.name} data-testid="viewer-image" />
            ) : (
              <p className="muted" data-testid="viewer-deleted">
                {full.art.name} · {deletedOn(full.art)}
              </p>
            )}
          </div>
        </div>
      ) : null}
      {redact ? (
        <RedactEditor
          artifact={redact}
          recordSeq={recordOf.get(redact.evidenceId)?.seq ?? null}
          onClose={() => {
            setRedact(null);
            // Back where the seller was: the viewer's Redact button (the editor is gone with its focus).
            redactButton.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
