import { unzipSync, zipSync, type Zippable } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { problemText } from '../../../components/dashboard/evidence-view';
import { canonicalJson } from '../../../lib/evidence/hash';
import { verifyBundle } from '../../../lib/evidence/verify';
import { translate, type MessageKey } from '../../../lib/i18n';
import type { Lang } from '../../../lib/schema';

const tIn = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);

describe('Verify: what a tampered bundle is said to have, in the language\'s punctuation', () => {
  it('Chinese joins the file and the finding with a full-width colon (was an ASCII ": " inside Chinese)', () => {
    const changed = { kind: 'file-hash' as const, path: 'evidence/0003/screenshot-visible.png', message: 'sha256 mismatch' };
    expect(problemText(changed, tIn('zh-CN'))).toBe('不完好：evidence/0003/screenshot-visible.png：此文件在导出后被改动（其 SHA-256 与记录不符）');
    expect(problemText({ kind: 'record-hash', seq: 12, message: 'x' }, tIn('zh-TW'))).toBe('不完好：紀錄 #12：證據紀錄在擷取後被改動（雜湊不再相符）');
    expect(problemText(changed, tIn('en'))).toBe('Not intact: evidence/0003/screenshot-visible.png: this file was changed after the export (its SHA-256 is not the one recorded)');
  });
  it('no file or record: the finding alone', () => {
    expect(problemText({ kind: 'zip', message: 'x' }, tIn('zh-CN'))).toBe('不完好：ZIP 压缩包已损坏或被重新打包');
  });
});

const golden = (name: string) => new Uint8Array(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../evidence/golden', name)));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** The bundle's manifest edited and its digest recomputed, re-packed the way another tool would. */
function withManifest(zip: Uint8Array, edit: (m: Record<string, unknown>) => void): Uint8Array {
  const files = unzipSync(zip);
  const m = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
  edit(m);
  const { digest: _d, ...body } = m;
  m.digest = sha(new TextEncoder().encode(canonicalJson(body)));
  files['manifest.json'] = new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`);
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0 }]])) as Zippable);
}

describe('Verify: what the seller reads for a bundle that is not damaged', () => {
  it('a bundle exported by a newer Xiaoer says to update, not that the manifest is damaged or was edited', async () => {
    const r = await verifyBundle(withManifest(golden('bundle-v4-zh-CN.zip'), (m) => { m.version = 9; }));
    if (r.ok) throw new Error('a version 9 bundle verified');
    const zh = problemText(r.problem, tIn('zh-CN'));
    expect(zh).toBe('暂时无法校验：此证据包由较新版本的小二导出（证据包版本 9，当前版本最高可读 4）。这并不表示被改动过，请更新小二后再校验。');
    expect(zh).not.toContain('损坏');
    expect(problemText(r.problem, tIn('zh-TW'))).toContain('請更新小二後再驗證');
    const en = problemText(r.problem, tIn('en'));
    expect(en).toContain('exported by a newer Xiaoer (bundle version 9; this one reads up to version 4)');
    expect(en).not.toContain('damaged');
  });
});
