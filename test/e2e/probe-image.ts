/** Reading a stored screenshot back in an extension page: its size and the pixels a test looks at. */
import type { Page } from '@playwright/test';

/** Decode one artifact image of an evidence record and sample pixels at the given points. */
export async function probeImage(from: Page, evidenceId: string, name: RegExp, points: [number, number][] = [], column?: { x: number; rgb: [number, number, number] }) {
  return from.evaluate(
    async ([id, source, pts, col]) => {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const r = indexedDB.open('xiaoer');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const arts = await new Promise<any[]>((ok, fail) => {
        const r = db.transaction('artifacts').objectStore('artifacts').index('evidenceId').getAll(id);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      db.close();
      const re = new RegExp(source);
      const art = arts.find((a) => re.test(a.name));
      if (!art) return null;
      const bmp = await createImageBitmap(art.data);
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const samples = pts.map(([x, y]) => [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)]);
      let rows = 0;
      if (col) {
        const data = ctx.getImageData(col.x, 0, 1, bmp.height).data;
        for (let y = 0; y < bmp.height; y++) {
          const i = y * 4;
          if (Math.abs(data[i]! - col.rgb[0]) <= 3 && Math.abs(data[i + 1]! - col.rgb[1]) <= 3 && Math.abs(data[i + 2]! - col.rgb[2]) <= 3) rows++;
        }
      }
      return { width: bmp.width, height: bmp.height, mime: art.data.type, samples, rows, names: arts.map((a) => a.name) };
    },
    [evidenceId, name.source, points, column ?? null] as const,
  );
}
