// fake-indexeddb gives Dexie a real IndexedDB implementation in Node; WxtVitest's
// fakeBrowser is reset so no test sees another's listeners or storage.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';

// wxt/testing loads esbuild, whose start-up check fails under jsdom's TextEncoder
// ("new TextEncoder().encode("") instanceof Uint8Array is incorrectly false"); DOM
// tests (jsdom) don't use the fake browser, so only node tests load it.
if (typeof window === 'undefined') {
  const { fakeBrowser } = await import('wxt/testing');
  beforeEach(() => {
    fakeBrowser.reset();
  });
}
