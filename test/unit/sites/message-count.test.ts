/**
 * messageCount() — what the overlay pushes with every page state — must say
 * exactly how many messages messages() returns, on every demo page for every
 * adapter (dedicated, generic, taught). And the row memo behind messages()
 * must never serve a stale row: the page changes a row's text, class or
 * image, adds, removes or re-inserts rows, and the very next synchronous read
 * shows it.
 */
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SiteProfile } from '../../../lib/schema';
import { generic } from '../../../lib/sites/generic';
import { taughtAdapter } from '../../../lib/sites/picked';
import { ADAPTERS } from '../../../lib/sites/registry';
import type { SiteAdapter } from '../../../lib/sites/types';
import { DEMO_NOW, TRUTH } from './expectations';
import { loadFixture } from './load-fixture';
import { DEMO_PAGES } from './pages';

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW);
});
afterAll(() => vi.useRealTimers());

/** The message pane of each chat page, as a seller would teach it with the element picker. */
const PANES: Record<string, string> = {
  pinduoduo: '#msgListContainer',
  shopee: '[data-cy="webchat-conversation-detail-message-container"]',
  amazon: '.ayb-message-history',
  aliexpress: '.message-list',
  qianniu: '.message-container .message-list-right',
};

function taught(messagePane: string | null): SiteAdapter {
  const now = '2026-11-22T10:00:00.000Z';
  const profile: SiteProfile = { host: '127.0.0.1', name: 'taught', composer: null, messagePane, messageRow: null, buyerName: null, orderNumber: null, reviewRow: null, createdAt: now, updatedAt: now };
  return taughtAdapter(profile, generic);
}

describe.each(DEMO_PAGES.map((p) => p.name))('messageCount() on the %s page', (name) => {
  const doc = loadFixture(name).window.document;
  const adapters: [string, SiteAdapter][] = [
    ...ADAPTERS.map((a): [string, SiteAdapter] => [a.id, a]),
    ['generic', generic],
    ['taught (pane)', taught(PANES[name] ?? null)],
    ['taught (nothing matching)', taught('#no-such-pane')],
  ];

  it.each(adapters)('%s: equals messages().length', (_id, adapter) => {
    expect(adapter.messageCount(doc)).toBe(adapter.messages(doc).length);
    // A second read goes through the memos: still equal.
    expect(adapter.messageCount(doc)).toBe(adapter.messages(doc).length);
  });

  if (name in TRUTH) {
    it('counts every message of the conversation with its own adapter and the generic one', () => {
      const own = ADAPTERS.find((a) => a.id === name)!;
      expect(own.messageCount(doc)).toBe(TRUTH[name]!.messages);
      expect(generic.messageCount(doc)).toBeGreaterThan(5);
      expect(taught(PANES[name]!).messageCount(doc)).toBeGreaterThan(5);
    });
  }
});

/** The row element (a child of the rows' parent) holding a node. */
function rowOf(node: Node, adapter: SiteAdapter, doc: Document): Element {
  const pane = adapter.messagePane(doc)!;
  let el = node.parentElement!;
  // Rows are the element's siblings in a list of many; a bubble's insides have few.
  while (el.parentElement && el.parentElement !== pane && el.parentElement.childElementCount < 6) el = el.parentElement;
  return el;
}

/** Change a message's words: its text node and, where the page repeats them in a title (Qianniu), that too. */
function rewrite(node: Text, from: string, to: string): void {
  node.nodeValue = (node.nodeValue ?? '').replace(from, to);
  const title = node.parentElement?.getAttribute('title');
  if (title?.includes(from)) node.parentElement!.setAttribute('title', title.replace(from, to));
}

function textNodeWith(root: Element, text: string): Text {
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.nodeValue ?? '').includes(text)) return n as Text;
  throw new Error(`no text node with ${text}`);
}

const CHAT_ADAPTERS: [string, SiteAdapter][] = [...ADAPTERS.map((a): [string, SiteAdapter] => [a.id, a]), ...Object.keys(PANES).map((n): [string, SiteAdapter] => [`generic on ${n}`, generic])];

describe.each(CHAT_ADAPTERS)('%s: the memo follows the page', (label, adapter) => {
  const page = label.startsWith('generic on ') ? label.slice('generic on '.length) : label;
  const fresh = () => loadFixture(page).window.document;
  /** The newest buyer message with text, and the text node it is read from. */
  const buyerText = (doc: Document) => {
    const messages = adapter.messages(doc);
    const m = [...messages].reverse().find((x) => x.sender === 'buyer' && x.text.length >= 4)!;
    const pane = adapter.messagePane(doc)!;
    const probe = m.text.slice(0, 4);
    return { messages, node: textNodeWith(pane, probe), probe };
  };

  it('shows a row whose text changed, on the next synchronous read', () => {
    const doc = fresh();
    const { messages, node, probe } = buyerText(doc);
    rewrite(node, probe, 'ZQXJ');
    const after = adapter.messages(doc);
    expect(after).toHaveLength(messages.length);
    expect(after.filter((m) => m.text.includes('ZQXJ'))).toHaveLength(1);
    expect(adapter.messageCount(doc)).toBe(after.length);
  });

  it('counts and reads an added and a removed row', () => {
    const doc = fresh();
    const { messages, node } = buyerText(doc);
    const row = rowOf(node, adapter, doc);
    const copy = row.cloneNode(true) as Element;
    row.after(copy);
    expect(adapter.messageCount(doc)).toBe(messages.length + 1);
    expect(adapter.messages(doc)).toHaveLength(messages.length + 1);
    copy.remove();
    row.remove();
    expect(adapter.messageCount(doc)).toBe(messages.length - 1);
    expect(adapter.messages(doc)).toHaveLength(messages.length - 1);
  });

  it('re-reads a row taken out, changed while out of the page and put back', async () => {
    const doc = fresh();
    const { node, probe } = buyerText(doc);
    const row = rowOf(node, adapter, doc);
    const parent = row.parentNode!;
    const next = row.nextSibling;
    row.remove();
    adapter.messages(doc);
    // Past the microtask that ends the observer's hold on removed nodes.
    await new Promise((r) => setTimeout(r, 0));
    rewrite(node, probe, 'WVKP');
    parent.insertBefore(row, next);
    expect(adapter.messages(doc).filter((m) => m.text.includes('WVKP'))).toHaveLength(1);
  });

  it('re-reads an image whose source changed', () => {
    const doc = fresh();
    const pane = adapter.messagePane(doc)!;
    const img = Array.from(pane.querySelectorAll('img')).find((i) => (i.getAttribute('src') ?? '').startsWith('data:image/svg'))!;
    expect(img).toBeTruthy();
    const before = adapter.messages(doc);
    img.setAttribute('src', 'https://img.example.com/changed.jpg');
    const after = adapter.messages(doc);
    expect(after.some((m) => m.images.includes('https://img.example.com/changed.jpg'))).toBe(true);
    expect(after).toHaveLength(before.length);
  });
});

describe('generic: the found message list is reused only while the page around it is unchanged', () => {
  const list = (cls: string, n: number, text: (i: number) => string) =>
    `<ul class="${cls}">${Array.from({ length: n }, (_, i) => `<li class="row"><span>${text(i)}</span></li>`).join('')}</ul>`;
  const page = () => new JSDOM(`<!doctype html><body><nav>${list('convs', 6, (i) => `买家${i}`)}</nav><main></main></body>`, { url: 'https://erp.example.com/chat' }).window.document;

  it('finds a longer list that appears after the first read, and the old one when it goes', () => {
    const doc = page();
    expect(generic.messages(doc).map((m) => m.text)).toEqual(['买家0', '买家1', '买家2', '买家3', '买家4', '买家5']);
    // The conversation loads after the conversation list: found, though nothing inside the first list changed.
    const main = doc.querySelector('main')!;
    const pane = doc.createElement('div');
    main.append(pane);
    for (let i = 0; i < 12; i++) {
      const row = doc.createElement('div');
      row.className = 'msg';
      row.textContent = `消息${i}`;
      pane.append(row);
    }
    expect(generic.messageCount(doc)).toBe(12);
    expect(generic.messages(doc).map((m) => m.text)).toEqual(Array.from({ length: 12 }, (_, i) => `消息${i}`));
    // A new message inside the found pane: the same pane, one more row.
    const row = doc.createElement('div');
    row.className = 'msg';
    row.textContent = '消息12';
    pane.append(row);
    expect(generic.messages(doc)).toHaveLength(13);
    expect(generic.messagePane(doc)).toBe(pane);
    pane.remove();
    expect(generic.messageCount(doc)).toBe(6);
    expect(generic.messages(doc)[0]!.text).toBe('买家0');
  });

  it('finds another list when classes outside the found one change', () => {
    const doc = page();
    const other = doc.querySelector('main')!;
    // Seven items of mixed classes: not a list of similar rows until their classes agree.
    for (let i = 0; i < 7; i++) {
      const el = doc.createElement('p');
      el.className = `c${i}`;
      el.textContent = `条目${i}`;
      other.append(el);
    }
    expect(generic.messageCount(doc)).toBe(6);
    for (const p of Array.from(other.children)) p.className = 'same';
    expect(generic.messageCount(doc)).toBe(7);
    expect(generic.messages(doc).map((m) => m.text)[6]).toBe('条目6');
  });
});

describe('generic: outside changes that cannot make another list win keep the found one, those that can do not', () => {
  const items = (n: number, cls: string) => Array.from({ length: n }, (_, i) => `<li class="${cls}">项${i}</li>`).join('');

  it('a highlight moving between conversation items (a class after the first) changes nothing read', () => {
    const doc = new JSDOM(`<!doctype html><body><nav><ul>${items(4, 'conv')}</ul></nav><main><ul>${Array.from({ length: 8 }, (_, i) => `<li class="msg">消息${i}</li>`).join('')}</ul></main></body>`, { url: 'https://erp.example.com/chat' }).window.document;
    expect(generic.messageCount(doc)).toBe(8);
    const convs = Array.from(doc.querySelectorAll('nav li'));
    convs[0]!.className = 'conv active';
    convs[0]!.className = 'conv';
    convs[2]!.className = 'conv active';
    expect(generic.messageCount(doc)).toBe(8);
    expect(generic.messagePane(doc)).toBe(doc.querySelector('main ul'));
  });

  it('a list earlier in the page that grows to as many rows wins, as a fresh scan would pick it', () => {
    const doc = new JSDOM(`<!doctype html><body><nav><ul>${items(3, 'conv')}</ul></nav><main><ul>${Array.from({ length: 6 }, (_, i) => `<li class="msg">消息${i}</li>`).join('')}</ul></main></body>`, { url: 'https://erp.example.com/chat' }).window.document;
    expect(generic.messages(doc)[0]!.text).toBe('消息0');
    const nav = doc.querySelector('nav ul')!;
    for (let i = 3; i < 6; i++) {
      const li = doc.createElement('li');
      li.className = 'conv';
      li.textContent = `项${i}`;
      nav.append(li);
    }
    expect(generic.messages(doc)[0]!.text).toBe('项0');
  });

  it('a bigger list added inside a wrapper is found', () => {
    const doc = new JSDOM(`<!doctype html><body><main><ul>${Array.from({ length: 6 }, (_, i) => `<li class="msg">消息${i}</li>`).join('')}</ul></main><aside></aside></body>`, { url: 'https://erp.example.com/chat' }).window.document;
    expect(generic.messageCount(doc)).toBe(6);
    const wrapper = doc.createElement('section');
    wrapper.innerHTML = `<div><ol>${Array.from({ length: 9 }, (_, i) => `<li class="row">行${i}</li>`).join('')}</ol></div>`;
    doc.querySelector('aside')!.append(wrapper);
    expect(generic.messageCount(doc)).toBe(9);
    expect(generic.messages(doc)[8]!.text).toBe('行8');
  });
});

describe('generic: day dividers are told from messages without collapsing every row', () => {
  it('counts exactly the rows messages() returns, dividers written every way left out', () => {
    const texts = [
      '2026-11-20 星期五', '今天', 'Nov 20, 2026 Friday', '20 Nov 2026', '11-20', 'Yesterday', '2026年11月19日 周四', '  2026/11/18  \n  ',
      '2026-11-20 我下单了', 'Order 12/11/2026 shipped', '星期五发货吗', 'Friday', 'ok', '11-20 到货', '12345',
    ];
    const rows = texts.map((t) => `<div class="row"><span>${t}</span></div>`).join('');
    const doc = new JSDOM(`<!doctype html><body><div class="pane">${rows}<div class="row">  </div></div></body>`, { url: 'https://erp.example.com/chat' }).window.document;
    const messages = generic.messages(doc);
    expect(messages.map((m) => m.text)).toEqual(['2026-11-20 我下单了', 'Order 12/11/2026 shipped', '星期五发货吗', 'Friday', 'ok', '11-20 到货', '12345']);
    expect(generic.messageCount(doc)).toBe(messages.length);
  });
});
