import { unzipSync, zipSync, type Zippable } from 'fflate';
import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../lib/schema';
import { canonicalJson, hashEvidenceRecord } from '../../../lib/evidence/hash';
import { BundleError, collectBytes, writeBundle, type BundleManifest, type BundleOptions, type BundleProgress } from '../../../lib/evidence/bundle';
import { verifyBundle } from '../../../lib/evidence/verify';
import { makeChain, prng, type FixtureChain } from './make-evidence';
import { XSS } from './xss-corpus';

function options(chain: FixtureChain, extra: Partial<BundleOptions> = {}): BundleOptions {
  return {
    records: chain.records,
    artifacts: async (ref) => chain.blobs.get(ref.id)!,
    cases: chain.cases,
    lang: 'zh-CN',
    generatedAt: '2026-11-22T18:31:27.000+08:00',
    generator: { name: 'xiaoer', version: '0.1.0' },
    ...extra,
  };
}

async function exportBytes(chain: FixtureChain, extra: Partial<BundleOptions> = {}): Promise<Uint8Array> {
  return collectBytes(writeBundle(options(chain, extra)));
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const unzip = (b: Uint8Array) => unzipSync(b);
/** Re-pack contents the way another tool would (no archive checksum). */
const rezip = (files: Record<string, Uint8Array>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0 }]])) as Zippable);

function readManifest(files: Record<string, Uint8Array>): BundleManifest {
  return JSON.parse(new TextDecoder().decode(files['manifest.json']));
}

/** Forge a manifest edit that keeps the manifest self-consistent (digest recomputed). */
async function forgeManifest(files: Record<string, Uint8Array>, edit: (m: BundleManifest) => void | Promise<void>): Promise<Uint8Array> {
  const m = readManifest(files);
  await edit(m);
  const { digest: _d, ...body } = m;
  m.digest = sha(new TextEncoder().encode(canonicalJson(body)));
  return rezip({ ...files, 'manifest.json': new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`) });
}

async function smallChain(): Promise<FixtureChain> {
  // ev-3: a screenshot-only capture (no messages.json), so no transcript files.
  return makeChain({ count: 4, artifactsPerRecord: 3, artifactSize: 3000, messagesPerRecord: 6, seed: 11, withoutMessages: ['ev-3'] });
}

describe('writeBundle', () => {
  it('writes screenshots, snapshots, transcripts, report and a manifest listing every file with its SHA-256', async () => {
    const chain = await smallChain();
    const progress: BundleProgress[] = [];
    const bytes = await exportBytes(chain, { onProgress: (p) => progress.push(p) });
    const files = unzip(bytes);
    const names = Object.keys(files).sort();
    expect(names.filter((n) => n.startsWith('screenshots/'))).toHaveLength(8);
    expect(names.filter((n) => n.startsWith('snapshots/') && n.endsWith('.html'))).toHaveLength(4);
    expect(names.filter((n) => n.startsWith('transcripts/') && n.endsWith('.html'))).toHaveLength(3);
    expect(names.filter((n) => n.startsWith('transcripts/') && n.endsWith('.txt'))).toHaveLength(3);
    expect(names).toContain('report.html');
    expect(names).toContain('manifest.json');
    expect(names).toContain('screenshots/0001-ev-1-chat-1.png');
    expect(names).toContain('transcripts/0002-ev-2.txt');

    const m = readManifest(files);
    expect(m.format).toBe('xiaoer.evidence-bundle');
    expect(m.version).toBe(4);
    expect(m.generatedAt).toBe('2026-11-22T18:31:27.000+08:00');
    expect(m.files.map((f) => f.path).sort()).toEqual(names.filter((n) => n !== 'manifest.json'));
    for (const f of m.files) {
      expect(f.sha256, f.path).toBe(sha(files[f.path]!));
      expect(f.size, f.path).toBe(files[f.path]!.length);
    }
    // Screenshot bytes are exactly the stored artifact; hashes equal the capture-time hashes in the records.
    const first = m.files.find((f) => f.path === 'screenshots/0001-ev-1-chat-1.png')!;
    expect(first.sha256).toBe(chain.records[0]!.artifacts[0]!.sha256);
    expect(new Uint8Array(await chain.blobs.get('ev-1-art-1')!.arrayBuffer())).toEqual(files['screenshots/0001-ev-1-chat-1.png']);
    // Records carry their chain fields, and the chain root/head.
    expect(m.records.map((r) => (r.withheld ? null : r.record))).toEqual(chain.records);
    expect(m.chain).toEqual({ firstSeq: 1, lastSeq: 4, count: 4, anchor: '', head: chain.records[3]!.hash });
    expect(m.digest).toMatch(/^[0-9a-f]{64}$/);
    // Transcript text is the stored messages.
    const txt = new TextDecoder().decode(files['transcripts/0001-ev-1.txt']);
    for (const msg of chain.messages.get('ev-1')!) expect(txt).toContain(`  ${msg.text}`);
    // Progress: one step per record, then report, manifest, done; bytes never go down.
    expect(progress.filter((p) => p.phase === 'evidence').map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 4, total: 4 });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
    expect(progress.at(-1)!.bytes).toBeLessThanOrEqual(bytes.length);
  });

  it('stores already-compressed images and deflates text', async () => {
    const chain = await smallChain();
    const bytes = await exportBytes(chain);
    // Walk the central directory: method per name.
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let eocd = bytes.length - 22;
    while (dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
    let p = dv.getUint32(eocd + 16, true);
    const methods = new Map<string, number>();
    while (p < eocd) {
      const n = dv.getUint16(p + 28, true);
      methods.set(new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + n)), dv.getUint16(p + 10, true));
      p += 46 + n + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    }
    for (const [name, method] of methods) expect(method, name).toBe(name.endsWith('.png') ? 0 : 8);
  });

  it('is pulled lazily: nothing is read before the consumer asks', async () => {
    const chain = await smallChain();
    let artifactReads = 0;
    const stream = writeBundle(options(chain, { artifacts: async (ref) => { artifactReads++; return chain.blobs.get(ref.id)!; } }));
    await new Promise((r) => setTimeout(r, 20));
    expect(artifactReads).toBe(0);
    const reader = stream.getReader();
    await reader.read();
    expect(artifactReads).toBeGreaterThan(0);
    expect(artifactReads).toBeLessThan(12);
    await reader.cancel();
  });

  it('refuses an artifact whose stored bytes no longer match its capture-time hash', async () => {
    const chain = await smallChain();
    chain.blobs.set('ev-2-art-1', new Blob([new Uint8Array(3000)]));
    await expect(exportBytes(chain)).rejects.toThrow(BundleError);
    await expect(exportBytes(chain)).rejects.toThrow(/ev-2-art-1/);
  });

  it('refuses records that are not a contiguous chain segment, and an empty export', async () => {
    const chain = await smallChain();
    await expect(exportBytes({ ...chain, records: [chain.records[0]!, chain.records[2]!] })).rejects.toThrow(/contiguous/);
    await expect(exportBytes({ ...chain, records: [] })).rejects.toThrow(/nothing to export/);
  });

  it('stops when aborted', async () => {
    const chain = await smallChain();
    const ctl = new AbortController();
    const stream = writeBundle(options(chain, { signal: ctl.signal, onProgress: (p) => { if (p.done === 1) ctl.abort(new Error('seller cancelled')); } }));
    await expect(collectBytes(stream)).rejects.toThrow('seller cancelled');
  });

  it('withholds records (chain fields only) and still verifies', async () => {
    const chain = await smallChain();
    const bytes = await exportBytes(chain, { withhold: (r) => r.seq === 2 || r.seq === 3 });
    const files = unzip(bytes);
    expect(Object.keys(files).some((n) => n.includes('ev-2') || n.includes('ev-3'))).toBe(false);
    const m = readManifest(files);
    expect(m.records[1]).toEqual({ withheld: true, link: { id: 'ev-2', seq: 2, prevHash: chain.records[0]!.hash, hash: chain.records[1]!.hash } });
    const report = new TextDecoder().decode(files['report.html']);
    expect(report).not.toContain('ev-2-art');
    expect(report).toContain(chain.records[1]!.hash);
    const v = await verifyBundle(bytes);
    expect(v.ok).toBe(true);
    // A withheld link that does not connect is still caught.
    const broken = await forgeManifest(files, (mm) => { const r = mm.records[1]!; if (r.withheld) r.link.hash = 'e'.repeat(64); });
    expect(await verifyBundle(broken)).toMatchObject({ ok: false, problem: { kind: 'chain', seq: 3 } });
  });

  it('report.html names kinds, case types, statuses and timeline entries in the bundle language; manifest.json keeps the codes', async () => {
    const chain = await smallChain();
    const { sealEvidence } = await import('../../../lib/evidence/hash');
    // One record of each kind a seller stores.
    const kinds = ['chat', 'words', 'screenshot', 'review'] as const;
    const records: Evidence[] = [];
    let prev: Evidence | null = null;
    for (const [i, r] of chain.records.entries()) {
      const { seq: _s, prevHash: _p, hash: _h, ...draft } = r;
      prev = await sealEvidence(prev, { ...draft, kind: kinds[i]! });
      records.push(prev);
    }
    const cases = chain.cases.map((c) => ({ ...c, type: 'malicious-review' as const, status: 'waiting-platform' as const, timeline: [...c.timeline, { at: '2026-11-11T09:00:00.000+08:00', kind: 'status' as const, text: 'waiting-platform', evidenceId: null }] }));
    const words = {
      // Chinese documents with Chinese punctuation after a label (version 3).
      'zh-CN': { kinds: ['聊天记录', '买家原话', '截图', '评价'], type: '恶意评价', status: '等待平台', events: ['备注：买家要求全额退款', '状态：等待平台'] },
      'zh-TW': { kinds: ['聊天記錄', '買家原話', '截圖', '評價'], type: '惡意評價', status: '等待平台', events: ['備註：买家要求全额退款', '狀態：等待平台'] },
      en: { kinds: ['Chat', "Buyer's words", 'Screenshot', 'Review'], type: 'Malicious review', status: 'Waiting for the platform', events: ['Note: 买家要求全额退款', 'Status: Waiting for the platform'] },
    } as const;
    for (const [lang, w] of Object.entries(words) as [keyof typeof words, (typeof words)[keyof typeof words]][]) {
      const files = unzip(await exportBytes({ ...chain, records, cases }, { lang }));
      const doc = new JSDOM(new TextDecoder().decode(files['report.html'])).window.document;
      // Each section's heading: "<evidence> #seq · <kind> · <time>" (sections are grouped by case, not in seq order).
      const bySeq = new Map(Array.from(doc.querySelectorAll('section.evidence h3')).map((h) => { const [head, kind] = (h.textContent ?? '').split(' · '); return [Number(head!.split('#')[1]), kind]; }));
      expect([1, 2, 3, 4].map((seq) => bySeq.get(seq)), lang).toEqual(w.kinds);
      const text = doc.body.textContent ?? '';
      expect(text, lang).toContain(w.type);
      for (const e of w.events) expect(text, lang).toContain(e);
      for (const code of ['malicious-review', 'waiting-platform']) expect(text, `${lang} ${code}`).not.toContain(code);
      expect(readManifest(files).records.map((m) => (m.withheld ? null : m.record.kind))).toEqual([...kinds]);
      // The timeline's link to ev-1 (exported) is ev-1's own line, not a second one with the raw id.
      const timeline = Array.from(doc.querySelectorAll('ol.timeline li')).map((li) => li.textContent ?? '');
      expect(timeline.filter((l) => l.includes('ev-1')), lang).toEqual([]);
      expect(timeline.filter((l) => l.includes(`#1 · ${w.kinds[0]}`)), lang).toHaveLength(1);
    }
  });

  it('from version 4 a case\'s timeline opens with when the case was opened, in the bundle language; version 3 as it was', async () => {
    const chain = await smallChain();
    const said = [
      ['zh-CN', '2026-11-10 10:00:00 (UTC+08:00) — 工单已创建'], ['zh-TW', '2026-11-10 10:00:00 (UTC+08:00) — 案件已建立'],
      ['en', '2026-11-10 10:00:00 (UTC+08:00) — Case created'],
    ] as const;
    for (const [lang, line] of said) {
      const bytes = await exportBytes(chain, { lang });
      const doc = new JSDOM(new TextDecoder().decode(unzip(bytes)['report.html'])).window.document;
      const timeline = Array.from(doc.querySelectorAll('ol.timeline li')).map((li) => li.textContent ?? '');
      expect(timeline[0], lang).toBe(line);
      expect(timeline.filter((l) => l === line), lang).toHaveLength(1);
      const v = await verifyBundle(bytes);
      if (!v.ok) throw new Error(`${lang}: ${JSON.stringify(v.problem)}`);
      // A version 3 bundle (exported before) is rendered as it was written: no such line, and it verifies.
      const v3 = await exportBytes(chain, { lang, version: 3 });
      const old = new JSDOM(new TextDecoder().decode(unzip(v3)['report.html'])).window.document;
      expect(Array.from(old.querySelectorAll('ol.timeline li')).map((li) => li.textContent ?? ''), lang).not.toContain(line);
      expect((await verifyBundle(v3)).ok, lang).toBe(true);
    }
  });

  it('a record taken off a case is a line on its timeline in the bundle language, the record is not filed under the case, and the bundle verifies', async () => {
    const chain = await smallChain();
    // ev-2 (#2) was linked by mistake and taken off: the case keeps the line, not the link.
    const cases = chain.cases.map((c) => ({ ...c, timeline: [...c.timeline, { at: '2026-11-12T08:00:00.000+08:00', kind: 'unlinked' as const, text: '2', evidenceId: null }] }));
    // Version 1 (bundles already exported) as it was; version 2 with the time readable and 工单 as the zh-CN UI says.
    const said = [
      [1, 'zh-CN', '2026-11-12T08:00:00.000+08:00 — 证据移出案件: #2'], [1, 'zh-TW', '2026-11-12T08:00:00.000+08:00 — 證據移出案件: #2'],
      [1, 'en', '2026-11-12T08:00:00.000+08:00 — Evidence taken off the case: #2'],
      [2, 'zh-CN', '2026-11-12 08:00:00 (UTC+08:00) — 证据移出工单: #2'], [2, 'zh-TW', '2026-11-12 08:00:00 (UTC+08:00) — 證據移出案件: #2'],
      [2, 'en', '2026-11-12 08:00:00 (UTC+08:00) — Evidence taken off the case: #2'],
      // Version 3: Chinese punctuation after the label in Chinese; English as in version 2.
      [3, 'zh-CN', '2026-11-12 08:00:00 (UTC+08:00) — 证据移出工单：#2'], [3, 'zh-TW', '2026-11-12 08:00:00 (UTC+08:00) — 證據移出案件：#2'],
      [3, 'en', '2026-11-12 08:00:00 (UTC+08:00) — Evidence taken off the case: #2'],
    ] as const;
    for (const [version, lang, line] of said) {
      const bytes = await exportBytes({ ...chain, cases }, { lang, version });
      const doc = new JSDOM(new TextDecoder().decode(unzip(bytes)['report.html'])).window.document;
      const timeline = Array.from(doc.querySelectorAll('ol.timeline li')).map((li) => li.textContent ?? '');
      expect(timeline, lang).toContain(line);
      // #2 is not case evidence: its section comes after the case's own records (under "not filed under a case").
      const order = Array.from(doc.querySelectorAll('h2, section.evidence')).map((e) => (e.tagName === 'H2' ? 'h2' : e.id));
      expect(order.slice(0, order.indexOf('ev-2')).filter((x) => x === 'h2'), lang).toHaveLength(2);
      const v = await verifyBundle(bytes);
      if (!v.ok) throw new Error(`${lang}: ${JSON.stringify(v.problem)}`);
    }
  });

  it('a reminder stored as which one fired is worded in the bundle language; one stored with its words (before) reads as written', async () => {
    const chain = await smallChain();
    const cases = chain.cases.map((c) => ({
      ...c,
      timeline: [
        ...c.timeline,
        { at: '2026-11-12T09:00:00.000+08:00', kind: 'reminder' as const, text: 'reply', evidenceId: null },
        { at: '2026-11-13T09:00:00.000+08:00', kind: 'reminder' as const, text: 'follow', evidenceId: null },
        { at: '2026-11-14T09:00:00.000+08:00', kind: 'reminder' as const, text: 'Reply due: you promised the buyer an answer', evidenceId: null },
      ],
    }));
    const said = {
      'zh-CN': ['答复时限到了：你答应过买家给答复', '回访：问问买家是否满意'],
      'zh-TW': ['答覆時限到了：你答應過買家給答覆', '回訪：問問買家是否滿意'],
      en: ['Reply due: you promised the buyer an answer', 'Follow up: ask whether the buyer is satisfied'],
    } as const;
    for (const [lang, [reply, follow]] of Object.entries(said) as [keyof typeof said, readonly [string, string]][]) {
      const bytes = await exportBytes({ ...chain, cases }, { lang, version: 2 });
      const doc = new JSDOM(new TextDecoder().decode(unzip(bytes)['report.html'])).window.document;
      const timeline = Array.from(doc.querySelectorAll('ol.timeline li')).map((li) => li.textContent ?? '');
      expect(timeline.some((l) => l.startsWith('2026-11-12') && l.endsWith(reply)), lang).toBe(true);
      expect(timeline.some((l) => l.startsWith('2026-11-13') && l.endsWith(follow)), lang).toBe(true);
      expect(timeline.some((l) => l.startsWith('2026-11-14') && l.endsWith('Reply due: you promised the buyer an answer')), lang).toBe(true);
      expect(timeline.some((l) => / — (reply|follow)$/.test(l)), lang).toBe(false);
      const v = await verifyBundle(bytes);
      if (!v.ok) throw new Error(`${lang}: ${JSON.stringify(v.problem)}`);
    }
  });

  it('a restore\'s line for a time already past reads as what happened (no reminder sent), not as a reminder that fired', async () => {
    const chain = await smallChain();
    const cases = chain.cases.map((c) => ({
      ...c,
      timeline: [
        ...c.timeline,
        { at: '2026-11-12T09:00:00.000+08:00', kind: 'reminder' as const, text: 'reply-passed', evidenceId: null },
        { at: '2026-11-12T09:00:00.000+08:00', kind: 'reminder' as const, text: 'follow-passed', evidenceId: null },
      ],
    }));
    const said = {
      'zh-CN': ['恢复备份时答复时限已过，未发提醒', '恢复备份时回访时间已过，未发提醒'],
      'zh-TW': ['還原備份時答覆時限已過，未發提醒', '還原備份時回訪時間已過，未發提醒'],
      en: ['Reply time had already passed when the backup was restored — no reminder sent', 'Follow-up time had already passed when the backup was restored — no reminder sent'],
    } as const;
    for (const [lang, lines] of Object.entries(said) as [keyof typeof said, readonly string[]][]) {
      const bytes = await exportBytes({ ...chain, cases }, { lang });
      const doc = new JSDOM(new TextDecoder().decode(unzip(bytes)['report.html'])).window.document;
      const timeline = Array.from(doc.querySelectorAll('ol.timeline li')).map((li) => li.textContent ?? '').filter((l) => l.startsWith('2026-11-12'));
      expect(timeline.map((l) => lines.find((w) => l.endsWith(w)) ?? l), lang).toEqual(lines);
      const v = await verifyBundle(bytes);
      if (!v.ok) throw new Error(`${lang}: ${JSON.stringify(v.problem)}`);
    }
  });

  it('report.html of a bundle without such a line is byte for byte what BUNDLE_VERSION 1 always wrote (old bundles keep verifying)', async () => {
    const chain = await smallChain();
    const cases = chain.cases.map((c) => ({ ...c, timeline: [...c.timeline, { at: '2026-11-11T09:00:00.000+08:00', kind: 'status' as const, text: 'waiting-platform', evidenceId: null }, { at: '2026-11-11T10:00:00.000+08:00', kind: 'reminder' as const, text: 'Reply due', evidenceId: null }] }));
    // SHA-256 of report.html written before the 'unlinked' timeline entry existed (session 10).
    const before = {
      'zh-CN': '24c9150377cd95a1c7cdfcfa5a505e512b9573e834cd7898e71e3d6ed78e9aa5',
      'zh-TW': '0e9762284bf4bee9df7f83a62a8c10f06b9752bc4b027814bb23b66970423fd7',
      en: 'bbd5f74dffcaaa3e338e9c2c745c5fefd3cb6bd5c8c0698ae8cc56bc5e657c24',
    } as const;
    for (const [lang, digest] of Object.entries(before) as [keyof typeof before, string][]) {
      expect(sha(unzip(await exportBytes({ ...chain, cases }, { lang, version: 1 }))['report.html']!), lang).toBe(digest);
    }
  });

  it('report.html is inert whatever the records contain, and its images point at bundled files', async () => {
    const chain = await makeChain({ count: 3, artifactsPerRecord: 2, artifactSize: 500, messagesPerRecord: 3, seed: 5 });
    // Re-seal every record with hostile strings in every free-text field.
    const { sealEvidence } = await import('../../../lib/evidence/hash');
    const hostile: Evidence[] = [];
    let prev: Evidence | null = null;
    for (const [i, r] of chain.records.entries()) {
      const x = XSS[i % XSS.length]!;
      const { seq: _s, prevHash: _p, hash: _h, ...draft } = r;
      const sealed: Evidence = await sealEvidence(prev, { ...draft, title: x, url: XSS[5]!, buyerName: x, orderId: x, note: x, site: x,
        artifacts: r.artifacts.map((a) => ({ ...a, name: `${x}.png` })), kind: 'chat', caseId: 'case-1' });
      hostile.push(sealed);
      prev = sealed;
      chain.messages.set(r.id, chain.messages.get(r.id)!.map((m, j) => ({ ...m, text: XSS[(i + j) % XSS.length]!, images: [XSS[4]!] })));
    }
    const cases = chain.cases.map((c) => ({ ...c, title: XSS[0]!, buyerName: XSS[2]!, timeline: c.timeline.map((e) => ({ ...e, text: XSS[3]! })) }));
    const bytes = await exportBytes({ ...chain, records: hostile, cases });
    const files = unzip(bytes);
    const html = new TextDecoder().decode(files['report.html']);
    expect(html).not.toMatch(/<script|<iframe|<svg|<math|<form|<base|<object/i);
    const doc = new JSDOM(html).window.document;
    const allowed = new Set(['HTML', 'HEAD', 'META', 'TITLE', 'STYLE', 'BODY', 'H1', 'H2', 'H3', 'H4', 'TABLE', 'TBODY', 'TR', 'TH', 'TD', 'ARTICLE', 'HEADER', 'TIME', 'SPAN', 'P', 'UL', 'OL', 'LI', 'SECTION', 'DIV', 'FIGURE', 'FIGCAPTION', 'A', 'IMG', 'BR', 'CODE']);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      expect(allowed.has(el.tagName), el.tagName).toBe(true);
      for (const a of Array.from(el.attributes)) {
        expect(a.name.startsWith('on'), a.name).toBe(false);
        expect(a.value.toLowerCase()).not.toContain('javascript:');
      }
    }
    const refs = [...Array.from(doc.querySelectorAll('img')).map((i) => i.getAttribute('src')!), ...Array.from(doc.querySelectorAll('a')).map((a) => a.getAttribute('href')!)];
    expect(doc.querySelectorAll('img')).toHaveLength(6);
    for (const ref of refs) expect(files[decodeURIComponent(ref)], ref).toBeDefined();
    // The case, its timeline and every evidence section are there; hashes are printed.
    expect(doc.querySelector('h2')!.textContent).toContain(XSS[0]);
    expect(doc.querySelectorAll('section.evidence')).toHaveLength(3);
    for (const r of hostile) expect(html).toContain(r.hash);
    const m = readManifest(files);
    for (const f of m.files.filter((f) => f.path !== 'report.html')) expect(html).toContain(f.sha256);
    expect(doc.body.textContent).toContain('如何核验');
    expect((await verifyBundle(bytes)).ok).toBe(true);
  });
});

describe('verifyBundle', () => {
  it('accepts an intact bundle and reports its files and records', async () => {
    const chain = await smallChain();
    const bytes = await exportBytes(chain);
    const v = await verifyBundle(bytes);
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    expect(v.archiveChecksum).toBe('match');
    expect(v.files).toHaveLength(Object.keys(unzip(bytes)).length - 1);
    expect(v.records).toHaveLength(4);
    // Re-packed by another tool: no archive checksum, content still verified.
    const again = await verifyBundle(rezip(unzip(bytes)));
    expect(again).toMatchObject({ ok: true, archiveChecksum: 'absent' });
  });

  it("accepts a re-packed bundle whose writer put different times in an entry's two headers", async () => {
    const files = unzip(await exportBytes(await smallChain()));
    // fflate without an mtime reads the clock for the local header and again for the central directory
    // record; stepping the clock 2 s per read makes every entry's two DOS times differ.
    const realNow = Date.now;
    let t = Date.UTC(2026, 2, 1, 10, 0, 0);
    Date.now = () => (t += 2000);
    let repacked: Uint8Array;
    try {
      repacked = rezip(files);
    } finally {
      Date.now = realNow;
    }
    expect(await verifyBundle(repacked)).toMatchObject({ ok: true, archiveChecksum: 'absent' });
  });

  it('names the file whose content changed, for every file and many byte positions', async () => {
    const chain = await smallChain();
    const original = unzip(await exportBytes(chain));
    const rand = prng(99);
    let checked = 0;
    for (const [path, data] of Object.entries(original)) {
      const positions = new Set([0, data.length - 1, Math.floor(data.length / 2)]);
      const want = path === 'manifest.json' ? 120 : 12;
      while (positions.size < Math.min(want, data.length)) positions.add(Math.floor(rand() * data.length));
      for (const pos of positions) {
        const changed = new Uint8Array(data);
        changed[pos] = changed[pos]! ^ (1 + Math.floor(rand() * 255));
        const v = await verifyBundle(rezip({ ...original, [path]: changed }));
        expect(v.ok, `${path}@${pos}`).toBe(false);
        if (v.ok) continue;
        if (path === 'manifest.json') {
          expect(['manifest', 'record-hash', 'chain'], `${path}@${pos}: ${v.problem.message}`).toContain(v.problem.kind);
        } else {
          expect(v.problem, `${path}@${pos}`).toMatchObject({ kind: 'file-hash', path });
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('detects every single-byte change anywhere in the raw archive', async () => {
    // A small bundle so every byte position can be tried.
    const chain = await makeChain({ count: 1, artifactsPerRecord: 1, artifactSize: 300, messagesPerRecord: 2, seed: 3 });
    const bytes = await exportBytes(chain, { cases: [] });
    expect((await verifyBundle(bytes)).ok).toBe(true);
    const rand = prng(5);
    const kinds = new Map<string, number>();
    for (let pos = 0; pos < bytes.length; pos++) {
      const changed = new Uint8Array(bytes);
      changed[pos] = changed[pos]! ^ (1 + Math.floor(rand() * 255));
      const v = await verifyBundle(changed);
      if (v.ok) throw new Error(`byte ${pos} of ${bytes.length} changed, bundle still verified`);
      kinds.set(v.problem.kind, (kinds.get(v.problem.kind) ?? 0) + 1);
    }
    // Damage is attributed to the archive layer (CRC, headers, checksum), not silently to content.
    expect(kinds.get('zip')).toBeGreaterThan(bytes.length * 0.9);
  }, 120_000);

  it('reports truncation, garbage and non-zip input as zip problems', async () => {
    const chain = await smallChain();
    const bytes = await exportBytes(chain);
    for (const bad of [bytes.subarray(0, bytes.length - 1), bytes.subarray(0, 100), new Uint8Array(0), new TextEncoder().encode('not a zip'), new Uint8Array([...bytes, 0])]) {
      expect(await verifyBundle(bad)).toMatchObject({ ok: false, problem: { kind: 'zip' } });
    }
  });

  it('names a missing file, an extra file and a missing manifest', async () => {
    const chain = await smallChain();
    const files = unzip(await exportBytes(chain));
    const { ['transcripts/0002-ev-2.html']: _gone, ...without } = files;
    expect(await verifyBundle(rezip(without))).toMatchObject({ ok: false, problem: { kind: 'missing-file', path: 'transcripts/0002-ev-2.html' } });
    expect(await verifyBundle(rezip({ ...files, 'screenshots/extra.png': new Uint8Array([1, 2, 3]) }))).toMatchObject({ ok: false, problem: { kind: 'extra-file', path: 'screenshots/extra.png' } });
    const { ['manifest.json']: _m, ...noManifest } = files;
    expect(await verifyBundle(rezip(noManifest))).toMatchObject({ ok: false, problem: { kind: 'manifest', path: 'manifest.json' } });
    // Whitespace-only edit of the manifest is still an edit.
    const spaced = new TextEncoder().encode(new TextDecoder().decode(files['manifest.json']).replace('\n', '\n '));
    expect(await verifyBundle(rezip({ ...files, 'manifest.json': spaced }))).toMatchObject({ ok: false, problem: { kind: 'manifest' } });
    // A different format id.
    expect(await verifyBundle(await forgeManifest(files, (m) => { (m as { format: string }).format = 'other'; }))).toMatchObject({ ok: false, problem: { kind: 'manifest' } });
  });

  it('a bundle of a newer version is refused saying so; a version 4 bundle relabelled version 1, 2 or 3 fails on its report', async () => {
    const chain = await smallChain();
    const files = unzip(await exportBytes(chain));
    const newer = await verifyBundle(await forgeManifest(files, (m) => { (m as { version: number }).version = 5; }));
    expect(newer).toMatchObject({ ok: false, problem: { kind: 'manifest', path: 'manifest.json' } });
    expect(newer.ok ? '' : newer.problem.message).toContain('v5, written by a newer Xiaoer');
    // The version decides the rendering it is checked against: the other ones' bytes do not pass
    // (version 2 differs from 3 only in a Chinese bundle's punctuation: this one is zh-CN; 3 from 4 only in the
    // line saying when a case was opened: this one holds a case).
    for (const version of [1, 2, 3]) {
      const relabelled = await verifyBundle(await forgeManifest(files, (m) => { (m as { version: number }).version = version; }));
      expect(relabelled, `as v${version}`).toMatchObject({ ok: false, problem: { kind: 'derived-file' } });
    }
    // Written as version 1 (as an earlier release did), it verifies.
    expect(await verifyBundle(await exportBytes(chain, { version: 1 }))).toMatchObject({ ok: true });
  });

  it('names the record whose manifest copy was edited, even with the manifest digest recomputed', async () => {
    const chain = await smallChain();
    const files = unzip(await exportBytes(chain));
    const edited = await forgeManifest(files, (m) => { const r = m.records[2]!; if (!r.withheld) r.record.note = '买家已同意'; });
    expect(await verifyBundle(edited)).toMatchObject({ ok: false, problem: { kind: 'record-hash', seq: 3 } });
    // Edited and rehashed: the chain breaks at the next record.
    const resealed = await forgeManifest(files, async (m) => {
      const r = m.records[1]!;
      if (!r.withheld) { r.record.orderId = '999'; r.record.hash = await hashEvidenceRecord(r.record); }
    });
    expect(await verifyBundle(resealed)).toMatchObject({ ok: false, problem: { kind: 'chain', seq: 3 } });
    // A record dropped from the middle.
    const dropped = await forgeManifest(files, (m) => { m.records.splice(1, 1); m.chain.count = 3; });
    expect(await verifyBundle(dropped)).toMatchObject({ ok: false, problem: { kind: 'chain', seq: 3 } });
    // Chain summary disagreeing with the records.
    const head = await forgeManifest(files, (m) => { m.chain.head = 'a'.repeat(64); });
    expect(await verifyBundle(head)).toMatchObject({ ok: false, problem: { kind: 'chain' } });
    // Manifest edited elsewhere without fixing the digest.
    const m = readManifest(files);
    m.generatedAt = '2020-01-01T00:00:00.000+08:00';
    expect(await verifyBundle(rezip({ ...files, 'manifest.json': new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`) }))).toMatchObject({ ok: false, problem: { kind: 'manifest' } });
  });

  /** Replace a file's bytes and forge the manifest to match (its SHA-256 and size, then the digest): what a careful forger does. */
  async function forgeFile(files: Record<string, Uint8Array>, path: string, edit: (text: string) => string): Promise<Uint8Array> {
    const before = new TextDecoder().decode(files[path]);
    const after = edit(before);
    expect(after, `the edit of ${path} changed nothing`).not.toBe(before);
    const bytes = new TextEncoder().encode(after);
    return forgeManifest({ ...files, [path]: bytes }, (m) => {
      const f = m.files.find((x) => x.path === path)!;
      f.sha256 = sha(bytes);
      f.size = bytes.length;
    });
  }
  const forged = '好的，我不会给差评，谢谢';

  it("refuses a transcript edited inside the bundle with its hash and the manifest digest recomputed, naming the file and the first differing line", async () => {
    const chain = await smallChain();
    const files = unzip(await exportBytes(chain));
    const txtPath = 'transcripts/0001-ev-1.txt';
    const txt = new TextDecoder().decode(files[txtPath]);
    const line = txt.split('\n').findIndex((l) => l.startsWith('  ') && l.length > 2) + 1;
    expect(line).toBeGreaterThan(1);
    const editedTxt = await forgeFile(files, txtPath, (t) => t.split('\n').map((l, i) => (i === line - 1 ? `  ${forged}` : l)).join('\n'));
    expect(await verifyBundle(editedTxt)).toMatchObject({ ok: false, problem: { kind: 'derived-file', path: txtPath, line } });
    // The HTML transcript: one message's words replaced.
    const htmlPath = 'transcripts/0002-ev-2.html';
    const said = chain.messages.get('ev-2')!.find((m) => m.sender === 'buyer')!.text;
    const editedHtml = await forgeFile(files, htmlPath, (t) => t.replace(`>${said}<`, `>${forged}<`));
    const v = await verifyBundle(editedHtml);
    expect(v).toMatchObject({ ok: false, problem: { kind: 'derived-file', path: htmlPath } });
    if (!v.ok) {
      expect(v.problem.line).toBe(new TextDecoder().decode(files[htmlPath]).split('\n').findIndex((l) => l.includes(`>${said}<`)) + 1);
      expect(v.problem.message).toContain(htmlPath);
    }
    // Untouched: intact.
    expect((await verifyBundle(rezip(files))).ok).toBe(true);
  });

  it('refuses a transcript added for a record that has no chained messages, even when the record lists it', async () => {
    const chain = await smallChain();
    const files = unzip(await exportBytes(chain));
    const path = 'transcripts/0003-ev-3.txt';
    const bytes = new TextEncoder().encode(`${forged}\n`);
    const added = await forgeManifest({ ...files, [path]: bytes }, (m) => {
      const at = m.files.findIndex((f) => f.role === 'report');
      m.files.splice(at, 0, { path, sha256: sha(bytes), size: bytes.length, role: 'transcript-txt', evidenceId: 'ev-3', artifactId: null, mime: 'text/plain' });
      const r = m.records[2]!;
      if (!r.withheld) r.files.push(path);
    });
    expect(await verifyBundle(added)).toMatchObject({ ok: false, problem: { kind: 'derived-file', path, seq: 3 } });
  });

  it('refuses an edited report.html (the transcript inside it, a record line) with its hash recomputed', async () => {
    const chain = await smallChain();
    const files = unzip(await exportBytes(chain));
    const said = chain.messages.get('ev-1')!.find((m) => m.sender === 'buyer')!.text;
    const report = new TextDecoder().decode(files['report.html']);
    expect(report).toContain(`>${said}<`);
    const edited = await forgeFile(files, 'report.html', (t) => t.replace(`>${said}<`, `>${forged}<`));
    expect(await verifyBundle(edited)).toMatchObject({ ok: false, problem: { kind: 'derived-file', path: 'report.html' } });
    const retitled = await forgeFile(files, 'report.html', (t) => t.replace('千牛工作台 - 接待中心', '千牛工作台'));
    expect(await verifyBundle(retitled)).toMatchObject({ ok: false, problem: { kind: 'derived-file', path: 'report.html' } });
  });

  it('catches a swapped screenshot even when the manifest file list was rewritten to match', async () => {
    const chain = await smallChain();
    const files = unzip(await exportBytes(chain));
    const path = 'screenshots/0002-ev-2-chat-2.png';
    const fake = new Uint8Array(files[path]!);
    fake[500] = fake[500]! ^ 0x55;
    const forged = await forgeManifest({ ...files, [path]: fake }, (m) => {
      const f = m.files.find((x) => x.path === path)!;
      f.sha256 = sha(fake);
    });
    expect(await verifyBundle(forged)).toMatchObject({ ok: false, problem: { kind: 'file-hash', path, seq: 2 } });
  });
});
