// The dashboard benches' store (dashboard.bench.ts, ab/unattached-dashboard-ab.ts): written straight into
// IndexedDB from an extension page. Plain JS: it is sent to the page as its source text (Function#toString),
// which tsx's keepNames wrapping would break.

/** Runs in an extension page: `replies` replies, `evidence` evidence records, `messages` messages. */
export async function seedDashboardStore({ replies, evidence, messages }) {
  const db = await new Promise((ok, fail) => {
    const req = indexedDB.open('xiaoer');
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
  const put = (store, rows) =>
    new Promise((ok, fail) => {
      const tx = db.transaction(store, 'readwrite');
      for (const r of rows) tx.objectStore(store).put(r);
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
  const now = new Date().toISOString();
  const words = ['发货', '退换货', '尺码', '物流', '优惠券', '售后', '包装', '快递', '催单', '退款'];
  await put('replies', Array.from({ length: replies }, (_, i) => ({
    id: `bench-r${i}`, title: `${words[i % 10]}回复 ${i}`, shortcut: i % 3 ? '' : `;b${i}`, categoryId: ['greeting', 'shipping', 'aftersales'][i % 3],
    tags: [words[(i * 7) % 10]], body: { 'zh-CN': `亲，关于${words[i % 10]}的问题，第 ${i} 条说明：我们会尽快为您处理，请耐心等待。`, 'zh-TW': '', en: `About ${i}: we will handle it soon.` },
    usageCount: i % 50, lastUsedAt: null, createdAt: now, updatedAt: now,
  })));
  const records = Array.from({ length: evidence }, (_, i) => ({
    id: `bench-ev${i}`, seq: 1_000_000 + i, kind: 'chat', capturedAt: '2026-03-01T18:00:00.000+08:00', url: 'https://mms.pinduoduo.com/chat', title: '聊天记录', site: 'pinduoduo',
    buyerId: `pinduoduo:b${i % 900}`, buyerName: `买家${i % 900}`, orderId: `2403${i}`, caseId: null, note: '', extensionVersion: '0.1.0', artifacts: [], messageCount: 5, prevHash: '', hash: 'a'.repeat(64),
  }));
  for (let i = 0; i < records.length; i += 2000) await put('evidence', records.slice(i, i + 2000));
  for (let i = 0; i < messages; i += 5000) {
    await put('messages', Array.from({ length: Math.min(5000, messages - i) }, (_, j) => {
      const k = i + j;
      return { id: `bench-m${k}`, evidenceId: `bench-ev${k % evidence}`, seq: k % 5, buyerId: `pinduoduo:b${k % 900}`, platformId: null, sender: k % 2 ? 'buyer' : 'seller', timeText: '18:00', timeIso: null, text: `第 ${k} 条消息：东西什么时候发货？`, images: [] };
    }));
  }
  db.close();
}
