/**
 * Redact a COPY of a screenshot before sharing it (e.g. the courier's latest
 * tracking status pasted into the buyer chat). Boxes start from the personal
 * data the page script found at capture time (phones, e-mails, tracking and ID
 * numbers: lib/capture/redact.ts, stored as `<shot>-redactions.json`); drag to
 * add a box, drag a box by its inside to move it or by its edges and corners to
 * resize it (redact-box-edit.ts), click one to remove it; a focused box moves with the arrow
 * keys, resizes with Shift+arrows, Delete removes it. Undo (or Ctrl+Z) takes back the last
 * change — a whole drag is one change — Esc closes.
 * Copy (ClipboardItem image/png) and
 * download draw the copy on a canvas; the stored artifact is never written. Save as evidence seals the copy as a
 * new screenshot record (the background draws it from the stored image: evidence:save-redacted), so a bundle for
 * the platform can carry the covered copy on the chain beside the original.
 */
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { getDb } from '../../lib/db';
import type { Artifact } from '../../lib/schema';
import { useI18n } from '../i18n';
import { artifactFileName } from './export-bundle';
import { downloadBlob } from '../download';
import { EDGES, inImage, moveBox, resizeBox, type Box, type Edges } from './redact-box-edit';
import { renderRedacted } from '../../lib/capture/redact-render';
import { askBackground } from '../ext';
import { useOneAtATime } from '../one-at-a-time';
import { countKey } from '../plural';
import { failureText } from '../failure-text';

export type { Box } from './redact-box-edit';

/** CSS pixels the pointer must travel on a box before it is a move, not a click that removes the box. */
const DRAG_SLOP = 3;

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

/** What the pointer is doing in the editor: drawing a new box, or moving / resizing box `index`. */
type Gesture =
  | { kind: 'draw'; start: { x: number; y: number } }
  | { kind: 'move' | 'resize'; index: number; edges: Edges; start: { x: number; y: number }; client: { x: number; y: number }; before: Box[]; moved: boolean };

/** `recordSeq`: the number of the record the screenshot belongs to (named in what Save as evidence says). */
export function RedactEditor({ artifact, recordSeq, onClose }: { artifact: Artifact; recordSeq: number | null; onClose: () => void }) {
  const { t, lang } = useI18n();
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
  const gesture = useRef<Gesture | null>(null);

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
        // Mid-drag, the drag's start is what Undo goes back to; the drag itself is dropped.
        const g = gesture.current;
        if (g && g.kind !== 'draw' && g.moved) {
          gesture.current = null;
          setBoxes(g.before);
          return;
        }
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  /** Image pixels per CSS pixel (the image is shown scaled to the editor's width; a 2× screenshot has about 2). */
  const scale = () => size!.width / surface.current!.getBoundingClientRect().width;
  /** Pointer position in image pixels. */
  const toImage = (e: { clientX: number; clientY: number }) => {
    const r = surface.current!.getBoundingClientRect();
    const k = size!.width / r.width;
    return { x: (e.clientX - r.left) * k, y: (e.clientY - r.top) * k };
  };
  const pct = (b: Box) =>
    size ? { left: `${(b.x / size.width) * 100}%`, top: `${(b.y / size.height) * 100}%`, width: `${(b.width / size.width) * 100}%`, height: `${(b.height / size.height) * 100}%` } : {};

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !size) return;
    const target = e.target as HTMLElement;
    const boxEl = target.closest<HTMLElement>('[data-index]');
    const start = toImage(e);
    if (boxEl) {
      const index = Number(boxEl.dataset.index);
      const edges = (target.dataset.edge as Edges | undefined) ?? null;
      gesture.current = { kind: edges ? 'resize' : 'move', index, edges: edges ?? 'n', start, client: { x: e.clientX, y: e.clientY }, before: boxes, moved: false };
      // Focus is the box the arrow keys then nudge; no outline from a mouse (:focus-visible).
      boxEl.focus({ preventScroll: true });
      e.preventDefault();
    } else {
      gesture.current = { kind: 'draw', start: inImage(start, size) };
      setDraft(null);
    }
    // Captured: a drag that leaves the picture still ends (and its box stops at the picture's edge).
    surface.current?.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (!g || !size) return;
    const p = toImage(e);
    if (g.kind === 'draw') {
      const q = inImage(p, size);
      const s = g.start;
      setDraft({ x: Math.min(s.x, q.x), y: Math.min(s.y, q.y), width: Math.abs(q.x - s.x), height: Math.abs(q.y - s.y) });
      return;
    }
    if (!g.moved && Math.hypot(e.clientX - g.client.x, e.clientY - g.client.y) < DRAG_SLOP) return;
    g.moved = true;
    const origin = g.before[g.index];
    if (!origin) return;
    const dx = p.x - g.start.x, dy = p.y - g.start.y;
    const next = g.kind === 'move' ? moveBox(origin, dx, dy, size) : resizeBox(origin, g.edges, dx, dy, size);
    setBoxes(g.before.map((b, i) => (i === g.index ? next : b)));
  };
  const onPointerUp = () => {
    const g = gesture.current;
    gesture.current = null;
    if (!g) return;
    if (g.kind === 'draw') {
      if (draft && draft.width > 3 && draft.height > 3) change((b) => [...b, draft]);
      setDraft(null);
    } else if (g.moved) {
      // The boxes followed the pointer; the whole drag is one step for Undo.
      setHistory((h) => [...h, g.before]);
    } else {
      change((all) => all.filter((_, j) => j !== g.index));
      // Not on the box that now has this place in the list: a Delete next would remove a box not clicked.
      surface.current?.focus({ preventScroll: true });
    }
  };
  const onPointerCancel = () => {
    const g = gesture.current;
    gesture.current = null;
    if (g && g.kind !== 'draw') setBoxes(g.before);
    setDraft(null);
  };

  /** Arrows move the focused box by one CSS pixel of the picture, Shift+arrows move its right / bottom edge, Delete removes it. */
  const onBoxKey = (index: number) => (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (!size) return;
    const b = boxes[index];
    if (!b) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      change((all) => all.filter((_, j) => j !== index));
      surface.current?.focus({ preventScroll: true });
      return;
    }
    const step = Math.max(1, Math.round(scale()));
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!d || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    const next = e.shiftKey ? resizeBox(b, 'se', d[0]!, d[1]!, size) : moveBox(b, d[0]!, d[1]!, size);
    change((all) => all.map((x, j) => (j === index ? next : x)));
  };

  const output = () => renderRedacted(artifact.data, boxes);
  const saving = useOneAtATime();

  return (
    <div className="redact-editor" role="dialog" aria-label={t('redactTitle')} data-testid="redact-editor">
      <div className="actions">
        <strong>{t('redactTitle')}</strong>
        <span className="small" data-testid="redact-count">
          {t(countKey(lang, boxes.length, 'redactBoxesOne', 'redactBoxes'), { n: boxes.length })}
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
              setStatus({ ok: false, text: failureText(e, t) });
            }
          }}
        >
          {t('redactCopy')}
        </button>
        <button type="button" data-testid="redact-download" onClick={async () => downloadBlob(await output(), await artifactFileName(artifact, '-redacted'))}>
          {t('redactDownload')}
        </button>
        <button
          type="button"
          data-testid="redact-save"
          disabled={!boxes.length || saving.busy}
          onClick={(e) =>
            void saving.run(async () => {
              setStatus(null);
              try {
                const r = await askBackground('evidence:save-redacted', { artifactId: artifact.id, boxes });
                setStatus({ ok: true, text: t('redactSaved', { seq: r.seq, of: recordSeq ?? '' }) });
              } catch (err) {
                setStatus({ ok: false, text: failureText(err, t) });
              }
            }, e)
          }
        >
          {t('redactSave')}
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
          tabIndex={-1}
          style={{ position: 'relative', userSelect: 'none', cursor: 'crosshair', lineHeight: 0, touchAction: 'none' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerCancel}
        >
          <img src={url} alt={artifact.name} draggable={false} style={{ width: '100%', display: 'block' }} />
          {boxes.map((b, i) => (
            <div
              // By position in the list: a box keeps its element (and the keyboard focus) while it moves.
              key={i}
              className="redact-box"
              data-testid="redact-box"
              data-index={i}
              tabIndex={0}
              role="button"
              aria-label={t('redactBoxLabel', { n: i + 1 })}
              title={t('redactBoxHint')}
              style={{ position: 'absolute', ...pct(b) }}
              onKeyDown={onBoxKey(i)}
            >
              {EDGES.map((edge) => (
                <span key={edge} className={`redact-handle redact-handle-${edge}`} data-edge={edge} aria-hidden="true" />
              ))}
            </div>
          ))}
          {draft ? <div style={{ position: 'absolute', border: '2px dashed #e4393c', ...pct(draft) }} /> : null}
        </div>
      ) : null}
    </div>
  );
}
