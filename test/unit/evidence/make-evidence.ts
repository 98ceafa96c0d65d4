/**
 * Builds a realistic chain of evidence records with artifacts and messages,
 * shared by the evidence tests and the export benchmark.
 */
import type { ArtifactRef, Case, ChatMessage, Evidence, StoredMessage } from '../../../lib/schema';
import { sealEvidence, sha256Hex } from '../../../lib/evidence/hash';
import { MESSAGES_ARTIFACT, messagesCanonicalJson } from '../../../lib/evidence/transcript';

export { mulberry32 as prng } from '../../shared/prng';
import { mulberry32 as prng } from '../../shared/prng';

/** Bytes that look like a PNG to a file sniffer and do not compress (like real screenshots' IDAT). */
export function pngLike(size: number, rand: () => number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i += 4) {
    const v = (rand() * 0x100000000) >>> 0;
    out[i] = v & 0xff;
    if (i + 1 < size) out[i + 1] = (v >>> 8) & 0xff;
    if (i + 2 < size) out[i + 2] = (v >>> 16) & 0xff;
    if (i + 3 < size) out[i + 3] = v >>> 24;
  }
  return out;
}

const LINES_BUYER = [
  '你好，我的快递怎么还没到？已经五天了',
  '东西收到了，但是外包装破了，里面的杯子碎了一个',
  '你们不退款我就给差评',
  'Hi, my parcel has not arrived yet, order placed last week.',
  '颜色和图片差太多了',
];
const LINES_SELLER = [
  '亲，非常抱歉给您带来不便，我马上帮您查一下物流',
  '亲，麻烦拍一下破损的照片，我们给您补发',
  '您的意思是退款后就不会给差评了吗？',
  'Sorry for the delay, I have contacted the courier and will update you today.',
];

export interface FixtureChain {
  records: Evidence[];
  blobs: Map<string, Blob>;
  messages: Map<string, StoredMessage[]>;
  cases: Case[];
}

/**
 * `withoutMessages`: record ids captured with no messages (a screenshot alone). Every other
 * record also holds its messages as messages.json, as the capture writer stores them
 * (lib/evidence/store.ts): the artifact a bundle's transcripts are rendered from.
 */
export async function makeChain(opts: { count: number; artifactsPerRecord: number; artifactSize: number; messagesPerRecord: number; seed?: number; withoutMessages?: readonly string[]; dataImageIn?: string }): Promise<FixtureChain> {
  const rand = prng(opts.seed ?? 7);
  const records: Evidence[] = [];
  const blobs = new Map<string, Blob>();
  const messages = new Map<string, StoredMessage[]>();
  let prev: Evidence | null = null;
  for (let i = 0; i < opts.count; i++) {
    const id = `ev-${i + 1}`;
    const artifacts: ArtifactRef[] = [];
    for (let a = 0; a < opts.artifactsPerRecord; a++) {
      const isSnapshot = a === 2;
      const bytes = isSnapshot
        ? new TextEncoder().encode(`<html><body><p>订单详情 ${i}</p><script>alert(1)</script></body></html>`)
        : pngLike(opts.artifactSize + Math.floor(rand() * 1000), rand);
      const artId = `${id}-art-${a + 1}`;
      const blob = new Blob([bytes], { type: isSnapshot ? 'text/html' : 'image/png' });
      blobs.set(artId, blob);
      artifacts.push({ id: artId, name: isSnapshot ? 'page.html' : `chat-${a + 1}.png`, mime: isSnapshot ? 'text/html' : 'image/png', size: bytes.length, sha256: await sha256Hex(bytes) });
    }
    const msgs: StoredMessage[] = [];
    for (let m = 0; m < (opts.withoutMessages?.includes(id) ? 0 : opts.messagesPerRecord); m++) {
      const buyer = m % 2 === 0;
      const pool = buyer ? LINES_BUYER : LINES_SELLER;
      const base: ChatMessage = {
        platformId: `msg-${i}-${m}`,
        sender: m % 17 === 16 ? 'system' : buyer ? 'buyer' : 'seller',
        timeText: `2026-11-${String(10 + (i % 18)).padStart(2, '0')} ${String(9 + (m % 10)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
        timeIso: null,
        text: pool[Math.floor(rand() * pool.length)]!,
        // dataImageIn: that record's photo was pasted into the chat, so the page shows it as a data: URL.
        images: m % 23 === 5 ? [opts.dataImageIn === id ? `data:image/png;base64,${btoa(String.fromCharCode(...pngLike(2000, rand)))}` : `https://img.example.com/chat/${i}-${m}.jpg`] : [],
      };
      msgs.push({ ...base, id: `${id}-m${m}`, evidenceId: id, seq: m, buyerId: `taobao:buyer${i % 7}` });
    }
    messages.set(id, msgs);
    if (msgs.length) {
      const bytes = new TextEncoder().encode(messagesCanonicalJson(msgs));
      const artId = `${id}-messages`;
      blobs.set(artId, new Blob([bytes], { type: MESSAGES_ARTIFACT.mime }));
      artifacts.push({ id: artId, ...MESSAGES_ARTIFACT, size: bytes.length, sha256: await sha256Hex(bytes) });
    }
    const record: Evidence = await sealEvidence(prev, {
      id,
      kind: 'chat',
      capturedAt: `2026-11-${String(10 + (i % 18)).padStart(2, '0')}T18:31:27.000+08:00`,
      url: `https://qn.taobao.com/chat?buyer=${i}`,
      title: '千牛工作台 - 接待中心',
      site: 'taobao',
      buyerId: `taobao:buyer${i % 7}`,
      buyerName: `买家小${i % 7}`,
      orderId: `38${String(1_000_000_000_000_000 + i)}`,
      caseId: i % 3 === 0 ? 'case-1' : null,
      note: i % 4 === 0 ? '买家威胁差评' : '',
      extensionVersion: '0.1.0',
      artifacts,
      messageCount: msgs.length,
    });
    records.push(record);
    prev = record;
  }
  const cases: Case[] = [{
    id: 'case-1', type: 'malicious-review', status: 'waiting-platform', title: '恶意差评申诉 — 买家小0', site: 'taobao',
    buyerId: 'taobao:buyer0', buyerName: '买家小0', orderId: '381000000000000000',
    timeline: [{ at: '2026-11-10T10:00:00.000+08:00', kind: 'note', text: '买家要求全额退款，否则差评', evidenceId: null },
      { at: '2026-11-10T19:00:00.000+08:00', kind: 'evidence', text: '保存聊天记录', evidenceId: 'ev-1' }],
    replyDueAt: '2026-11-11T18:00:00.000+08:00', followUpAt: null, createdAt: '2026-11-10T10:00:00.000+08:00', updatedAt: '2026-11-10T19:00:00.000+08:00',
  }];
  return { records, blobs, messages, cases };
}
