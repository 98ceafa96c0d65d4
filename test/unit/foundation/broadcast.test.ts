import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { onBroadcast } from '../../../components/ext';
import { CAPTURE_PROGRESS, DATA_CHANGED, envelope } from '../../../lib/messaging';

describe('onBroadcast (extension pages hearing the background)', () => {
  it('takes a well-formed broadcast from our tab-less contexts only', async () => {
    const heard = vi.fn();
    const off = onBroadcast(DATA_CHANGED, heard);
    const id = fakeBrowser.runtime.id;
    // From the service worker: no tab.
    await fakeBrowser.runtime.onMessage.trigger(envelope(DATA_CHANGED, { tables: ['replies'] }), { id });
    // From our content script in a marketplace tab: same extension id, but a tab — the page could drive it.
    await fakeBrowser.runtime.onMessage.trigger(envelope(DATA_CHANGED, { tables: ['replies'] }), { id, tab: { id: 4 } as never });
    // Another extension, a malformed payload, another type.
    await fakeBrowser.runtime.onMessage.trigger(envelope(DATA_CHANGED, { tables: ['replies'] }), { id: 'someone-else' });
    await fakeBrowser.runtime.onMessage.trigger(envelope(DATA_CHANGED, { tables: 'replies' }), { id });
    await fakeBrowser.runtime.onMessage.trigger(envelope(CAPTURE_PROGRESS, { jobId: 'j', done: 1, total: 2 }), { id });
    expect(heard.mock.calls).toEqual([[{ tables: ['replies'] }]]);
    off();
    await fakeBrowser.runtime.onMessage.trigger(envelope(DATA_CHANGED, { tables: ['replies'] }), { id });
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
