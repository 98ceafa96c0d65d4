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

/** A record's file under its number: "xiaoer-42-screenshot-page-redacted.png" (`suffix` goes before the extension). */
export function recordFileName(seq: number | string, name: string, suffix = ''): string {
  return `xiaoer-${seq}-${suffix ? name.replace(/(\.[a-z0-9]+)?$/i, `${suffix}$1`) : name}`;
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
