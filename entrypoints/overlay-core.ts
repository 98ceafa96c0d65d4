/**
 * The overlay's core, imported by the overlay base into the content script's
 * isolated world when the agent first acts (see overlay.content/index.ts). It
 * registers its start function on the isolated world's global; the page cannot
 * see it.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startCore } from './overlay.content/core';

export default defineUnlistedScript(() => {
  (globalThis as unknown as { __xiaoerStartCore?: typeof startCore }).__xiaoerStartCore = startCore;
});
