/**
 * Pinduoduo merchant chat (mms.pinduoduo.com/chat-merchant/index.html), Vue 2.
 *
 * Structure reproduced from public tools that read the real page:
 * - a Plasmo content script matching https://mms.pinduoduo.com/chat-merchant/*:
 *   rows `#msgListContainer li.onemsg`, composer `#replyTextarea`, and
 *   "li.onemsg > .buyer-item > div[currentuid] > .msg-content > p.msg-content-box";
 * - a PDD chat DOM reader (page snapshots of 2026-09-25): conversation rows
 *   `.chat-item-box[data-random="<uid>-0-<group>"]` with `.nickname-span`,
 *   `.chat-message-content`, `.item-note`, `.active`; row id
 *   `middlePanel_list_<msgId>`; `.cs-item` (`.robot-text` = bot), system rows
 *   `.msg-system`; cards `.good-card, .commonCard`; images `.msg-content img,
 *   .image-msg img`; `.message-time`; buyer name `.chatWindowHeader .base-info
 *   .name`; send button `.reply-box .send-btn`.
 * Assumed (no public source): the inside of the order card (label/value
 * spans), the time format (full date, 昨天 HH:mm:ss, HH:mm:ss today).
 *
 * `?history=lazy`: the open conversation shows its newest 40 messages under a
 * "查看更多消息" link at the top of the pane; a click loads 40 earlier ones after
 * 300 ms, the view kept where it was (assumed: IM panes page history this way).
 */
import Vue, { type CreateElement, type VNode } from 'vue2';
import { daysAgo, fullCn, longCount, makeConversation, pad, wallClock, type DemoConversation, type DemoMessage } from './shared/conversation';
import { exposeDemo, markReady } from './shared/demo-globals';

function pddTime(at: number): string {
  const ago = daysAgo(at);
  const w = wallClock(at, 480);
  const hms = `${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
  if (ago === 0) return hms;
  if (ago === 1) return `昨天 ${hms}`;
  return fullCn(at);
}

const conversations: DemoConversation[] = [
  makeConversation({
    id: 'c1', buyerName: '景**', buyerId: '6840347447', lang: 'zh', count: longCount(320), marker: true,
    order: { number: '261119-086421357902468', product: '加厚珊瑚绒四件套 1.8m床 浅灰', amount: '¥129.90', status: '已发货', tracking: '78812345678901', carrier: '中通快递', eta: '预计11月24日送达' },
  }, 101),
  makeConversation({
    id: 'c2', buyerName: '小鱼儿2021', buyerId: '7315500921', lang: 'zh', count: 60,
    order: { number: '261121-559012478803311', product: '304不锈钢保温杯 500ml 奶白', amount: '¥39.80', status: '待发货', tracking: 'YT2468013579246', carrier: '圆通速递', eta: '预计11月25日送达' },
  }, 202),
  makeConversation({
    id: 'c3', buyerName: 'pdd_53718', buyerId: '5021137786', lang: 'zh', count: 40,
    order: { number: '261118-300845216670925', product: '儿童加绒卫衣 120cm 红色', amount: '¥59.00', status: '已签收', tracking: 'SF1402384756102', carrier: '顺丰速运', eta: '已签收' },
  }, 303),
];

const LAZY = new URLSearchParams(location.search).get('history') === 'lazy';
const PAGE = 40;

interface State {
  activeId: string;
  draft: string;
  conversations: DemoConversation[];
  /** ?history=lazy: newest messages shown per conversation, and a load under way. */
  shown: Record<string, number>;
  loading: boolean;
}

function renderMessage(h: CreateElement, m: DemoMessage, uid: string): VNode {
  const time = h('div', { staticClass: 'message-time' }, pddTime(m.at));
  if (m.sender === 'system') {
    return h('li', { staticClass: 'onemsg', attrs: { id: `middlePanel_list_${m.id}` }, key: m.id }, [time, h('div', { staticClass: 'msg-system' }, m.text)]);
  }
  let content: VNode;
  if (m.kind === 'image' && m.image) {
    content = h('div', { staticClass: 'msg-content image-msg' }, [h('img', { attrs: { src: m.image, alt: '' } })]);
  } else if (m.kind === 'order' && m.order) {
    const o = m.order;
    const row = (label: string, value: string) => h('div', { staticClass: 'card-row' }, [h('span', { staticClass: 'card-label' }, label), h('span', { staticClass: 'card-value' }, value)]);
    content = h('div', { staticClass: 'commonCard order-card' }, [
      h('div', { staticClass: 'card-title' }, '订单信息'),
      row('订单编号：', o.number),
      row('商品：', o.product),
      row('实付：', o.amount),
      row('订单状态：', o.status),
      row('物流公司：', o.carrier),
      row('运单号：', o.tracking),
    ]);
  } else {
    content = h('div', { staticClass: 'msg-content' }, [h('p', { staticClass: 'msg-content-box' }, m.text)]);
  }
  const side = m.sender === 'buyer'
    ? h('div', { staticClass: 'buyer-item' }, [h('div', { attrs: { currentuid: uid } }, [content])])
    : h('div', { staticClass: 'cs-item' }, [content]);
  return h('li', { staticClass: 'onemsg', attrs: { id: `middlePanel_list_${m.id}` }, key: m.id }, [time, side]);
}

const vm = new Vue({
  data: (): State => ({ activeId: 'c1', draft: '', conversations, shown: {}, loading: false }),
  computed: {
    active(this: State): DemoConversation {
      return this.conversations.find((c) => c.id === this.activeId) ?? conversations[0]!;
    },
  },
  methods: {
    open(this: State & { scrollDown(): void }, id: string) {
      this.activeId = id;
      this.scrollDown();
    },
    send(this: State & { active: DemoConversation; scrollDown(): void }) {
      const text = this.draft;
      if (!text.trim()) return;
      this.active.messages.push({ id: String(Date.now()), sender: 'seller', kind: 'text', text, at: Date.now() });
      sent.push(text);
      this.draft = '';
      this.scrollDown();
    },
    loadMore(this: State & Vue & { active: DemoConversation }) {
      if (this.loading) return;
      this.loading = true;
      const id = this.active.id;
      setTimeout(() => {
        const pane = document.getElementById('msgListContainer');
        const fromBottom = pane ? pane.scrollHeight - pane.scrollTop : 0;
        this.shown = { ...this.shown, [id]: (this.shown[id] ?? PAGE) + PAGE };
        this.loading = false;
        void this.$nextTick(() => {
          if (pane) pane.scrollTop = pane.scrollHeight - fromBottom;
        });
      }, 300);
    },
    scrollDown(this: Vue) {
      void this.$nextTick(() => {
        const pane = document.getElementById('msgListContainer');
        if (pane) pane.scrollTop = pane.scrollHeight;
      });
    },
  },
  render(this: State & { active: DemoConversation; open(id: string): void; send(): void; loadMore(): void }, h: CreateElement): VNode {
    const c = this.active;
    const list = h('div', { staticClass: 'chat-list' }, this.conversations.map((conv, i) => {
      const last = conv.messages[conv.messages.length - 1];
      return h('div', {
        staticClass: 'chat-item-box', class: { active: conv.id === this.activeId }, key: conv.id,
        attrs: { 'data-random': `${conv.buyerId}-0-${i + 1}` },
        on: { click: () => this.open(conv.id) },
      }, [
        h('span', { staticClass: 'nickname-span' }, conv.buyerName),
        h('span', { staticClass: 'item-note' }, last ? pddTime(last.at) : ''),
        h('div', { staticClass: 'chat-message-content' }, last?.kind === 'text' ? last.text : '[图片]'),
      ]);
    }));
    const header = h('div', { staticClass: 'chatWindowHeader' }, [h('div', { staticClass: 'base-info' }, [h('span', { staticClass: 'name' }, c.buyerName), h('span', { staticClass: 'uid' }, `ID: ${c.buyerId}`)])]);
    const count = LAZY ? Math.min(c.messages.length, this.shown[c.id] ?? PAGE) : c.messages.length;
    const more = count < c.messages.length
      ? [h('div', { staticClass: 'load-more' }, [this.loading ? h('span', { staticClass: 'loading' }, '加载中…') : h('span', { staticClass: 'more-link', attrs: { role: 'button', tabindex: '0' }, on: { click: () => this.loadMore() } }, '查看更多消息')])]
      : [];
    const pane = h('div', { attrs: { id: 'msgListContainer' } }, [...more, h('ul', { staticClass: 'msg-list' }, c.messages.slice(c.messages.length - count).map((m) => renderMessage(h, m, c.buyerId)))]);
    const reply = h('div', { staticClass: 'reply-box' }, [
      h('textarea', {
        attrs: { id: 'replyTextarea', placeholder: '请输入内容，按发送按钮发送' },
        domProps: { value: this.draft },
        on: { input: (e: Event) => { this.draft = (e.target as HTMLTextAreaElement).value; } },
      }),
      h('button', { staticClass: 'send-btn', attrs: { type: 'button' }, on: { click: () => this.send() } }, '发送'),
    ]);
    return h('div', { staticClass: 'chat-merchant', attrs: { id: 'app' } }, [list, h('div', { staticClass: 'chat-window' }, [header, pane, reply])]);
  },
});

const sent = exposeDemo(() => (vm as unknown as State).draft);
vm.$mount('#app');
(vm as unknown as { scrollDown(): void }).scrollDown();
void vm.$nextTick(() => markReady());
