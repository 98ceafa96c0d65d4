/**
 * AliExpress seller IM (gsp.aliexpress.com/m_apps/im-chat/im#/window), React 19,
 * hash-routed: opening a conversation changes location.hash, never reloads.
 *
 * Public material found: the page address `gsp.aliexpress.com/m_apps/im-chat/im#/window`
 * (session list, none open) in several seller tools, and the IM data model a
 * public reader documents: sessions (sessionId, target buyer, title = buyer
 * name), messages with fromType 11 = buyer, 12 = seller, 13 = the shop's
 * aggregated account, card types 1 text, 3 image, 10004/10007 order card.
 * No public source shows the DOM, so every class name below is ASSUMED:
 * `.session-list .session-item[data-session-id]`, `.chat-header .buyer-name`,
 * `.message-list .message-item[data-mid][data-from-type]`, `.message-time`,
 * `.message-text`, `.message-image img`, `.order-card`, `.im-editor textarea`.
 * The hash for an open session is assumed to be `#/window?sessionId=<id>`.
 * Times are shown as "2026-11-20 09:15" (today: "09:15") in UTC+8 (assumed).
 */
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { daysAgo, longCount, makeConversation, pad, wallClock, type DemoConversation, type DemoMessage } from './shared/conversation';
import { exposeDemo, markReady } from './shared/demo-globals';

function shown(at: number): string {
  const w = wallClock(at, 480);
  const hm = `${pad(w.h)}:${pad(w.mi)}`;
  return daysAgo(at, 480) === 0 ? hm : `${w.y}-${pad(w.mo)}-${pad(w.d)} ${hm}`;
}

const sessions: DemoConversation[] = [
  makeConversation({
    id: 's1001', buyerName: 'Lucas Oliveira', buyerId: '2206781234567', lang: 'en', count: longCount(280), marker: true,
    order: { number: '8187652301948826', product: 'Wireless Earbuds Bluetooth 5.3 ENC, White', amount: 'US $18.56', status: 'Awaiting delivery', tracking: 'LP00688123456789', carrier: 'Cainiao Standard Shipping', eta: 'Dec 08, 2026' },
  }, 1111),
  makeConversation({
    id: 's1002', buyerName: '陈思远', buyerId: '2207890012345', lang: 'zh', count: 55,
    order: { number: '3050218877604412', product: '手机支架 桌面折叠 铝合金 深空灰', amount: 'US $6.20', status: 'Awaiting shipment', tracking: 'YT7523196685402', carrier: 'YunExpress', eta: 'Dec 03, 2026' },
  }, 1212),
  makeConversation({
    id: 's1003', buyerName: 'Emma Schulz', buyerId: '2205512398761', lang: 'en', count: 30,
    order: { number: '8190034456217790', product: 'LED Strip Lights 5m RGB, USB', amount: 'US $9.99', status: 'Completed', tracking: 'AEGB00012345678', carrier: 'AliExpress Selection Standard', eta: 'Delivered' },
  }, 1313),
];

function sessionFromHash(): string {
  const q = location.hash.split('?')[1] ?? '';
  return new URLSearchParams(q).get('sessionId') ?? sessions[0]!.id;
}
if (!location.hash.includes('sessionId=')) history.replaceState(null, '', `${location.pathname}${location.search}#/window?sessionId=${sessions[0]!.id}`);

function Item({ m }: { m: DemoMessage }) {
  if (m.sender === 'system') return <div className="message-item system-message" data-mid={m.id}><span className="message-time">{shown(m.at)}</span> <span className="system-text">{m.text}</span></div>;
  const fromType = m.sender === 'buyer' ? '11' : '12';
  let body;
  if (m.kind === 'image' && m.image) body = <div className="message-image"><img src={m.image} alt="" /></div>;
  else if (m.kind === 'order' && m.order) {
    const o = m.order;
    body = (
      <div className="order-card">
        <div className="order-card-title">Order No. {o.number}</div>
        <div className="order-card-product">{o.product}</div>
        <div className="order-card-row">Total: {o.amount}</div>
        <div className="order-card-row">Status: {o.status}</div>
        <div className="order-card-row">Logistics: {o.carrier}</div>
        <div className="order-card-row">Tracking No.: {o.tracking}</div>
      </div>
    );
  } else body = <div className="message-text">{m.text}</div>;
  return (
    <div className={m.sender === 'buyer' ? 'message-item left' : 'message-item right'} data-mid={m.id} data-from-type={fromType}>
      <div className="message-time">{shown(m.at)}</div>
      <div className="message-bubble">{body}</div>
    </div>
  );
}

function App() {
  const [all, setAll] = useState(sessions);
  const [sid, setSid] = useState(sessionFromHash);
  const [draft, setDraft] = useState('');
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const listRef = useRef<HTMLDivElement>(null);
  const s = all.find((x) => x.id === sid) ?? all[0]!;

  useEffect(() => {
    window.__model = () => draftRef.current;
    const onHash = () => setSid(sessionFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [sid, s.messages.length]);

  const send = () => {
    if (!draft.trim()) return;
    const text = draft;
    setAll((xs) => xs.map((x) => x.id === s.id ? { ...x, messages: [...x.messages, { id: String(Date.now()), sender: 'seller', kind: 'text', text, at: Date.now() }] } : x));
    sent.push(text);
    setDraft('');
  };

  return (
    <div className="im-layout">
      <div className="session-list">
        {all.map((x) => {
          const last = x.messages[x.messages.length - 1];
          return (
            <div key={x.id} className={x.id === s.id ? 'session-item active' : 'session-item'} data-session-id={x.id}
              onClick={() => { location.hash = `#/window?sessionId=${x.id}`; }}>
              <div className="session-title">{x.buyerName}</div>
              <div className="session-summary">{last?.kind === 'text' ? last.text : '[Image]'}</div>
            </div>
          );
        })}
      </div>
      <div className="chat-window">
        <div className="chat-header"><span className="buyer-name">{s.buyerName}</span> <span className="buyer-id">Buyer ID: {s.buyerId}</span></div>
        <div className="message-list" ref={listRef}>
          {s.messages.map((m) => <Item key={m.id} m={m} />)}
        </div>
        <div className="im-editor">
          <textarea placeholder="Please enter a message" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="button" className="send-button" onClick={send}>Send</button>
        </div>
      </div>
    </div>
  );
}

const sent = exposeDemo(() => '');
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
const wait = () => (document.querySelector('.message-item') ? markReady() : requestAnimationFrame(wait));
wait();
