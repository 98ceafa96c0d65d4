// Review tool figures: classifier throughput, per-cause precision/recall/F1 and macro-F1 on the
// labelled set (all rows, the held-out third, the tuning rows), the first probe set (tuned on since
// the topic-fallback work), the BLIND set (written before that work, never tuned on), draft and
// tone-check timings.
// Run: BENCH_SKIP_BUILD=1 node test/bench/run.mjs reviews
import { performance } from 'node:perf_hooks';
import { classifyReview, type Classification } from '../../lib/reviews/classify.ts';
import { DRAFT_VARIANTS, draftReply } from '../../lib/reviews/draft.ts';
import { checkTone } from '../../lib/reviews/tone.ts';
import { LANGS, REVIEW_CAUSES } from '../../lib/schema/index.ts';
import { LABELLED_REVIEWS, type LabelledReview } from '../unit/reviews/labelled-reviews.ts';
import { PROBE_REVIEWS } from '../unit/reviews/probe-reviews.ts';
import { BLIND_REVIEWS } from '../unit/reviews/blind-reviews.ts';

function f(x: number, d = 2): string {
  return x.toFixed(d);
}

function evaluate(name: string, rows: readonly LabelledReview[]): number {
  const predicted = rows.map((r) => classifyReview({ text: r.text, rating: r.rating }));
  console.log(`\n${name}: ${rows.length} reviews`);
  console.log('cause         n   prec  recall  F1');
  let sum = 0;
  for (const cause of REVIEW_CAUSES) {
    let tp = 0, fp = 0, fn = 0;
    rows.forEach((r, i) => {
      const p = predicted[i]!.cause;
      if (p === cause && r.cause === cause) tp++;
      else if (p === cause) fp++;
      else if (r.cause === cause) fn++;
    });
    const prec = tp + fp ? tp / (tp + fp) : 0;
    const rec = tp + fn ? tp / (tp + fn) : 0;
    const f1 = prec + rec ? (2 * prec * rec) / (prec + rec) : 0;
    sum += f1;
    console.log(`${cause.padEnd(12)} ${String(tp + fn).padStart(2)}   ${f(prec)}  ${f(rec)}    ${f(f1)}`);
  }
  const macro = sum / REVIEW_CAUSES.length;
  const acc = rows.filter((r, i) => predicted[i]!.cause === r.cause).length / rows.length;
  const langAcc = rows.filter((r, i) => predicted[i]!.lang === r.lang).length / rows.length;
  console.log(`macro-F1 ${f(macro, 3)}   accuracy ${f(acc, 3)}   language detected ${f(langAcc, 3)}`);
  const misses = rows.map((r, i) => [r, predicted[i]!] as const).filter(([r, p]) => p.cause !== r.cause);
  for (const [r, p] of misses) console.log(`  miss: ${r.cause} → ${p.cause}  ${r.text.slice(0, 60)}`);
  return macro;
}

// ── classification throughput ──
const texts = LABELLED_REVIEWS.map((r) => ({ text: r.text, rating: r.rating }));
let t0 = performance.now();
classifyReview(texts[0]!); // first call: opencc tables + regex compilation
const firstMs = performance.now() - t0;
for (let i = 0; i < 3; i++) for (const t of texts) classifyReview(t); // warm-up
let count = 0;
t0 = performance.now();
while (performance.now() - t0 < 2000) {
  for (const t of texts) classifyReview(t);
  count += texts.length;
}
const classifySec = (performance.now() - t0) / 1000;
console.log(`classification: ${Math.round(count / classifySec)} reviews/s (mean ${f((classifySec * 1e6) / count, 1)} µs/review, ${count} runs; first call ${f(firstMs, 1)} ms)`);

// ── quality ──
const all = evaluate('ALL', LABELLED_REVIEWS);
const held = evaluate('HELD third (written before any rule; never tuned on)', LABELLED_REVIEWS.filter((r) => r.held));
const tuning = evaluate('TUNING rows', LABELLED_REVIEWS.filter((r) => !r.held));
const probe = evaluate('PROBE (first probe set; its misses guided the lexicon broadening, so no longer blind)', PROBE_REVIEWS);
const blind = evaluate('BLIND (written before the topic fallback/lexicon broadening, never tuned on)', BLIND_REVIEWS);
const fallbacks = BLIND_REVIEWS.filter((r) => classifyReview({ text: r.text, rating: r.rating }).fallback).length;
console.log(`blind rows decided by the topic fallback: ${fallbacks}/${BLIND_REVIEWS.length}`);
console.log(`\nsummary macro-F1: all ${f(all, 3)}, held ${f(held, 3)}, tuning ${f(tuning, 3)}, probe (tuned) ${f(probe, 3)}, BLIND ${f(blind, 3)}`);

// ── drafts ──
const settings = { shopName: '小二家居', agentName: '小林', signature: '', promotion: '本周全场满199减20' };
const classified: Array<[LabelledReview, Classification]> = LABELLED_REVIEWS.map((r) => [r, classifyReview({ text: r.text, rating: r.rating })]);
const jobs = classified.flatMap(([r, c]) => LANGS.flatMap((lang) => DRAFT_VARIANTS.map((variant) => ({
  review: { text: r.text, rating: r.rating }, classification: c, lang, variant, settings, socialProof: '用了一个月还很好用',
}))));
for (const j of jobs.slice(0, 200)) draftReply(j); // warm-up
let drafts = 0;
t0 = performance.now();
while (performance.now() - t0 < 2000) {
  for (const j of jobs) draftReply(j);
  drafts += jobs.length;
}
const draftUs = ((performance.now() - t0) * 1000) / drafts;
console.log(`\ndrafts: mean ${f(draftUs, 1)} µs per draft (${drafts} drafts, includes the tone check of quoted words)`);

const outputs = jobs.map((j) => draftReply(j));
t0 = performance.now();
let findings = 0;
for (const d of outputs) findings += checkTone(d.text, d.lang).length;
const toneUs = ((performance.now() - t0) * 1000) / outputs.length;
console.log(`tone check: mean ${f(toneUs, 1)} µs per draft; findings on our own ${outputs.length} drafts: ${findings}`);

// Variety: drafts in the review's own language, per cause and variant — how many are identical?
const byKey = new Map<string, string[]>();
classified.forEach(([r, c]) => {
  for (const variant of DRAFT_VARIANTS) {
    const d = draftReply({ review: { text: r.text, rating: r.rating }, classification: c, lang: r.lang, variant, settings });
    const key = `${c.cause}/${r.lang}/${variant}`;
    byKey.set(key, [...(byKey.get(key) ?? []), d.text]);
  }
});
let total = 0, distinct = 0;
for (const list of byKey.values()) { total += list.length; distinct += new Set(list).size; }
console.log(`variety: ${distinct}/${total} drafts distinct within (cause, language, variant) groups`);
