// Reply search on a 10,000-reply library: index build time, incremental
// rebuild, heap, and p50/p95 per query kind (target p95 ≤ 1 ms).
// Run: BENCH_SKIP_BUILD=1 node test/bench/run.mjs search
// Figures move with machine load: read them next to `uptime`.
import { performance } from 'node:perf_hooks';
import type { Reply } from '../../lib/schema/index.ts';
import { defaultLibrary } from '../../lib/replies/defaults.ts';
import { buildReplyIndex, findShortcut, searchReplies } from '../../lib/replies/search.ts';

const TARGET = 10_000;

// Deterministic PRNG so runs compare.
let seed = 20261122;
const rnd = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const PRODUCTS: ReadonlyArray<[string, string, string]> = [
  ['羊毛围巾', '羊毛圍巾', 'wool scarf'], ['纯棉T恤', '純棉T恤', 'cotton T-shirt'], ['保温杯', '保溫杯', 'thermos cup'],
  ['蓝牙耳机', '藍牙耳機', 'Bluetooth earphones'], ['儿童雨靴', '兒童雨靴', "children's rain boots"], ['真丝睡衣', '真絲睡衣', 'silk pyjamas'],
  ['陶瓷餐具套装', '陶瓷餐具組', 'ceramic tableware set'], ['手机壳', '手機殼', 'phone case'], ['双肩背包', '雙肩背包', 'backpack'],
  ['瑜伽垫', '瑜珈墊', 'yoga mat'], ['护手霜', '護手霜', 'hand cream'], ['电动牙刷', '電動牙刷', 'electric toothbrush'],
  ['羽绒服', '羽絨服', 'down jacket'], ['运动鞋', '運動鞋', 'running shoes'], ['香薰蜡烛', '香氛蠟燭', 'scented candle'],
  ['茶叶礼盒', '茶葉禮盒', 'tea gift box'], ['宠物牵引绳', '寵物牽繩', 'dog leash'], ['收纳盒', '收納盒', 'storage box'],
];
const CAMPAIGNS: ReadonlyArray<[string, string, string]> = [
  ['双11', '雙11', 'Singles Day'], ['618', '618', '618 sale'], ['年货节', '年貨節', 'New Year sale'], ['黑五', '黑五', 'Black Friday'],
  ['店庆', '店慶', 'shop anniversary'], ['开学季', '開學季', 'back to school'], ['', '', ''],
];
const EXTRA: ReadonlyArray<[string, string, string]> = [
  ['如有疑问请随时联系在线客服。', '如有疑問請隨時聯絡線上客服。', 'Message us any time during service hours.'],
  ['偏远地区（新疆、西藏）需另补运费。', '離島地區需另加運費。', 'Remote areas may need extra postage.'],
  ['预售商品付款后15天内发货。', '預購商品付款後15天內出貨。', 'Pre-order items ship within 15 days of payment.'],
  ['拍下请备注颜色和尺码。', '下單請備註顏色和尺寸。', 'Please note colour and size in the order.'],
  ['赠品数量有限，送完即止。', '贈品數量有限，送完為止。', 'Free gifts while stocks last.'],
  ['亲，给个好评鼓励一下我们吧～', '給我們一個好評鼓勵一下吧～', 'A kind review would mean a lot to us.'],
  ['支持顺丰到付，需补差价。', '可改用宅配，需補差額。', 'Express upgrade available for a small fee.'],
];

function buildLibrary(): Reply[] {
  const base = defaultLibrary({ uiLang: 'zh-CN' }).replies;
  const baseEn = defaultLibrary({ uiLang: 'en' }).replies;
  const out: Reply[] = [...base];
  for (let i = out.length; i < TARGET; i++) {
    const k = Math.floor(rnd() * base.length);
    const b = base[k]!;
    const bEn = baseEn[k]!;
    const p = pick(PRODUCTS);
    const c = pick(CAMPAIGNS);
    const x = pick(EXTRA);
    const titleEn = rnd() < 0.3;
    const title = titleEn ? `${bEn.title} – ${p[2]}${c[2] ? ` (${c[2]})` : ''}` : `${b.title}·${p[0]}${c[0] ? `（${c[0]}）` : ''}`;
    const used = rnd() < 0.4 ? Math.floor(rnd() ** 3 * 500) : 0;
    out.push({
      ...b,
      id: `gen-${i}`,
      title,
      shortcut: rnd() < 0.6 ? `${b.shortcut}${i}` : '',
      tags: [...b.tags, p[0], ...(c[0] ? [c[0]] : [])],
      body: {
        'zh-CN': `${b.body['zh-CN'].replace(/\{product\}/g, p[0])}${c[0] ? `【${c[0]}】` : ''}${x[0]}`,
        'zh-TW': `${b.body['zh-TW'].replace(/\{product\}/g, p[1])}${c[1] ? `【${c[1]}】` : ''}${x[1]}`,
        en: `${b.body.en.replace(/\{product\}/g, p[2])}${c[2] ? ` (${c[2]})` : ''} ${x[2]}`,
      },
      usageCount: used,
      lastUsedAt: used ? new Date(Date.UTC(2026, 10, 1) + Math.floor(rnd() * 20 * 86_400_000)).toISOString() : null,
    });
  }
  return out;
}

const QUERIES: Record<string, string[]> = {
  chinese: ['退换货', '发货', '破损', '物流延误', '退款到账', '尺码', '羊毛围巾', '改地址', '退', '双11 发货'],
  traditional: ['退貨', '運費', '出貨時間', '品質問題', '客訴'],
  pinyin: ['tuihuan', 'fahuo', 'kuaidi', 'tuikuan', 'yunfei', 'chima', 'wuliuyanwu', 'tuihu'],
  initials: ['thh', 'wlyw', 'tkdz', 'fhsj', 'gdz', 'pssp'],
  english: ['refund', 'shipping time', 'damaged', 'tracking', 'ship', 'wool scarf', 'return postage', 's'],
  typo: ['refnud', 'shpping', 'damgaed', 'trakcing', 'delivry', 'excahnge', 'wehater'],
  shortcut: ['fh', 'th', 'yfh', 'qrsq', 'cj1234', 'hy'],
};

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

const replies = buildLibrary();
const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
const index = buildReplyIndex(replies);
const buildMs = performance.now() - t0;
global.gc?.();
const heapAfter = process.memoryUsage().heapUsed;

const bumped = replies.map((r, i) => (i % 97 === 0 ? { ...r, usageCount: r.usageCount + 1 } : r));
t0 = performance.now();
const rebuilt = buildReplyIndex(bumped, index);
const rebuildMs = performance.now() - t0;

const edited = bumped.map((r, i) => (i === 5000 ? { ...r, title: `${r.title}（已更新）`, updatedAt: new Date().toISOString() } : r));
t0 = performance.now();
const afterEdit = buildReplyIndex(edited, rebuilt);
const editMs = performance.now() - t0;
void afterEdit;

t0 = performance.now();
const warmIndex = buildReplyIndex(replies);
const warmBuildMs = performance.now() - t0;
void warmIndex;

console.log(`load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`library: ${replies.length} replies (${defaultLibrary().replies.length} defaults + generated variations), 3 languages each`);
console.log(`index build (cold, first pinyin/OpenCC use): ${buildMs.toFixed(0)} ms`);
console.log(`index build (warm caches, fresh analysis):   ${warmBuildMs.toFixed(0)} ms`);
console.log(`rebuild after usage bumps only:             ${rebuildMs.toFixed(0)} ms`);
console.log(`rebuild after editing one reply:             ${editMs.toFixed(0)} ms (analysis reused, postings rebuilt)`);
console.log(`heap after build: +${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB (approximate${global.gc ? '' : ', no --expose-gc'})`);

// Warm up the JIT on every query.
for (let i = 0; i < 20; i++) for (const qs of Object.values(QUERIES)) for (const q of qs) searchReplies(rebuilt, q);

const RUNS = 200;
const all: number[] = [];
console.log(`\nper query kind, ${RUNS} runs of each query, limit 50:`);
console.log('kind          p50        p95        max        hits (first query)');
for (const [kind, qs] of Object.entries(QUERIES)) {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const q of qs) {
      const s = performance.now();
      searchReplies(rebuilt, q);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  all.push(...times);
  const hits = searchReplies(rebuilt, qs[0]!).length;
  console.log(`${kind.padEnd(12)}  ${fmt(quantile(times, 0.5)).padEnd(9)}  ${fmt(quantile(times, 0.95)).padEnd(9)}  ${fmt(times[times.length - 1]!).padEnd(9)}  ${hits} for "${qs[0]}"`);
}
all.sort((a, b) => a - b);
const p95 = quantile(all, 0.95);
console.log(`${'all'.padEnd(12)}  ${fmt(quantile(all, 0.5)).padEnd(9)}  ${fmt(p95).padEnd(9)}  ${fmt(all[all.length - 1]!)}`);
console.log(`target p95 ≤ 1 ms: ${p95 <= 1 ? 'met' : 'NOT met'}`);

// Tab expansion lookup, as the content script does it.
const typed = ['好的，稍后fh', '亲 cj1234', 'see you /x', '没有匹配的文本abc'];
const st: number[] = [];
for (let r = 0; r < 20_000; r++) {
  const s = performance.now();
  findShortcut(rebuilt, typed[r % typed.length]!);
  st.push(performance.now() - s);
}
st.sort((a, b) => a - b);
console.log(`\nfindShortcut over ${rebuilt.shortcuts.entries.length} shortcuts: p50 ${fmt(quantile(st, 0.5))}, p95 ${fmt(quantile(st, 0.95))}`);
console.log(`shortcut table JSON: ${(JSON.stringify(rebuilt.shortcuts).length / 1024).toFixed(0)} KB`);
