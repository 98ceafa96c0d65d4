/** Save bytes or text as a file from a click in an extension page (a blob URL and a[download]; no downloads permission needed). */
export function downloadFile(name: string, data: BlobPart, mime: string): void {
  downloadBlob(new Blob([data], { type: mime }), name);
}

/** Save a Blob as a file from a click in an extension page (dashboard, sidebar, popup). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chrome reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What a record's downloaded file is named after (an Evidence row, or the background's evidence:shot-image answer). */
export interface FileRecord {
  seq: number | string;
  capturedAt?: string;
  buyerName?: string | null;
  orderId?: string | null;
}

/** A buyer's or order's text as a file-name part: letters (Chinese too), digits, '-' and '_'; nothing a file system refuses. */
function namePart(text: string): string {
  return text.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 30);
}

/**
 * A record's file: when it was captured (the seller's clock, so a folder sorted by name is in capture order), its
 * number, then the order and buyer it is about — "xiaoer-2026-11-25-14-32-05-ev42-order-2611207XKQ3HBN-小王-screenshot-page.png".
 * It was "xiaoer-42-screenshot-page.png": in Downloads, or uploaded to a platform's complaint form, nothing said whose
 * dispute it belonged to or when it was taken. A redacted copy is named by time and number only: the order and buyer
 * it hides from the image would be read off its name. `suffix` goes before the extension.
 */
export function recordFileName(record: FileRecord, name: string, suffix = ''): string {
  const file = suffix ? name.replace(/(\.[a-z0-9]+)?$/i, `${suffix}$1`) : name;
  const redacted = /-redacted(\.[a-z0-9]+)?$/i.test(file);
  const captured = record.capturedAt ? new Date(record.capturedAt) : null;
  const parts = [
    'xiaoer',
    ...(captured && !Number.isNaN(captured.getTime()) ? [fileStamp(captured)] : []),
    typeof record.seq === 'number' ? `ev${record.seq}` : record.seq,
    ...(!redacted && record.orderId && namePart(record.orderId) ? [`order-${namePart(record.orderId)}`] : []),
    ...(!redacted && record.buyerName && namePart(record.buyerName) ? [namePart(record.buyerName)] : []),
  ];
  return `${parts.join('-')}-${file}`;
}

/**
 * "2026-11-25-07-30-05" on the seller's own clock, for file names that sort by time: a UTC stamp named a file made at
 * 07:30 in Shanghai after the day before.
 */
export function fileStamp(d: Date): string {
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

/** "2026-03-01" in local time, for file names. */
export function fileDate(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * The share of the browser's quota in use, as the number before "%": a few MB of a large disk's quota
 * showed "0.00%", as if nothing were stored. Two significant digits below 10 %, whole numbers above;
 * "<0.01" for a share too small to show, "0" only for nothing at all.
 */
export function quotaShare(used: number, quota: number): string {
  const pct = (used / Math.max(1, quota)) * 100;
  if (used <= 0) return '0';
  if (pct < 0.01) return '<0.01';
  return pct < 10 ? String(Number(pct.toPrecision(2))) : pct.toFixed(0);
}
