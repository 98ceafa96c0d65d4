/**
 * What the e2e tests read back from a demo chat page: the composer's text as
 * the page's framework holds it (Vue data / React state, never the DOM value),
 * the texts the page "sent", and a ready flag set after the first render.
 */
declare global {
  interface Window {
    __model?: () => string;
    __sent?: string[];
    __ready?: boolean;
  }
}

export function exposeDemo(model: () => string): string[] {
  const sent: string[] = [];
  window.__model = model;
  window.__sent = sent;
  return sent;
}

export function markReady(): void {
  window.__ready = true;
  document.documentElement.dataset.ready = '1';
}
