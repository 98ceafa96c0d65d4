// Test API shared by every composer page: the editor's OWN model text, what Send
// sent, and readiness. Send behaves like a real chat: it takes the model text
// (not the DOM), records it, and clears the editor.

export interface ComposerPage {
  /** Library name and version, e.g. 'slate 0.146'. */
  editor: string;
  /** The editor framework's own model as plain text ('\n' between lines/paragraphs). */
  model: () => string;
  /** Empty the editor the way the app would after sending. */
  clear: () => void;
  /**
   * The model as the editor stores it, where `model` normalises something away:
   * no U+00A0 → space mapping, and formatting marks shown as `[name]…[/name]`
   * (a plain-text reply must arrive with none). Defaults to `model`.
   */
  exact?: () => string;
}

// Same shape as test/marketplace/chat/shared/demo-globals.ts (declarations merge).
declare global {
  interface Window {
    __model?: () => string;
    __modelExact?: () => string;
    __sent?: string[];
    __editor?: string;
    __ready?: boolean;
  }
}

export function exposeComposer(page: ComposerPage): void {
  const sent: string[] = [];
  window.__sent = sent;
  window.__editor = page.editor;
  window.__model = page.model;
  window.__modelExact = page.exact ?? page.model;
  const send = document.querySelector<HTMLButtonElement>('[data-testid="send"]');
  send?.addEventListener('click', () => {
    const text = page.model();
    // Chat backends refuse blank messages.
    if (!text.trim()) return;
    sent.push(text);
    appendSellerMessage(text);
    page.clear();
  });
  window.__ready = true;
}

/** Show the sent reply in the history, as text (never as HTML). */
function appendSellerMessage(text: string): void {
  const list = document.querySelector('.messages');
  if (!list) return;
  const li = document.createElement('li');
  li.className = 'msg seller';
  li.textContent = text;
  list.append(li);
}

/** contenteditable renders spaces at the edges of text as U+00A0; a chat sends them as plain spaces. */
export function plainSpaces(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}
