import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { alarmName, caseHandlers } from '../../../entrypoints/background/cases';
import { getDb, resetDbForTests } from '../../../lib/db';
import { isoWithOffset } from '../../../lib/evidence/store';

const create = caseHandlers['case:create'];
const update = caseHandlers['case:update'];

const T0 = Date.parse('2026-11-22T10:00:00Z');
const HOUR = 3_600_000;

async function replyAlarm(caseId: string) {
  return (await fakeBrowser.alarms.getAll()).find((a) => a.name === alarmName(caseId, 'reply')) ?? null;
}

/** What Chrome does when a one-shot alarm fires: it is gone from the list (the notification is onCaseAlarm's part). */
async function fire(caseId: string) {
  await fakeBrowser.alarms.clear(alarmName(caseId, 'reply'));
}

async function openCase(replyDueAt: string) {
  return create({ type: 'complaint', title: 'late parcel', site: 'pinduoduo', buyerId: null, buyerName: '小王', orderId: '240101', replyDueAt, followUpAt: null, note: '' });
}

afterEach(async () => {
  vi.useRealTimers();
  await getDb().delete();
  resetDbForTests();
});

describe('promised reply reminder across resolve → reopen', () => {
  it('a reminder that already fired is not armed again by reopening the case', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const c = await openCase(isoWithOffset(new Date(T0 + HOUR)));
    expect((await replyAlarm(c.id))?.scheduledTime).toBe(T0 + HOUR);

    vi.setSystemTime(T0 + 2 * HOUR);
    await fire(c.id);
    await update({ id: c.id, status: 'resolved' });
    await update({ id: c.id, status: 'open' });
    expect(await replyAlarm(c.id)).toBeNull();

    // A new time the seller sets is a new promise: armed again.
    const later = isoWithOffset(new Date(T0 + 5 * HOUR));
    await update({ id: c.id, replyDueAt: later });
    expect((await replyAlarm(c.id))?.scheduledTime).toBe(T0 + 5 * HOUR);
  });

  it('reopening before the promised time re-arms the reminder for that time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const c = await openCase(isoWithOffset(new Date(T0 + 3 * HOUR)));
    await update({ id: c.id, status: 'resolved' });
    expect(await replyAlarm(c.id)).toBeNull();

    vi.setSystemTime(T0 + HOUR);
    await update({ id: c.id, status: 'waiting-buyer' });
    expect((await replyAlarm(c.id))?.scheduledTime).toBe(T0 + 3 * HOUR);
  });
});
