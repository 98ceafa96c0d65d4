/**
 * The overlay: Xiaoer's only script on marketplace pages. Deliberately small and
 * framework-free (budget: 25 KB gzip, ≤ 2 ms main-thread time at load). At load it
 * only registers listeners and a toggle tab; everything else (adapters, the
 * sidebar frame, the page observer) starts when the agent acts.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { MARKETPLACE_HOST_PATTERNS } from '../../lib/sites/hosts';
import { startOverlay } from './overlay';

export default defineContentScript({
  // The production host list; the e2e build adds the demo marketplace in wxt.config.ts.
  matches: [...MARKETPLACE_HOST_PATTERNS],
  runAt: 'document_idle',
  main(ctx) {
    // Load-once guard: a second injection into the same document (extension update
    // re-injecting, or a manual scripting call) must not double the listeners. The
    // flag lives in our isolated world, so the page can neither see nor set it.
    const g = globalThis as unknown as { __xiaoerOverlay?: boolean };
    if (g.__xiaoerOverlay) return;
    g.__xiaoerOverlay = true;
    ctx.onInvalidated(() => {
      g.__xiaoerOverlay = false;
    });
    startOverlay(ctx);
  },
});
