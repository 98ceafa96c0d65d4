// The seller's choices kept in chrome.storage.local (components/local-pref.ts): read and written under the
// keys they were first stored under, so an update keeps every seller's "Whole conversation" and "beside" choices.
import { fakeBrowser } from 'wxt/testing';
import { describe, expect, it } from 'vitest';
import { localPref } from '../../../components/local-pref';
import { storeWholeHistory, wholeHistoryWanted } from '../../../components/load-earlier';
import { besideStored, storeBeside } from '../../../components/sidebar/use-page';

describe('localPref', () => {
  it('reads what parse makes of the stored value, absent or malformed included, and writes under its key', async () => {
    const pref = localPref('someChoice', (raw) => (typeof raw === 'number' ? raw : 7));
    expect(await pref.read()).toBe(7);
    await pref.write(3);
    expect(await fakeBrowser.storage.local.get('someChoice')).toEqual({ someChoice: 3 });
    expect(await pref.read()).toBe(3);
    await fakeBrowser.storage.local.set({ someChoice: 'junk' });
    expect(await pref.read()).toBe(7);
  });
});

describe('the sidebar choices keep their storage keys', () => {
  it('"Whole conversation": on unless sidebarWholeHistory is false', async () => {
    expect(await wholeHistoryWanted()).toBe(true);
    await fakeBrowser.storage.local.set({ sidebarWholeHistory: false });
    expect(await wholeHistoryWanted()).toBe(false);
    await storeWholeHistory(true);
    expect(await fakeBrowser.storage.local.get('sidebarWholeHistory')).toEqual({ sidebarWholeHistory: true });
  });

  it('"beside the page": the hosts in sidebarBesideHosts, others kept when one is changed', async () => {
    await fakeBrowser.storage.local.set({ sidebarBesideHosts: ['a.example', 42, 'b.example'] });
    expect(await besideStored('b.example')).toBe(true);
    expect(await besideStored('c.example')).toBe(false);
    await storeBeside('c.example', true);
    await storeBeside('a.example', false);
    expect(await fakeBrowser.storage.local.get('sidebarBesideHosts')).toEqual({ sidebarBesideHosts: ['b.example', 'c.example'] });
  });
});
