// <kat-textarea>, shaped like Amazon Seller Central's Katal component: the real
// <textarea> lives in an open shadow root; the host keeps its own `value`, updated
// only from the inner textarea's input events, and re-dispatches `input`/`change`
// so the app (listening on the host) sees them.
import { exposeComposer } from './composer-page';

class KatTextarea extends HTMLElement {
  #value = '';
  #inner: HTMLTextAreaElement;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent =
      ':host{display:block}textarea{width:100%;box-sizing:border-box;min-height:64px;font:inherit;padding:6px 8px;border:1px solid #8c9196;border-radius:4px}';
    this.#inner = document.createElement('textarea');
    this.#inner.rows = 3;
    this.#inner.part.add('textarea');
    shadow.append(style, this.#inner);
    this.#inner.addEventListener('input', (event) => {
      event.stopPropagation();
      this.#value = this.#inner.value;
      this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    });
    this.#inner.addEventListener('change', () => {
      this.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  static get observedAttributes(): string[] {
    return ['placeholder'];
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'placeholder') this.#inner.placeholder = value ?? '';
  }

  get value(): string {
    return this.#value;
  }

  set value(next: string) {
    this.#value = next;
    this.#inner.value = next;
  }
}
customElements.define('kat-textarea', KatTextarea);

const host = document.querySelector<KatTextarea>('kat-textarea')!;
// The app's own state, fed by the host's events (as a Seller Central page would).
let draft = '';
host.addEventListener('input', () => {
  draft = host.value;
});
exposeComposer({
  editor: 'kat-textarea (shadow DOM)',
  model: () => draft,
  clear: () => {
    host.value = '';
    draft = '';
  },
});
