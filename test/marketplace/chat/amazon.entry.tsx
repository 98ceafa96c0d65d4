/**
 * Amazon Seller Central buyer messaging (sellercentral.amazon.com/messaging/contact
 * ?orderID=...&marketplaceID=...), React 19 + Katal web components.
 *
 * Documented (public automation content script for this page): the buyer name in
 * `.ayb-contact-buyer-header h2` ("Send message to Palmer"), contact reasons
 * `kat-radiobutton[value] input[type="radio"]`, attachments
 * `div.contact-buyer-file-input input[type="file"]` and `.file-attachment-list li`,
 * the composer `.contact-buyer-text-area kat-textarea` (real textarea in its open
 * shadow root), send `kat-button.ayb-contact-form-send-button`.
 * Assumed (no public source found): the thread list, the message history markup
 * (`.ayb-message-history .ayb-message[data-message-id]`), the order details panel
 * (`.ayb-order-details dl`), dates shown as "Nov 20, 2026 9:15 AM" in Pacific time.
 * Switching threads changes ?orderID= with history.pushState (no reload).
 */
import { StrictMode, createElement, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { defineKatElements } from './amazon/kat-elements';
import { longCount, makeConversation, type DemoConversation, type DemoMessage } from './shared/conversation';
import { exposeDemo, markReady } from './shared/demo-globals';

defineKatElements(window);

const MARKETPLACE = 'ATVPDKIKX0DER';
// Seller Central (US) shows times in Pacific time; Intl handles PST/PDT.
const fmt = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });
function shown(at: number): string {
  const p = Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.month} ${p.day}, ${p.year} ${p.hour}:${p.minute} ${p.dayPeriod}`;
}

const threads: DemoConversation[] = [
  makeConversation({
    id: 'c1', buyerName: 'Palmer', buyerId: 'A2K9X7QW1ZB3MN', lang: 'en', count: longCount(260), marker: true,
    order: { number: '112-4839201-5561927', product: 'Ceramic Pour-Over Coffee Dripper, Size 02, Matte Black', amount: '$24.99', status: 'Shipped', tracking: '9400111202555842761234', carrier: 'USPS', eta: 'Nov 26, 2026' },
  }, 707),
  makeConversation({
    id: 'c2', buyerName: 'Wei Zhang', buyerId: 'A1QF0ZJ8T3LK2P', lang: 'zh', count: 50,
    order: { number: '113-7702316-0084412', product: 'Silk Pillowcase 2 Pack, Queen, Champagne', amount: '$32.50', status: 'Unshipped', tracking: '1Z999AA10123456784', carrier: 'UPS', eta: 'Nov 28, 2026' },
  }, 808),
  makeConversation({
    id: 'c3', buyerName: 'Denise R.', buyerId: 'A3M1C5V0UX9E7Q', lang: 'en', count: 30,
    order: { number: '111-2290475-9163308', product: 'Bamboo Drawer Organizer Set, 6 Pieces', amount: '$18.79', status: 'Delivered', tracking: 'TBA304582716000', carrier: 'Amazon Logistics', eta: 'Delivered Nov 19, 2026' },
  }, 909),
];

function orderFromUrl(): string {
  return new URLSearchParams(location.search).get('orderID') ?? threads[0]!.order.number;
}
if (!new URLSearchParams(location.search).get('orderID')) {
  const q = new URLSearchParams(location.search);
  q.set('orderID', threads[0]!.order.number);
  q.set('marketplaceID', MARKETPLACE);
  history.replaceState(null, '', `${location.pathname}?${q}${location.hash}`);
}

function Message({ m, buyer }: { m: DemoMessage; buyer: string }) {
  const who = m.sender === 'buyer' ? buyer : m.sender === 'seller' ? 'You' : 'Amazon';
  let body;
  if (m.kind === 'image' && m.image) {
    body = <div className="ayb-message-attachment"><img src={m.image} alt="attachment.jpg" /></div>;
  } else if (m.kind === 'order' && m.order) {
    body = (
      <div className="ayb-order-card">
        <div>Order ID: {m.order.number}</div>
        <div>{m.order.product}</div>
        <div>Order total: {m.order.amount}</div>
        <div>Carrier: {m.order.carrier}</div>
        <div>Tracking ID: {m.order.tracking}</div>
      </div>
    );
  } else {
    body = <div className="ayb-message-body">{m.text}</div>;
  }
  return (
    <div className={`ayb-message ayb-message--${m.sender}`} data-message-id={m.id}>
      <div className="ayb-message-meta"><span className="ayb-message-sender">{who}</span> <span className="ayb-message-date">{shown(m.at)}</span></div>
      {body}
    </div>
  );
}

function App() {
  const [all, setAll] = useState(threads);
  const [orderId, setOrderId] = useState(orderFromUrl);
  const [draft, setDraft] = useState('');
  const [reason, setReason] = useState('shipping');
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const katRef = useRef<HTMLElement>(null);
  const historyRef = useRef<HTMLDivElement>(null);
  const thread = all.find((t) => t.order.number === orderId) ?? all[0]!;

  useEffect(() => {
    window.__model = () => draftRef.current;
    const onPop = () => setOrderId(orderFromUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  // The Katal element fires input/change on its host; React state is the model.
  useEffect(() => {
    const el = katRef.current;
    if (!el) return;
    const onInput = () => setDraft((el as HTMLElement & { value: string }).value);
    el.addEventListener('input', onInput);
    el.addEventListener('change', onInput);
    return () => { el.removeEventListener('input', onInput); el.removeEventListener('change', onInput); };
  }, []);
  useEffect(() => {
    const h = historyRef.current;
    if (h) h.scrollTop = h.scrollHeight;
  }, [orderId, thread.messages.length]);

  const open = (t: DemoConversation) => {
    const q = new URLSearchParams(location.search);
    q.set('orderID', t.order.number);
    q.set('marketplaceID', MARKETPLACE);
    history.pushState(null, '', `${location.pathname}?${q}`);
    setOrderId(t.order.number);
  };
  const send = () => {
    if (!draft.trim()) return;
    const text = draft;
    setAll((ts) => ts.map((t) => t.id === thread.id ? { ...t, messages: [...t.messages, { id: String(Date.now()), sender: 'seller', kind: 'text', text, at: Date.now() }] } : t));
    sent.push(text);
    setDraft('');
  };
  const o = thread.order;

  return (
    <div className="ayb-layout">
      <nav className="ayb-thread-list" aria-label="Buyer messages">
        {all.map((t) => (
          <a key={t.id} href={`?orderID=${t.order.number}&marketplaceID=${MARKETPLACE}`} className={t.id === thread.id ? 'ayb-thread is-selected' : 'ayb-thread'}
            onClick={(e) => { e.preventDefault(); open(t); }}>
            <strong>{t.buyerName}</strong><span>{t.order.number}</span>
          </a>
        ))}
      </nav>
      <main className="ayb-contact-buyer">
        <div className="ayb-contact-buyer-header"><h2>Send message to {thread.buyerName}</h2></div>
        <section className="ayb-order-details">
          <dl>
            <dt>Order ID</dt><dd>{o.number}</dd>
            <dt>Product</dt><dd>{o.product}</dd>
            <dt>Order total</dt><dd>{o.amount}</dd>
            <dt>Order status</dt><dd>{o.status}</dd>
            <dt>Carrier</dt><dd>{o.carrier}</dd>
            <dt>Tracking ID</dt><dd>{o.tracking}</dd>
            <dt>Estimated delivery</dt><dd>{o.eta}</dd>
          </dl>
        </section>
        <div className="ayb-message-history" ref={historyRef}>
          {thread.messages.map((m) => <Message key={m.id} m={m} buyer={thread.buyerName} />)}
        </div>
        <div className="ayb-contact-form">
          <div className="ayb-contact-reasons">
            {[['shipping', 'Shipping inquiry'], ['return', 'Return or refund'], ['additional-info', 'Additional information required']].map(([value, label]) => (
              createElement('kat-radiobutton', { key: value, value, label },
                <label><input type="radio" name="reason" value={value} checked={reason === value} onChange={() => setReason(value!)} /> {label}</label>)
            ))}
          </div>
          <div className="contact-buyer-text-area">
            {createElement('kat-textarea', { ref: katRef, value: draft, placeholder: 'Write your message' })}
          </div>
          <div className="contact-buyer-file-input"><input type="file" multiple /></div>
          <ul className="file-attachment-list" />
          {createElement('kat-button', { className: 'ayb-contact-form-send-button', label: 'Send', onClick: send }, 'Send')}
        </div>
      </main>
    </div>
  );
}

const sent = exposeDemo(() => '');
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
const wait = () => (document.querySelector('.ayb-message') ? markReady() : requestAnimationFrame(wait));
wait();
