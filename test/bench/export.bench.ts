/**
 * Evidence export benchmark: 100 evidence records, each with two ~200 KB
 * PNG-like screenshots (incompressible, like real PNG data) and 200 chat
 * messages. Prints export time and memory (RSS / heap sampled every 10 ms),
 * once consuming the stream progressively (as a file writer would) and once
 * collecting it into one buffer (as a Blob download does), then verify time.
 */
import { makeChain } from '../unit/evidence/make-evidence';
import { collectBytes, writeBundle, type BundleOptions } from '../../lib/evidence/bundle';
import { verifyBundle } from '../../lib/evidence/verify';
import { planStitch, minimumCaptureTime } from '../../lib/capture/stitch';

const MB = 1024 * 1024;
const fmt = (b: number) => `${(b / MB).toFixed(1)} MB`;

function sampler() {
  let rss = 0, heap = 0, ext = 0;
  const take = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
    ext = Math.max(ext, m.external + m.arrayBuffers);
  };
  take();
  const t = setInterval(take, 10);
  return { stop: () => { clearInterval(t); take(); return { rss, heap, ext }; } };
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main() {
  const RECORDS = 100;
  const t0 = performance.now();
  const chain = await makeChain({ count: RECORDS, artifactsPerRecord: 2, artifactSize: 200_000, messagesPerRecord: 200, seed: 42 });
  const artifactBytes = [...chain.blobs.values()].reduce((a, b) => a + b.size, 0);
  console.log(`fixture: ${RECORDS} records, ${chain.blobs.size} artifacts (${fmt(artifactBytes)}), ${RECORDS * 200} messages, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const opts: BundleOptions = {
    records: chain.records,
    artifacts: async (ref) => chain.blobs.get(ref.id)!,
    cases: chain.cases,
    lang: 'zh-CN',
  };

  // 1. Progressive consumer: chunks are counted and dropped.
  gc();
  await new Promise((r) => setTimeout(r, 50));
  const base1 = process.memoryUsage();
  let s = sampler();
  let t = performance.now();
  let streamed = 0;
  let chunks = 0;
  const reader = writeBundle(opts).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    streamed += value.length;
    chunks++;
  }
  const streamMs = performance.now() - t;
  const m1 = s.stop();
  console.log(`export (streamed, chunks dropped): ${streamMs.toFixed(0)} ms, ${fmt(streamed)} in ${chunks} chunks, ${(streamed / MB / (streamMs / 1000)).toFixed(1)} MB/s`);
  // Repeat for timing only (the machine may be shared: report every run).
  const runs = [streamMs];
  for (let i = 0; i < 2; i++) {
    const t1 = performance.now();
    const r = writeBundle(opts).getReader();
    while (!(await r.read()).done);
    runs.push(performance.now() - t1);
  }
  console.log(`  streamed export runs: ${runs.map((x) => x.toFixed(0)).join('/')} ms (median ${[...runs].sort((a, b) => a - b)[1]!.toFixed(0)} ms)`);
  console.log(`  memory: baseline rss ${fmt(base1.rss)} heap ${fmt(base1.heapUsed)}; peak rss ${fmt(m1.rss)} (+${fmt(m1.rss - base1.rss)}), peak heap ${fmt(m1.heap)} (+${fmt(m1.heap - base1.heapUsed)}), peak external+arrayBuffers ${fmt(m1.ext)}`);

  // 2. Collected into one buffer (what a Blob download holds).
  gc();
  await new Promise((r) => setTimeout(r, 50));
  const base2 = process.memoryUsage();
  s = sampler();
  t = performance.now();
  const bytes = await collectBytes(writeBundle(opts));
  const collectMs = performance.now() - t;
  const m2 = s.stop();
  console.log(`export (collected): ${collectMs.toFixed(0)} ms, ${fmt(bytes.length)}; peak rss +${fmt(m2.rss - base2.rss)}, peak heap +${fmt(m2.heap - base2.heapUsed)}`);

  // 3. Verify.
  s = sampler();
  const times: number[] = [];
  let files = 0;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const v = await verifyBundle(bytes);
    times.push(performance.now() - t);
    if (!v.ok) throw new Error(`bundle did not verify: ${JSON.stringify(v.problem)}`);
    files = v.files.length;
  }
  const m3 = s.stop();
  times.sort((a, b) => a - b);
  console.log(`verify: ${files} files + manifest, runs ${times.map((x) => x.toFixed(0)).join('/')} ms (median ${times[1]!.toFixed(0)} ms), ${(bytes.length / MB / (times[1]! / 1000)).toFixed(1)} MB/s; peak rss ${fmt(m3.rss)}`);

  // 4. Capture-time lower bound for a long chat history (quota: 2 captureVisibleTab calls/s).
  for (const [label, S] of [['chat pane 20 000 px', 20_000], ['page 8 000 px', 8_000]] as const) {
    const plan = planStitch({ scrollHeight: S, clientHeight: 700, devicePixelRatio: 2, viewport: { width: 1440, height: 900 }, pane: { x: 300, y: 120, width: 800, height: 700 }, stickyTop: 40 });
    console.log(`stitch ${label} at dpr 2: ${plan.positions.length} captures, ${plan.outputs.length} output image(s) ${plan.width}×${plan.height}, capture lower bound ${(minimumCaptureTime(plan) / 1000).toFixed(1)} s`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
