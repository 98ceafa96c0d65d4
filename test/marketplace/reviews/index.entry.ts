/**
 * Review management for an UNKNOWN seller backend (served by the generic
 * adapter): no marketplace's review page is publicly documented well enough to
 * reproduce, so this page mixes the star markups real backends use
 * (aria-label, title, ★ glyphs, a filled bar's width %) and leaves every class
 * name non-standard, so the generic heuristics are tested, not tailored.
 */
import { seeded, pick } from '../chat/shared/conversation';
import { markReady } from '../chat/shared/demo-globals';

interface DemoReview { id: string; rating: number; text: string; buyer: string; product: string; date: string; reply: string | null }

const REVIEWS: Omit<DemoReview, 'id' | 'buyer' | 'date'>[] = [
  { rating: 5, text: '质量很好，做工精细，物流也快，第二次购买了', product: '加厚珊瑚绒四件套', reply: '感谢亲的支持，欢迎常来～' },
  { rating: 5, text: 'Great quality, arrived in 9 days to Germany. Exactly as described.', product: 'Wireless Earbuds Bluetooth 5.3', reply: null },
  { rating: 4, text: '杯子挺好看的，就是盖子有点紧', product: '304不锈钢保温杯 500ml', reply: null },
  { rating: 3, text: '一般般吧，颜色和图片有色差，客服态度还行', product: '棉麻抱枕套 45x45', reply: null },
  { rating: 1, text: '快递太慢了，等了十天才到，包装也破了', product: '陶瓷马克杯 350ml', reply: null },
  { rating: 2, text: 'The stand wobbles and one screw was missing. Disappointed.', product: 'Foldable Laptop Stand Aluminium', reply: 'We are sorry! A replacement screw kit has been sent, tracking SPXMY045598812.' },
  { rating: 1, text: '不退款就一直给差评，你们自己看着办', product: '北欧实木床头柜', reply: null },
  { rating: 1, text: 'Refund me $50 or I will leave bad reviews on all your products.', product: 'Ceramic Pour-Over Coffee Dripper', reply: null },
  { rating: 5, text: '孩子很喜欢，尺码标准，会回购', product: '儿童加绒卫衣 120cm', reply: '谢谢亲的好评，宝贝穿得开心就好～' },
  { rating: 4, text: 'Good value for money. Instructions could be clearer.', product: 'Bamboo Drawer Organizer Set', reply: null },
  { rating: 3, text: 'Colour looks different from the pictures, but it works.', product: 'LED Strip Lights 5m RGB', reply: null },
  { rating: 2, text: '用了一周就起球了，质量不太行', product: '儿童加绒卫衣 120cm', reply: null },
  { rating: 5, text: '客服小美很耐心，帮我改了地址，点赞', product: '手机支架 桌面折叠', reply: null },
  { rating: 1, text: '假货！和专柜完全不一样，已投诉', product: 'Silk Pillowcase 2 Pack', reply: null },
  { rating: 4, text: '床头柜安装简单，木纹好看，有一点点异味', product: '北欧实木床头柜', reply: '亲，新家具有轻微木材味属正常，开窗通风几天就会消散哦' },
  { rating: 5, text: 'Fast shipping and the seller answered all my questions.', product: 'Kids Raincoat with Hood', reply: null },
  { rating: 3, text: '还行吧，价格有点贵', product: '陶瓷马克杯 350ml', reply: null },
  { rating: 1, text: '给我返现20元我就改好评，不然别怪我', product: '304不锈钢保温杯 500ml', reply: null },
  { rating: 2, text: 'Package arrived late and the box was crushed.', product: 'Wireless Earbuds Bluetooth 5.3', reply: null },
  { rating: 5, text: '第三次回购了，一如既往的好', product: '棉麻抱枕套 45x45', reply: null },
];

const rng = seeded(2026);
const masked = () => `${pick(rng, ['t', 'l', 'x', 'a', 'j', 'm', '小', '王'])}***${Math.floor(rng() * 10)}`;
const reviews: DemoReview[] = REVIEWS.map((r, i) => ({ ...r, id: `rv-${1000 + i}`, buyer: masked(), date: `2026-11-${String(21 - Math.floor(i / 2)).padStart(2, '0')} ${String(8 + (i % 12)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}` }));

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// Four markups, by row: aria-label, title, glyphs, a filled bar's width.
function stars(rating: number, i: number): HTMLElement {
  const box = el('div', 'fb-score');
  switch (i % 4) {
    case 0:
      box.setAttribute('role', 'img');
      box.setAttribute('aria-label', `${rating} out of 5 stars`);
      box.textContent = '★'.repeat(rating) + '☆'.repeat(5 - rating);
      box.setAttribute('aria-hidden', 'false');
      break;
    case 1:
      box.title = `评分：${rating}星`;
      for (let s = 0; s < 5; s++) box.append(el('i', s < rating ? 'ic ic-on' : 'ic'));
      break;
    case 2:
      box.textContent = '★'.repeat(rating) + '☆'.repeat(5 - rating);
      break;
    default: {
      const track = el('span', 'rate-track');
      const fill = el('span', 'rate-fill');
      fill.style.width = `${rating * 20}%`;
      track.append(fill);
      box.append(track);
    }
  }
  return box;
}

const list = document.getElementById('review-list')!;
reviews.forEach((r, i) => {
  const row = el('article', 'fb-row');
  row.dataset.reviewId = r.id;
  const head = el('div', 'fb-head');
  head.append(el('span', 'fb-user', r.buyer), stars(r.rating, i), el('time', 'fb-date', r.date));
  const product = el('div', 'fb-item');
  product.append(el('span', 'fb-label', '商品：'), el('span', 'fb-item-name', r.product));
  row.append(head, product, el('p', 'fb-text', r.text));
  const replyShown = el('div', 'fb-seller-reply');
  if (r.reply) replyShown.append(el('span', 'fb-label', '商家回复：'), el('span', 'fb-reply-text', r.reply));
  else replyShown.hidden = true;
  row.append(replyShown);
  const form = el('form', 'fb-reply-form');
  const box = el('textarea', 'fb-reply-input');
  box.placeholder = '回复这条评价 / Reply to this review';
  const submit = el('button', 'fb-reply-submit', '提交回复');
  submit.type = 'submit';
  form.append(box, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!box.value.trim()) return;
    replyShown.replaceChildren(el('span', 'fb-label', '商家回复：'), el('span', 'fb-reply-text', box.value));
    replyShown.hidden = false;
    box.value = '';
  });
  row.append(form);
  list.append(row);
});
markReady();
