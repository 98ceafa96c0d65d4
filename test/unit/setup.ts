// fake-indexeddb gives Dexie a real IndexedDB implementation in Node; WxtVitest's
// fakeBrowser is reset so no test sees another's listeners or storage.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

beforeEach(() => {
  fakeBrowser.reset();
});
