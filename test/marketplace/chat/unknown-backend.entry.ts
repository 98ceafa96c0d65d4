/**
 * The unknown-backend demo chat (unknown-backend.html): 24 conversations, the
 * first two with 8 and 3 messages, the rest with 2–6. Plain DOM, no framework:
 * Xiaoer's generic reader must tell the open conversation from the list of
 * conversations by structure alone.
 *
 * `?layout=page&history=lazy`: the page itself scrolls (no inner pane: the history
 * grows the document, the conversation list stays in view), and the first
 * conversation holds 120 messages of which the newest 30 are shown; the window
 * scrolled to its top shows "加载中…" above them and 300 ms later 30 earlier ones,
 * the view kept where it was. A layout for the Whole conversation load of a page
 * whose document scrolls (assumed, not copied from a backend).
 */
interface Line {
  from: 'buyer' | 'seller';
  text: string;
  at: string;
}
interface Conversation {
  id: string;
  buyer: string;
  lines: Line[];
}

const QUESTIONS = ['在吗？', '这个还有货吗？', '什么时候发货？', '能便宜点吗？', '可以开发票吗？', '快递是哪家？'];
const ANSWERS = ['亲，在的，请问有什么可以帮您？', '有货的亲，今天下单今天发。', '48小时内发货，请放心。', '已经是活动价了哦。', '可以的，下单时备注抬头。', '默认中通，偏远地区邮政。'];

function lines(n: number, seed: number): Line[] {
  return Array.from({ length: n }, (_, i) => ({
    from: i % 2 ? 'seller' : 'buyer',
    text: (i % 2 ? ANSWERS : QUESTIONS)[(seed + (i >> 1)) % 6]!,
    at: `2026-11-22 ${String(9 + (i >> 2)).padStart(2, '0')}:${String(10 + i).padStart(2, '0')}`,
  }));
}

const query = new URLSearchParams(location.search);
const PAGE_LAYOUT = query.get('layout') === 'page';
const LAZY = query.get('history') === 'lazy';
const PAGE = 30;

const conversations: Conversation[] = Array.from({ length: 24 }, (_, i) => ({
  id: `u${101 + i}`,
  buyer: `买家${String.fromCharCode(0x7532 + i)}`,
  lines: lines(i === 0 ? (LAZY ? 120 : 8) : i === 1 ? 3 : 2 + (i % 5), i),
}));
let shown = conversations[0]!;
if (LAZY) {
  // The first message says so, to check a capture reached it.
  const first = shown.lines[0]!;
  first.text = `FIRST-MESSAGE-MARKER ${first.text}`;
}
if (PAGE_LAYOUT) document.documentElement.classList.add('page-layout');
/** ?history=lazy: how many of each conversation's newest messages are shown; a load under way. */
const shownCount = new Map<string, number>();
let loading = false;
const visible = (c: Conversation) => (LAZY ? c.lines.slice(-Math.min(c.lines.length, shownCount.get(c.id) ?? PAGE)) : c.lines);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function render(): void {
  const list = document.getElementById('conversations')!;
  list.replaceChildren(
    ...conversations.map((c) => {
      const li = el('li', c === shown ? 'conv-item conv-item--active' : 'conv-item');
      li.dataset.conversation = c.id;
      li.append(el('span', 'conv-name', c.buyer), el('span', 'conv-last', c.lines[c.lines.length - 1]!.text));
      li.addEventListener('click', () => {
        shown = c;
        render();
      });
      return li;
    }),
  );
  document.getElementById('buyer')!.textContent = `${shown.buyer}（${shown.id}）`;
  // The history is rendered afresh on each switch, as most IMs do.
  document.getElementById('history')!.replaceChildren(
    ...(loading ? [el('div', 'im-loading', '加载中…')] : []),
    ...visible(shown).map((l) => {
      const row = el('div', `im-msg from-${l.from}`);
      row.append(el('p', 'im-text', l.text), el('time', 'im-time', l.at));
      return row;
    }),
  );
}

document.querySelector('[data-testid="send"]')!.addEventListener('click', () => {
  const box = document.getElementById('composer-input') as HTMLTextAreaElement;
  if (!box.value.trim()) return;
  shown.lines.push({ from: 'seller', text: box.value, at: '2026-11-22 10:30' });
  box.value = '';
  render();
});

// ?layout=page&history=lazy: the window reaching its top loads earlier messages, as an IM pane reaching its top does.
function loadEarlier(): void {
  const c = shown;
  if (!LAZY || loading || window.scrollY > 20 || visible(c).length >= c.lines.length) return;
  loading = true;
  render();
  setTimeout(() => {
    const root = document.scrollingElement!;
    const fromBottom = root.scrollHeight - root.scrollTop;
    shownCount.set(c.id, (shownCount.get(c.id) ?? PAGE) + PAGE);
    loading = false;
    render();
    root.scrollTop = root.scrollHeight - fromBottom;
  }, 300);
}
if (PAGE_LAYOUT) window.addEventListener('scroll', loadEarlier);

render();
if (PAGE_LAYOUT) document.scrollingElement!.scrollTop = document.scrollingElement!.scrollHeight;
(window as unknown as { __ready: boolean }).__ready = true;
