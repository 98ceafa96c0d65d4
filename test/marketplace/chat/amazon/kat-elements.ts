/**
 * Katal web components as Amazon Seller Central's contact-buyer form uses them.
 *
 * Public source: an Amazon messaging automation content script fills
 * `.contact-buyer-text-area kat-textarea` by opening `host.shadowRoot`,
 * querying the real `<textarea>` inside it, setting its value and dispatching
 * a composed `input` event; the send control is `kat-button.ayb-contact-form-send-button`.
 * So: an OPEN shadow root holding the native textarea, the host reflecting
 * `value` (property and attribute) and firing input (native, composed) and
 * change (re-dispatched on the host: native change is not composed).
 *
 * A factory over a window so the same element can be defined in the demo page
 * and in a jsdom window that loaded the page's static snapshot (outerHTML
 * drops shadow roots; defining the element upgrades the snapshot's hosts).
 */
export function defineKatElements(win: Window & typeof globalThis): void {
  const doc = win.document;
  if (!win.customElements.get('kat-textarea')) {
    class KatTextarea extends win.HTMLElement {
      static observedAttributes = ['value', 'placeholder'];
      readonly inner: HTMLTextAreaElement;
      constructor() {
        super();
        const root = this.attachShadow({ mode: 'open' });
        const style = doc.createElement('style');
        style.textContent = ':host{display:block}textarea{box-sizing:border-box;width:100%;min-height:120px;font:inherit;padding:8px;border:1px solid #8c9196;border-radius:4px;resize:vertical}';
        this.inner = doc.createElement('textarea');
        this.inner.setAttribute('part', 'textarea');
        root.append(style, this.inner);
        // Native input events are composed: listeners on the host see them with
        // target = host. Reflect the value so host.value / [value] stay current.
        this.inner.addEventListener('input', () => {
          if (this.getAttribute('value') !== this.inner.value) this.setAttribute('value', this.inner.value);
        });
        this.inner.addEventListener('change', () => this.dispatchEvent(new win.Event('change', { bubbles: true, composed: true })));
      }
      connectedCallback() {
        const v = this.getAttribute('value');
        if (v !== null && this.inner.value !== v) this.inner.value = v;
        const p = this.getAttribute('placeholder');
        if (p !== null) this.inner.placeholder = p;
      }
      attributeChangedCallback(name: string, _old: string | null, value: string | null) {
        if (name === 'value' && this.inner.value !== (value ?? '')) this.inner.value = value ?? '';
        if (name === 'placeholder') this.inner.placeholder = value ?? '';
      }
      get value(): string {
        return this.inner.value;
      }
      set value(v: string) {
        const next = v ?? '';
        if (this.inner.value !== next) this.inner.value = next;
        if (this.getAttribute('value') !== next) this.setAttribute('value', next);
      }
    }
    win.customElements.define('kat-textarea', KatTextarea);
  }
  if (!win.customElements.get('kat-button')) {
    class KatButton extends win.HTMLElement {
      constructor() {
        super();
        const root = this.attachShadow({ mode: 'open' });
        const button = doc.createElement('button');
        button.type = 'button';
        button.style.cssText = 'background:#ffd814;border:1px solid #fcd200;border-radius:8px;padding:6px 18px;cursor:pointer;font:inherit';
        button.append(doc.createElement('slot'));
        root.append(button);
      }
      connectedCallback() {
        if (!this.textContent?.trim()) this.textContent = this.getAttribute('label') ?? '';
      }
    }
    win.customElements.define('kat-button', KatButton);
  }
}
