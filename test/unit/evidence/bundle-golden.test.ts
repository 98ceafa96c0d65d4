/**
 * Bundles a seller exported with an earlier release still verify: the golden bundles under
 * golden/ were written by the release of their BUNDLE_VERSION (golden/make-bundles.ts) and are
 * checked by today's verifier, which renders their transcripts and report.html again and
 * compares byte for byte (lib/evidence/bundle.ts). A failure here means a change to the
 * renderers or their labels would make evidence already handed to a platform read as
 * tampered: keep the old rendering for old bundles and give the new one a new BUNDLE_VERSION
 * (then write that version's golden bundles) — never regenerate an old version's files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BUNDLE_VERSION } from '../../../lib/evidence/bundle';
import { verifyBundle } from '../../../lib/evidence/verify';
import { GOLDEN_LANGS } from './golden/make-bundles';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const goldens = readdirSync(dir).filter((f) => /^bundle-v\d+-[\w-]+\.zip$/.test(f)).sort();

describe('bundles exported by earlier releases', () => {
  it('there is a golden bundle for this BUNDLE_VERSION in every bundle language', () => {
    for (const lang of GOLDEN_LANGS) expect(goldens).toContain(`bundle-v${BUNDLE_VERSION}-${lang}.zip`);
  });

  it('version 2 reads as a reviewer needs: marketplaces by name, times with their zone, a pasted photo not printed whole', () => {
    const files = unzipSync(new Uint8Array(readFileSync(join(dir, 'bundle-v2-zh-CN.zip'))));
    const report = new TextDecoder().decode(files['report.html']);
    expect(report).toContain('<th>平台</th><td>拼多多 Pinduoduo</td>');
    expect(report).toContain('<th>采集时间</th><td>2026-11-10 18:31:27 (UTC+08:00)</td>');
    expect(report).toContain('<h2>工单: ');
    expect(report).toContain('内嵌图片（image/png，');
    for (const [path, bytes] of Object.entries(files)) {
      if (path.startsWith('transcripts/') || path === 'report.html') expect(new TextDecoder().decode(bytes), path).not.toContain('data:image/png;base64');
    }
    // The photo itself is kept, in the chained messages.
    expect(Object.entries(files).some(([path, bytes]) => path.endsWith('messages.json') && new TextDecoder().decode(bytes).includes('data:image/png;base64'))).toBe(true);
  });

  it('version 3 writes Chinese documents with Chinese punctuation after a label; English ones as version 2', () => {
    const text = (name: string, path: string) => new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(join(dir, name))))[path]);
    const zh = text('bundle-v3-zh-CN.zip', 'report.html');
    expect(zh).toContain('<h2>工单：');
    expect(zh).toContain('状态：等待平台');
    // A timeline line pointing at a record the bundle does not hold: its aside in full-width brackets.
    expect(zh).toContain('证据：截图（证据 ev-5）');
    expect(zh).not.toMatch(/[\u4e00-\u9fff]: /);
    const txt = text('bundle-v3-zh-TW.zip', 'transcripts/0001-ev-1.txt').split('\n');
    expect(txt.slice(1, 3)).toEqual(['證據：ev-1（序號 1）', '買家：买家小0']);
    expect(txt.some((l) => /^  圖片：https:/.test(l))).toBe(true);
    const en = text('bundle-v3-en.zip', 'report.html');
    expect(en).toContain('Evidence: 截图 (Evidence ev-5)');
    expect(text('bundle-v3-en.zip', 'transcripts/0001-ev-1.txt')).toContain('Evidence: ev-1 (No. 1)\nBuyer: ');
  });

  it.each(goldens)('%s verifies', async (name) => {
    const bytes = new Uint8Array(readFileSync(join(dir, name)));
    const v = await verifyBundle(bytes);
    expect(v.ok ? null : v.problem, `${name}: renderers changed under BUNDLE_VERSION ${BUNDLE_VERSION}? (see this file's comment)`).toBeNull();
    // What the renderers were asked to draw is there: a deleted artifact, a withheld record, a record without messages.
    const files = Object.keys(unzipSync(bytes));
    expect(files.filter((f) => f.startsWith('transcripts/') && f.endsWith('.html'))).toHaveLength(4);
    expect(files.some((f) => f.includes('ev-5'))).toBe(false);
    expect(files.some((f) => f.includes('ev-2-art-1'))).toBe(false);
  });
});
