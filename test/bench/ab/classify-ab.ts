// A/B: review classification speed of this checkout against another one (AB_OTHER=/path/to/checkout),
// alternating in one process (the machine's speed drifts between separate runs).
//   AB_OTHER=/tmp/wt-old npx tsx test/bench/ab/classify-ab.ts
import { classifyReview as mine } from '../../../lib/reviews/classify.ts';
import { LABELLED_REVIEWS } from '../../unit/reviews/labelled-reviews.ts';
import { BLIND_REVIEWS } from '../../unit/reviews/blind-reviews.ts';
const other = (await import(process.env.AB_OTHER + '/lib/reviews/classify.ts')).classifyReview as typeof mine;
const rows = [...LABELLED_REVIEWS, ...BLIND_REVIEWS];
const run = (f: typeof mine) => { const t = performance.now(); for (let k = 0; k < 10; k++) for (const r of rows) f({ text: r.text, rating: r.rating }); return ((performance.now() - t) / 10 / rows.length) * 1000; };
run(mine); run(other);
const a: number[] = [], b: number[] = [];
for (let i = 0; i < 8; i++) { a.push(run(mine)); b.push(run(other)); }
const med = (x: number[]) => x.sort((p, q) => p - q)[x.length >> 1]!.toFixed(1);
console.log(`µs/review median of 8 alternating rounds: this ${med(a)}, other ${med(b)} (${rows.length} reviews)`);
