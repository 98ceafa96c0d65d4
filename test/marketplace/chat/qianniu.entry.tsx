/**
 * Qianniu web chat history (myseller.taobao.com, 千牛 聊天记录), React 19.
 *
 * Documented by two public tools that read the real page:
 * - userscript "千牛客服聊天记录导出器" v2.1 (@match myseller.taobao.com): tabs
 *   `.tbd-tabs-nav-list`; conversations `.message-container .message-list-left
 *   .results-list` with the buyer nick in `[title]`; messages in
 *   `.message-list-right > div` day groups whose first div is the date, each
 *   message a `div > div:has(span)` whose first div is the time and second div
 *   holds `span[0]` (text, also in its title) and `span[1]` (the sender's nick),
 *   images as `img` inside;
 * - a Playwright scraper of the same app (market.m.taobao.com/app/qn/im-history-search):
 *   message wraps `[class*=chatWrap]` with "HH:MM:SS" times, the buyer's lines
 *   ending with the buyer nick, agents as "店铺:子账号", "服务助手" for the
 *   platform assistant, `.message-list-left` scrolling to load more.
 * Assumed: hashed class names (CSS modules style), system notices sent as
 * "系统消息", the order card markup, and the reply box (the history page has
 * none; the demo adds `.message-reply textarea` so every chat page has a composer).
 *
 * `?history=lazy`: the open conversation shows its newest 40 messages; scrolling the
 * pane to its top shows "加载中…" and 300 ms later 40 earlier ones above, the view kept
 * on the message that was at the top — how IM panes load history. (The scraper above
 * scrolls the list to load more; the pane's behaviour is assumed to match.)
 * `&latency=900&spinner=0`: a backend that answers in 900 ms and shows no loading row
 * (a slow link, a pane without a spinner) — what the earlier-messages load must still wait for.
 * `&photo=<url>`: the buyer's photos come from that address, as the live page's come from the image CDN
 * (alicdn), with no size given: a photo's row is short until the picture arrives, then grows;
 * `&lazyPhoto=1` marks them loading="lazy" (fetched when scrolled near).
 */
import { StrictMode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { longCount, makeConversation, pad, wallClock, type DemoConversation, type DemoMessage } from './shared/conversation';
import { exposeDemo, markReady } from './shared/demo-globals';

const SHOP_AGENT = '木子家居旗舰店:小美';
const PARAMS = new URLSearchParams(location.search);
const LAZY = PARAMS.get('history') === 'lazy';
const LATENCY = Number(PARAMS.get('latency') ?? 300);
const SPINNER = PARAMS.get('spinner') !== '0';
const PAGE = 40;
const PHOTO = PARAMS.get('photo');
const LAZY_PHOTO = PARAMS.get('lazyPhoto') === '1';
const day = (at: number) => { const w = wallClock(at, 480); return `${w.y}-${pad(w.mo)}-${pad(w.d)}`; };
const hms = (at: number) => { const w = wallClock(at, 480); return `${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`; };

const chats: DemoConversation[] = [
  makeConversation({
    id: 'q1', buyerName: 'tb80317542', buyerId: 'tb80317542', lang: 'zh', count: longCount(300), marker: true,
    order: { number: '3391827746501238819', product: '北欧实木床头柜 胡桃色 40cm', amount: '¥268.00', status: '卖家已发货', tracking: '434587261190328', carrier: '韵达快递', eta: '预计11月25日送达' },
  }, 1414),
  makeConversation({
    id: 'q2', buyerName: '小王同学88', buyerId: '小王同学88', lang: 'zh', count: 60,
    order: { number: '3394410027381566402', product: '棉麻抱枕套 45x45 燕麦色 两只装', amount: '¥49.90', status: '买家已付款', tracking: 'JT5038127749911', carrier: '极兔速递', eta: '预计11月26日送达' },
  }, 1515),
];

function Line({ m, nick }: { m: DemoMessage; nick: string }) {
  const sender = m.sender === 'buyer' ? nick : m.sender === 'seller' ? SHOP_AGENT : '系统消息';
  let content;
  if (m.kind === 'image' && m.image) content = <><span title="[图片]">[图片]</span><span className="nick___Hq3">{sender}</span><img src={PHOTO ?? m.image} alt="" loading={LAZY_PHOTO ? 'lazy' : undefined} /></>;
  else if (m.kind === 'order' && m.order) {
    const o = m.order;
    const summary = `[订单] 订单号：${o.number}`;
    content = (
      <>
        <span title={summary}>{summary}</span><span className="nick___Hq3">{sender}</span>
        <div className="orderCard___Zt8">
          <p>订单号：{o.number}</p><p>商品：{o.product}</p><p>实付款：{o.amount}</p>
          <p>订单状态：{o.status}</p><p>物流公司：{o.carrier}</p><p>运单号：{o.tracking}</p>
        </div>
      </>
    );
  } else content = <><span title={m.text}>{m.text}</span><span className="nick___Hq3">{sender}</span></>;
  const side = m.sender === 'buyer' ? 'left___Pa1' : m.sender === 'seller' ? 'right___Pa2' : 'center___Pa3';
  return (
    <div className={`chatWrap___K9d ${side}`}>
      <div className="time___Vx2">{hms(m.at)}</div>
      <div className="content___Bn7">{content}</div>
    </div>
  );
}

function App() {
  const [all, setAll] = useState(chats);
  const [activeId, setActiveId] = useState('q1');
  const [draft, setDraft] = useState('');
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const rightRef = useRef<HTMLDivElement>(null);
  const chat = all.find((c) => c.id === activeId) ?? all[0]!;
  // ?history=lazy: how many of the newest messages are shown, per conversation; a load in progress.
  const [shownOf, setShownOf] = useState<Record<string, number>>({});
  const [loading, setLoading] = useState(false);
  const shown = LAZY ? Math.min(chat.messages.length, shownOf[chat.id] ?? PAGE) : chat.messages.length;
  const anchor = useRef<number | null>(null);
  const onScroll = () => {
    const el = rightRef.current;
    if (!LAZY || !el || loading || el.scrollTop > 20 || shown >= chat.messages.length) return;
    setLoading(true);
    setTimeout(() => {
      anchor.current = el.scrollHeight - el.scrollTop;
      setShownOf((m) => ({ ...m, [chat.id]: shown + PAGE }));
      setLoading(false);
    }, LATENCY);
  };
  useLayoutEffect(() => {
    const el = rightRef.current;
    if (el && anchor.current !== null) el.scrollTop = el.scrollHeight - anchor.current;
    anchor.current = null;
  }, [shown]);

  useEffect(() => { window.__model = () => draftRef.current; }, []);
  useEffect(() => {
    const el = rightRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [activeId, chat.messages.length]);

  const groups: { date: string; items: DemoMessage[] }[] = [];
  for (const m of chat.messages.slice(chat.messages.length - shown)) {
    const d = day(m.at);
    const g = groups[groups.length - 1];
    if (g && g.date === d) g.items.push(m);
    else groups.push({ date: d, items: [m] });
  }
  const send = () => {
    if (!draft.trim()) return;
    const text = draft;
    setAll((cs) => cs.map((c) => c.id === chat.id ? { ...c, messages: [...c.messages, { id: String(Date.now()), sender: 'seller', kind: 'text', text, at: Date.now() }] } : c));
    sent.push(text);
    setDraft('');
  };

  return (
    <div className="qn-page">
      <div className="tbd-tabs"><ul className="tbd-tabs-nav-list"><li className="tbd-tabs-tab active">聊天记录</li><li className="tbd-tabs-tab">接待中</li><li className="tbd-tabs-tab">留言</li></ul></div>
      <div className="message-container">
        <div className="message-list-left">
          {all.map((c) => (
            <div key={c.id} className={c.id === chat.id ? 'results-list selected___Aa1' : 'results-list'} title={c.buyerName} onClick={() => setActiveId(c.id)}>
              <div className="nickname___Qe2">{c.buyerName}</div>
              <div className="date___Qe3">{day(c.messages[c.messages.length - 1]!.at)}</div>
            </div>
          ))}
        </div>
        <div className="right-column">
          <div className="message-list-right" ref={rightRef} onScroll={onScroll}>
            {loading && SPINNER ? <div className="loading___Lz1">加载中…</div> : null}
            {groups.map((g) => (
              <div key={g.date} className="dayGroup___Mm1">
                <div className="dayTitle___Mm2">{g.date}</div>
                {g.items.map((m) => <Line key={m.id} m={m} nick={chat.buyerName} />)}
              </div>
            ))}
          </div>
          <div className="message-reply">
            <textarea placeholder="输入回复，按发送" value={draft} onChange={(e) => setDraft(e.target.value)} />
            <button type="button" className="reply-send" onClick={send}>发送</button>
          </div>
        </div>
      </div>
    </div>
  );
}

const sent = exposeDemo(() => '');
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
const wait = () => (document.querySelector('.message-list-right [class*=chatWrap]') ? markReady() : requestAnimationFrame(wait));
wait();
