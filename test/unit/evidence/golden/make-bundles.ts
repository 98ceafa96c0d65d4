/**
 * Writes the golden evidence bundles (bundle-v<N>-<lang>.zip) that bundle-golden.test.ts
 * verifies with the current verifier. Run once per BUNDLE_VERSION, when that version is
 * released — never to make a failing golden test pass:
 *
 *   npx tsx test/unit/evidence/golden/make-bundles.ts
 *
 * The bundles cover what the renderers of transcripts and report.html draw: every evidence
 * kind, a record without messages, a withheld record, an artifact deleted before export,
 * a case with note / evidence / status / reminder timeline entries, in each bundle language;
 * since v2 also named and generic sites and a photo pasted into the chat (a data: URL); since v3 a
 * timeline line pointing at a record the bundle does not hold; since v4 the line saying when the case was opened.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_VERSION, collectBytes, writeBundle } from '../../../../lib/evidence/bundle';
import { sealEvidence } from '../../../../lib/evidence/hash';
import type { Case, Evidence, Lang } from '../../../../lib/schema';
import { makeChain } from '../make-evidence';

export async function goldenBundle(lang: Lang): Promise<Uint8Array> {
  const chain = await makeChain({ count: 6, artifactsPerRecord: 3, artifactSize: 200, messagesPerRecord: 7, seed: 23, withoutMessages: ['ev-3'], dataImageIn: 'ev-6' });
  const kinds = ['chat', 'words', 'screenshot', 'review', 'chat', 'chat'] as const;
  // Since v2 sites are shown by name (or the page's host for the generic reader).
  const sites = ['pinduoduo', 'qianniu', 'taobao', 'generic', 'shopee', 'jd'] as const;
  const records: Evidence[] = [];
  let prev: Evidence | null = null;
  for (const [i, r] of chain.records.entries()) {
    const { seq: _s, prevHash: _p, hash: _h, ...draft } = r;
    prev = await sealEvidence(prev, { ...draft, kind: kinds[i]!, site: sites[i]! });
    records.push(prev);
  }
  const cases: Case[] = chain.cases.map((c) => ({
    ...c,
    timeline: [
      ...c.timeline,
      { at: '2026-11-11T09:00:00.000+08:00', kind: 'status', text: 'waiting-platform', evidenceId: null },
      { at: '2026-11-11T10:00:00.000+08:00', kind: 'reminder', text: '18:00 前回复平台', evidenceId: null },
      { at: '2026-11-11T11:00:00.000+08:00', kind: 'evidence', text: '买家原话', evidenceId: 'ev-4' },
      // Since v3: a line pointing at a record not in the bundle (withheld ev-5) carries an aside, （…） in Chinese.
      { at: '2026-11-11T12:00:00.000+08:00', kind: 'evidence', text: '截图', evidenceId: 'ev-5' },
    ],
  }));
  return collectBytes(
    writeBundle({
      records,
      // ev-2's first screenshot was deleted in Storage before the export (a tombstone).
      artifacts: async (ref) => (ref.id === 'ev-2-art-1' ? { deletedAt: '2026-11-12T08:00:00.000+08:00' } : chain.blobs.get(ref.id)!),
      cases,
      lang,
      withhold: (r) => r.seq === 5,
      generatedAt: '2026-11-22T18:31:27.000+08:00',
      generator: { name: 'xiaoer', version: '0.1.0' },
    }),
  );
}

export const GOLDEN_LANGS: readonly Lang[] = ['zh-CN', 'zh-TW', 'en'];
export const goldenPath = (version: number, lang: Lang) => join(dirname(fileURLToPath(import.meta.url)), `bundle-v${version}-${lang}.zip`);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const lang of GOLDEN_LANGS) {
    const bytes = await goldenBundle(lang);
    writeFileSync(goldenPath(BUNDLE_VERSION, lang), bytes);
    console.log(`bundle-v${BUNDLE_VERSION}-${lang}.zip: ${bytes.length} bytes`);
  }
}
