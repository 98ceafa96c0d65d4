/**
 * The review page of a backend whose buyers wrote hostile text (issue 8): one
 * review per XSS corpus payload, in the buyer's name, the review text, the
 * product and the seller's earlier reply. Same markup as reviews/index.html (the
 * generic adapter reads it), and the page itself shows every string with
 * textContent, as a correct marketplace does — so anything that runs later ran
 * in Xiaoer.
 */
import { XSS_PAYLOADS } from '../../fixtures/xss-payloads';
import { markReady } from '../chat/shared/demo-globals';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const list = document.getElementById('review-list')!;
XSS_PAYLOADS.forEach((p, i) => {
  const rating = (i % 5) + 1;
  const row = el('article', 'fb-row');
  row.dataset.reviewId = `xss-${p.id}`;
  const head = el('div', 'fb-head');
  const stars = el('div', 'fb-score', '★'.repeat(rating) + '☆'.repeat(5 - rating));
  stars.setAttribute('role', 'img');
  stars.setAttribute('aria-label', `${rating} out of 5 stars`);
  head.append(el('span', 'fb-user', p.text.slice(0, 200)), stars, el('time', 'fb-date', `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 10:00`));
  const product = el('div', 'fb-item');
  product.append(el('span', 'fb-label', '商品：'), el('span', 'fb-item-name', p.text.slice(0, 500)));
  row.append(head, product, el('p', 'fb-text', `${rating <= 2 ? '快递太慢了，质量也差 ' : '还行 '}${p.text}`));
  const replyShown = el('div', 'fb-seller-reply');
  if (i % 3 === 0) replyShown.append(el('span', 'fb-label', '商家回复：'), el('span', 'fb-reply-text', p.text));
  else replyShown.hidden = true;
  row.append(replyShown);
  const form = el('form', 'fb-reply-form');
  const box = el('textarea', 'fb-reply-input');
  box.placeholder = '回复这条评价 / Reply to this review';
  const submit = el('button', 'fb-reply-submit', '提交回复');
  submit.type = 'submit';
  form.addEventListener('submit', (e) => e.preventDefault());
  form.append(box, submit);
  row.append(form);
  list.append(row);
});
markReady();
