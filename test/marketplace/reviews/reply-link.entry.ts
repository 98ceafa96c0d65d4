/**
 * A review list whose reply box is not on the page until the seller clicks the review's 回复 link, as
 * Taobao/Tmall's 评价管理 (and Shopee's, AliExpress's "Reply") work: each review shows an operations line
 * (回复 · 投诉); the click renders an editor under the review a moment later (the backend's own script,
 * here after a short delay), with 发表 / 取消; 回复 clicked again closes it. Insert had nothing to fill and
 * refused; it must open the editor itself (entrypoints/overlay.content/core.ts).
 */
import { markReady } from '../chat/shared/demo-globals';

interface Row { id: string; rating: number; text: string; buyer: string; date: string; reply: string | null }

const ROWS: Row[] = [
  { id: 'rl-1', rating: 5, text: '质量很好，做工精细，物流也快，第二次购买了', buyer: 't***1', date: '2026-11-20 09:12', reply: '感谢亲的支持，欢迎常来～' },
  { id: 'rl-2', rating: 1, text: '快递太慢了，等了十天才到，包装也破了', buyer: '王***3', date: '2026-11-20 10:40', reply: null },
  { id: 'rl-3', rating: 2, text: 'Package arrived late and the box was crushed.', buyer: 'j***7', date: '2026-11-19 18:05', reply: null },
  { id: 'rl-4', rating: 4, text: '杯子挺好看的，就是盖子有点紧', buyer: '小***2', date: '2026-11-19 08:30', reply: null },
];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const list = document.getElementById('rate-list')!;
for (const r of ROWS) {
  const row = el('div', 'rate-row');
  row.dataset.reviewId = r.id;
  const meta = el('div', 'rate-meta');
  const stars = el('span', 'rate-stars', '★'.repeat(r.rating) + '☆'.repeat(5 - r.rating));
  stars.setAttribute('aria-label', `${r.rating} out of 5 stars`);
  meta.append(el('span', 'rate-nick', r.buyer), stars, el('span', 'rate-time', r.date));
  const shown = el('div', 'rate-seller');
  const showReply = (text: string) => {
    shown.replaceChildren(el('span', 'rate-label', '商家回复：'), el('span', 'rate-seller-text', text));
    shown.hidden = false;
  };
  if (r.reply) showReply(r.reply);
  else shown.hidden = true;
  row.append(meta, el('p', 'rate-content', r.text), shown);
  const ops = el('div', 'rate-ops');
  let editor: HTMLElement | null = null;
  const close = () => {
    editor?.remove();
    editor = null;
  };
  if (!r.reply) {
    const replyLink = el('a', 'rate-op-reply', '回复');
    replyLink.href = 'javascript:;';
    replyLink.addEventListener('click', (e) => {
      e.preventDefault();
      if (editor) return close();
      // Rendered a moment after the click, as the backend's own script does.
      setTimeout(() => {
        if (editor) return;
        editor = el('div', 'rate-editor');
        const box = el('textarea', 'rate-editor-input');
        box.placeholder = '回复内容';
        const send = el('button', 'rate-editor-send', '发表');
        send.type = 'button';
        send.addEventListener('click', () => {
          if (!box.value.trim()) return;
          showReply(box.value);
          close();
          replyLink.remove();
        });
        const cancel = el('button', 'rate-editor-cancel', '取消');
        cancel.type = 'button';
        cancel.addEventListener('click', close);
        editor.append(box, send, cancel);
        row.append(editor);
      }, 300);
    });
    ops.append(replyLink);
  }
  ops.append(el('a', 'rate-op-report', '投诉'));
  row.append(ops);
  list.append(row);
}
markReady();
