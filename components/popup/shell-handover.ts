/**
 * How the popup's first frame (entrypoints/popup-first.ts, a classic script)
 * hands its shell to the popup's module (entrypoints/popup/main.ts), which
 * loads the React app behind it. The two load in parallel and either may run
 * first. No imports: the module's first load stays one small file.
 */
import type { PopupShell } from './popup-shell';

const READY = 'xiaoer:popup-shell';
const slot = globalThis as { __xiaoerPopupShell?: PopupShell };

/** The first frame: its shell is mounted (called once). */
export function offerShell(shell: PopupShell): void {
  slot.__xiaoerPopupShell = shell;
  globalThis.dispatchEvent(new Event(READY));
}

/** The module: the shell, now or once the first frame has mounted it. */
export function takeShell(): Promise<PopupShell> {
  const ready = slot.__xiaoerPopupShell;
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => globalThis.addEventListener(READY, () => resolve(slot.__xiaoerPopupShell!), { once: true }));
}
