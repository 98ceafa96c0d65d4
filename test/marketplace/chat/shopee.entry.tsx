/**
 * Shopee seller webchat (seller.shopee.cn/webchat/conversations), React 19.
 *
 * Structure reproduced from public automation scripts that read the real page:
 * - cindung/auto_reply_shopee src/selectors.js: `[data-cy="webchat-conversation-list"]`,
 *   `[data-cy="webchat-conversation-list-wrapper"]`, cells
 *   `[data-cy="webchat-conversation-cell-container"]` holding the buyer name in a
 *   hashed-class `[title]`; the composer found as "the visible textarea";
 * - a Shopee connector (Python, banhang.shopee.vn/new-webchat/conversations):
 *   cell roots `[data-cy^="webchat-conversation-cell-root"]`, message list
 *   `#message-virtualized-list` / `[data-cy="webchat-conversation-detail-message-container"]`,
 *   sent text in `[data-cy="webchat-message-send"] pre > div`;
 * - a Puppeteer bot: `[data-cy="webchat-message-receive"]` / `-send"`, the time
 *   sitting in a div nested inside the text ("Boa noite21:47"), scroller
 *   `#messageSection`, detail `[data-cy="webchat-conversation-detail"]`, product
 *   card `[data-cy="webchat-station-root"] [title][style*="word-break"]`.
 * Class names are hashed (they change per release), so nothing here relies on
 * them. One source shows the textarea inside `[data-cy="webchat-conversation-detail-input"]`;
 * this page reproduces the build the brief describes, where the composer has no
 * stable hook at all and must be found by position.
 * Assumed: date dividers ("Today", "Yesterday", "20/11/2026"), system notices
 * as rows without data-cy, the order card's labels, UTC+8 display time.
 */
import { StrictMode, useEffect, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { daysAgo, longCount, makeConversation, pad, wallClock, type DemoConversation, type DemoMessage } from './shared/conversation';
import { exposeDemo, markReady } from './shared/demo-globals';

const OFFSET = 480;
const hm = (at: number) => { const w = wallClock(at, OFFSET); return `${pad(w.h)}:${pad(w.mi)}`; };
function dayLabel(at: number): string {
  const ago = daysAgo(at, OFFSET);
  if (ago === 0) return 'Today';
  if (ago === 1) return 'Yesterday';
  const w = wallClock(at, OFFSET);
  return `${pad(w.d)}/${pad(w.mo)}/${w.y}`;
}

const initial: DemoConversation[] = [
  makeConversation({
    id: 'c1', buyerName: 'aisyah.shop88', buyerId: '418820193', lang: 'en', count: longCount(300), marker: true,
    order: { number: '2611207XKQ3HBN', product: 'Foldable Laptop Stand Aluminium, Silver', amount: 'RM45.90', status: 'Shipping', tracking: 'SPXMY045512398761', carrier: 'SPX Express', eta: 'Nov 25 - Nov 27' },
  }, 404),
  makeConversation({
    id: 'c2', buyerName: 'linwei_0612', buyerId: '523901877', lang: 'zh', count: 70,
    order: { number: '2611213MZP08QD', product: '陶瓷马克杯 350ml 复古蓝', amount: 'RM28.50', status: 'To Ship', tracking: 'MY2611219034455', carrier: 'J&T Express', eta: 'Nov 26 - Nov 29' },
  }, 505),
  makeConversation({
    id: 'c3', buyerName: 'ong.k.m', buyerId: '600184420', lang: 'en', count: 35,
    order: { number: '2611186TRE55AW', product: 'Kids Raincoat with Hood, Yellow, 110', amount: 'RM32.00', status: 'Completed', tracking: 'SPXMY044190016632', carrier: 'SPX Express', eta: 'Delivered' },
  }, 606),
];

function Bubble({ m }: { m: DemoMessage }) {
  const cy = m.sender === 'buyer' ? 'webchat-message-receive' : 'webchat-message-send';
  let body;
  if (m.kind === 'image' && m.image) {
    body = <div className="Yc2wq9nTqL"><img className="k8QmB1xZ0p" src={m.image} alt="" /><div className="s2Jx7aEoVt">{hm(m.at)}</div></div>;
  } else if (m.kind === 'order' && m.order) {
    const o = m.order;
    body = (
      <div className="Fq0n3YtE1m">
        <div className="Hd6pLx0c9A">Order ID: {o.number}</div>
        <div className="q3VtBn9dDx" title={o.product} style={{ wordBreak: 'break-all' }}>{o.product}</div>
        <div className="Pu8eV2aZsk">Order Total: {o.amount}</div>
        <div className="Pu8eV2aZsk">Status: {o.status}</div>
        <div className="Pu8eV2aZsk">Tracking Number: {o.tracking} ({o.carrier})</div>
        <div className="Pu8eV2aZsk">Estimated delivery: {o.eta}</div>
        <div className="s2Jx7aEoVt">{hm(m.at)}</div>
      </div>
    );
  } else {
    body = <pre className="Lm4zA0pWc7"><div>{m.text}<div className="s2Jx7aEoVt">{hm(m.at)}</div></div></pre>;
  }
  return <div className={m.sender === 'buyer' ? 'vR3eS0xKq1' : 'vR3eS0xKq1 Zp1oW7fG2h'}><div data-cy={cy} className="Gx8cN2eQ3v">{body}</div></div>;
}

function Messages({ conv }: { conv: DemoConversation }) {
  const rows: ReactNode[] = [];
  let lastDay = '';
  for (const m of conv.messages) {
    const day = dayLabel(m.at);
    if (day !== lastDay) {
      rows.push(<div key={`d-${m.id}`} className="Ow2cH6pQe0">{day}</div>);
      lastDay = day;
    }
    rows.push(m.sender === 'system'
      ? <div key={m.id} className="Ty5nM1cR8b"><span>{m.text}</span></div>
      : <Bubble key={m.id} m={m} />);
  }
  return <>{rows}</>;
}

function App() {
  const [convs, setConvs] = useState(initial);
  const [activeId, setActiveId] = useState('c1');
  const [draft, setDraft] = useState('');
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const paneRef = useRef<HTMLDivElement>(null);
  const conv = convs.find((c) => c.id === activeId) ?? convs[0]!;

  useEffect(() => { window.__model = () => draftRef.current; }, []);
  useEffect(() => {
    const pane = paneRef.current;
    if (pane) pane.scrollTop = pane.scrollHeight;
  }, [activeId, conv.messages.length]);

  const send = () => {
    if (!draft.trim()) return;
    const text = draft;
    setConvs((all) => all.map((c) => c.id === activeId ? { ...c, messages: [...c.messages, { id: String(Date.now()), sender: 'seller', kind: 'text', text, at: Date.now() }] } : c));
    sent.push(text);
    setDraft('');
  };

  return (
    <div className="Rk1sD0aB4x">
      <div data-cy="webchat-conversation-list-wrapper" className="Wq7eR4tY1u">
        <div data-cy="webchat-conversation-list" className="Jm3nB5vC8x">
          {convs.map((c) => {
            const last = c.messages[c.messages.length - 1];
            return (
              <div key={c.id} data-cy={`webchat-conversation-cell-root-${c.id}`} className={c.id === activeId ? 'Xa1sD2fG3h Qw9eR8tY7u' : 'Xa1sD2fG3h'} onClick={() => setActiveId(c.id)}>
                <div data-cy="webchat-conversation-cell-container" className="_76X82Hdj2p">
                  <div className="_2-8iOrKyky" title={c.buyerName}>{c.buyerName}</div>
                  <div className="Vb6nM3qW0e">{last?.kind === 'text' ? last.text : '[Sticker/Image]'}</div>
                  <div className="Lp0oK9iJ8u">{last ? hm(last.at) : ''}</div>
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <div data-cy="webchat-conversation-detail" className="Cv4bN6mQ2w">
        <div className="Hs8dF0gJ1k"><div className="Nt3yU5iO7p" title={conv.buyerName}>{conv.buyerName}</div></div>
        <div data-cy="webchat-station-root" className="Ej2kL4zX6c">
          <span className="Uo5pA7sD9f">You are chatting about this order</span>
          <div title={conv.order.product} style={{ wordBreak: 'break-word' }}>{conv.order.product}</div>
          <div title={conv.order.amount}>{conv.order.amount}</div>
        </div>
        <div id="messageSection" ref={paneRef} className="Mb1vC3xZ5q">
          <div data-cy="webchat-conversation-detail-message-container" id="message-virtualized-list" className="Gn7hJ9kL2a">
            <Messages conv={conv} />
          </div>
        </div>
        <div className="Pk4jH6gF8d">
          <textarea className="Az3sX5dC7v" placeholder="Type a message here" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="button" className="Bn9mK1lP0o" aria-label="send" onClick={send}>➤</button>
        </div>
      </div>
    </div>
  );
}

const sent = exposeDemo(() => '');
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
// React commits asynchronously: ready once the message rows exist.
const wait = () => (document.querySelector('[data-cy="webchat-message-send"]') ? markReady() : requestAnimationFrame(wait));
wait();
