/**
 * Redact a COPY of a screenshot before sharing it (e.g. the courier's latest
 * tracking status pasted into the buyer chat). Boxes start from the personal
 * data the page script found at capture time (phones, e-mails, tracking and ID
 * numbers: lib/capture/redact.ts, stored as `<shot>-redactions.json`); drag to
 * add a box, click one to remove it, Undo (or Ctrl+Z) takes back the last change, Esc closes.
 * Copy (ClipboardItem image/png) and
 * download draw the copy on a canvas; the stored artifact is never written.
 */
import { useEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { getDb } from '../../lib/db';
import type { Artifact } from '../../lib/schema';
import { useI18n } from '../i18n';
import { artifactFileName, downloadBlob } from './export-bundle';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Tallest stitched output (lib/capture/stitch.ts default): image i of a split capture starts at i × this. */
const MAX_CANVAS_HEIGHT = 16384;

/** Boxes of this image from its record's redactions.json (stacked coordinates → this image's). */
export async function suggestedBoxes(artifact: Artifact, imageHeight: number): Promise<Box[]> {
  const m = /^(.*?)(?:-(\d+))?\.png$/.exec(artifact.name);
  if (!m) return [];
  const json = await getDb().artifacts.where('evidenceId').equals(artifact.evidenceId).filter((a) => a.name === `${m[1]}-redactions.json`).first();
  if (!json) return [];
  try {
    const data = JSON.parse(await json.data.text()) as { boxes?: Box[] };
    const offset = m[2] ? (Number(m[2]) - 1) * MAX_CANVAS_HEIGHT : 0;
    return (data.boxes ?? [])
      .map((b) => ({ x: b.x, y: b.y - offset, width: b.width, height: b.height }))
      .filter((b) => b.y + b.height > 0 && b.y < imageHeight && b.width > 0 && b.height > 0);
  } catch {
    return [];
  }
}

/** The redacted copy: the image with every box filled black. */
export async function renderRedacted(image: Blob, boxes: readonly Box[]): Promise<Blob> {
  const bmp = await createImageBitmap(image);
  const canvas = new OffscreenCanvas(bmp.width, bmp.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bmp, 0, 0);
  bmp.close();
  ctx.fillStyle = '#000';
  for (const b of boxes) ctx.fillRect(Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height));
  return canvas.convertToBlob({ type: 'image/png' });
}

export function RedactEditor({ artifact, onClose }: { artifact: Artifact; onClose: () => void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [boxes, setBoxes] = useState<Box[]>([]);
  // The boxes before each change: a click on a box removes it at once, and one meant for the picture
  // would otherwise leave that phone number uncovered with no way back but starting over.
  const [history, setHistory] = useState<Box[][]>([]);
  const change = (next: (b: Box[]) => Box[]) => {
    setHistory((h) => [...h, boxes]);
    setBoxes(next);
  };
  const undo = () => {
    if (!history.length) return;
    setBoxes(history[history.length - 1]!);
    setHistory((h) => h.slice(0, -1));
  };
  const [draft, setDraft] = useState<Box | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const surface = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const u = URL.createObjectURL(artifact.data);
    setUrl(u);
    let alive = true;
    void createImageBitmap(artifact.data).then(async (bmp) => {
      const s = { width: bmp.width, height: bmp.height };
      bmp.close();
      const suggested = await suggestedBoxes(artifact, s.height);
      if (alive) {
        setSize(s);
        setBoxes(suggested);
      }
    });
    return () => {
      alive = false;
      URL.revokeObjectURL(u);
    };
  }, [artifact]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      } else if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  /** Mouse position in image pixels (the image is shown scaled to the editor's width). */
  const toImage = (e: ReactMouseEvent) => {
    const r = surface.current!.getBoundingClientRect();
    const k = size!.width / r.width;
    return { x: (e.clientX - r.left) * k, y: (e.clientY - r.top) * k };
  };
  const pct = (b: Box) =>
    size ? { left: `${(b.x / size.width) * 100}%`, top: `${(b.y / size.height) * 100}%`, width: `${(b.width / size.width) * 100}%`, height: `${(b.height / size.height) * 100}%` } : {};

  const output = () => renderRedacted(artifact.data, boxes);

  return (
    <div className="redact-editor" role="dialog" aria-label={t('redactTitle')} data-testid="redact-editor">
      <div className="actions">
        <strong>{t('redactTitle')}</strong>
        <span className="small" data-testid="redact-count">
          {t('redactBoxes', { n: boxes.length })}
        </span>
        <button
          type="button"
          data-testid="redact-copy"
          onClick={async () => {
            try {
              // A promise in the ClipboardItem keeps the click's activation while the PNG is drawn.
              await navigator.clipboard.write([new ClipboardItem({ 'image/png': output() })]);
              setStatus({ ok: true, text: t('redactCopied') });
            } catch (e) {
              setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
            }
          }}
        >
          {t('redactCopy')}
        </button>
        <button type="button" data-testid="redact-download" onClick={async () => downloadBlob(await output(), await artifactFileName(artifact, '-redacted'))}>
          {t('redactDownload')}
        </button>
        <button type="button" data-testid="redact-undo" disabled={!history.length} onClick={undo}>
          {t('redactUndo')}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <p className="small muted">{t('redactHint')}</p>
      {status ? (
        <p className={status.ok ? 'ok small' : 'error small'} role="status" data-testid="redact-status">
          {status.text}
        </p>
      ) : null}
      {url && size ? (
        <div
          ref={surface}
          className="redact-surface"
          data-testid="redact-surface"
          style={{ position: 'relative', userSelect: 'none', cursor: 'crosshair', lineHeight: 0 }}
          onMouseDown={(e) => {
            if (e.button !== 0) return;
            drag.current = toImage(e);
            setDraft(null);
          }}
          onMouseMove={(e) => {
            if (!drag.current) return;
            const p = toImage(e);
            const s = drag.current;
            setDraft({ x: Math.min(s.x, p.x), y: Math.min(s.y, p.y), width: Math.abs(p.x - s.x), height: Math.abs(p.y - s.y) });
          }}
          onMouseUp={() => {
            drag.current = null;
            if (draft && draft.width > 3 && draft.height > 3) change((b) => [...b, draft]);
            setDraft(null);
          }}
        >
          <img src={url} alt={artifact.name} draggable={false} style={{ width: '100%', display: 'block' }} />
          {boxes.map((b, i) => (
            <div
              key={`${i}-${b.x}-${b.y}`}
              className="redact-box"
              data-testid="redact-box"
              title="×"
              style={{ position: 'absolute', background: '#000', cursor: 'pointer', ...pct(b) }}
              onMouseDown={(e) => e.stopPropagation()}
              onClick={() => change((all) => all.filter((_, j) => j !== i))}
            />
          ))}
          {draft ? <div style={{ position: 'absolute', border: '2px dashed #e4393c', ...pct(draft) }} /> : null}
        </div>
      ) : null}
    </div>
  );
}
