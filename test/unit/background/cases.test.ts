import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { alarmName, caseHandlers, ensureCaseReminders, onCaseAlarm, rescheduleAllCases } from '../../../entrypoints/background/cases';
import { formatDateTime } from '../../../lib/i18n';
import { getDb, resetDbForTests } from '../../../lib/db';
import { isoWithOffset, saveEvidence } from '../../../lib/evidence/store';

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
  vi.unstubAllGlobals();
  fakeBrowser.notifications.resetState();
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

  it('the browser starting (alarms dropped) re-arms a time ahead, and fires nothing for a time that came while the case stood resolved', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const ahead = await openCase(isoWithOffset(new Date(T0 + 5 * HOUR)));
    const owedNone = await openCase(isoWithOffset(new Date(T0 + HOUR)));
    await update({ id: owedNone.id, status: 'resolved' });
    vi.setSystemTime(T0 + 2 * HOUR);
    await update({ id: owedNone.id, status: 'open' });
    // An update or a restart that keeps no alarms.
    await fakeBrowser.alarms.clearAll();

    await ensureCaseReminders();
    expect((await replyAlarm(ahead.id))?.scheduledTime).toBe(T0 + 5 * HOUR);
    expect(await replyAlarm(owedNone.id)).toBeNull();
    expect((await getDb().cases.get(owedNone.id))!.timeline.filter((e) => e.kind === 'reminder')).toEqual([]);
  });

  it('the browser starting leaves an alarm it kept to fire on its own: nothing fires twice for one promise', async () => {
    canvasForIcon();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const keptByBrowser = await openCase(isoWithOffset(new Date(T0 + HOUR)));
    const dropped = await openCase(isoWithOffset(new Date(T0 + HOUR)));
    await fakeBrowser.alarms.clear(alarmName(dropped.id, 'reply'));
    // The browser starts after the time: the alarm it kept is about to fire; the dropped one fires late now.
    vi.setSystemTime(T0 + 2 * HOUR);
    await ensureCaseReminders();
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([alarmName(dropped.id, 'reply')]);
    expect((await replyAlarm(keptByBrowser.id))?.scheduledTime).toBe(T0 + HOUR);
    expect((await getDb().cases.get(keptByBrowser.id))!.timeline.filter((e) => e.kind === 'reminder')).toEqual([]);
  });
});

async function capture(note: string, caseId: string | null = null) {
  return saveEvidence(
    getDb(),
    { kind: 'screenshot', capturedAt: isoWithOffset(), url: 'https://mms.pinduoduo.com/chat', title: 'chat', site: 'pinduoduo', buyerId: 'pinduoduo:u1', buyerName: '小王', orderId: '240101', caseId, note, extensionVersion: '0.1.0' },
    [{ name: 'screenshot-visible.png', mime: 'image/png', data: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }) }],
  );
}

const linked = (c: { timeline: { kind: string; evidenceId: string | null }[] }) => c.timeline.filter((e) => e.kind === 'evidence').map((e) => e.evidenceId);

describe('linking evidence to a case', () => {
  it('links existing records once, in chain order; unknown ids and records captured for the case add nothing', async () => {
    const c = await openCase(isoWithOffset(new Date(Date.now() + HOUR)));
    const own = await capture('for the case', c.id);
    const first = await capture('before the case');
    const second = await capture('also before');
    const after = await update({ id: c.id, linkEvidence: [second.id, first.id, 'ev-nope', own.id, first.id] });
    expect(linked(after)).toEqual([first.id, second.id]);
    const again = await update({ id: c.id, linkEvidence: [first.id] });
    expect(linked(again)).toEqual([first.id, second.id]);
  });

  it('unlinking takes the entry off the timeline only: the record, its caseId and hash are as captured', async () => {
    const c = await openCase(isoWithOffset(new Date(Date.now() + HOUR)));
    const own = await capture('for the case', c.id);
    const mistake = await capture('wrong buyer');
    const kept = await capture('right one');
    await update({ id: c.id, linkEvidence: [mistake.id, kept.id] });
    const after = await update({ id: c.id, unlinkEvidence: [mistake.id, own.id] });
    expect(linked(after)).toEqual([kept.id]);
    expect(await getDb().evidence.get(mistake.id)).toEqual(mistake);
    expect(await getDb().evidence.get(own.id)).toEqual(own);
  });

  it('unlinking leaves a line saying which record (#seq) was taken off, and when; a relink is a new link', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const c = await openCase(isoWithOffset(new Date(T0 + HOUR)));
    const own = await capture('for the case', c.id);
    const mistake = await capture('wrong buyer');
    await update({ id: c.id, linkEvidence: [mistake.id] });
    vi.setSystemTime(T0 + 10 * 60_000);
    // A record captured for the case, and one never linked, cannot be taken off: no line for them.
    const after = await update({ id: c.id, unlinkEvidence: [mistake.id, own.id, 'ev-nope'] });
    expect(linked(after)).toEqual([]);
    expect(after.timeline.at(-1)).toEqual({ at: isoWithOffset(new Date(T0 + 10 * 60_000)), kind: 'unlinked', text: String(mistake.seq), evidenceId: null });
    expect(after.timeline.filter((e) => e.kind === 'unlinked')).toHaveLength(1);
    expect(await getDb().cases.get(c.id)).toEqual(after);
    // Unlinking again (a second click from a stale tab) adds nothing.
    expect((await update({ id: c.id, unlinkEvidence: [mistake.id] })).timeline).toEqual(after.timeline);
    const relinked = await update({ id: c.id, linkEvidence: [mistake.id] });
    expect(linked(relinked)).toEqual([mistake.id]);
    expect(relinked.timeline.map((e) => e.kind)).toEqual(['unlinked', 'evidence']);
  });

  it('a case opened with evidence just captured holds it from the start', async () => {
    const justNow = await capture('captured in the sidebar');
    const c = await create({ type: 'dispute', title: 'threatens a bad review', site: 'pinduoduo', buyerId: 'pinduoduo:u1', buyerName: '小王', orderId: '240101', replyDueAt: null, followUpAt: null, note: 'asked for a refund', linkEvidence: [justNow.id] });
    expect(c.timeline.map((e) => e.kind)).toEqual(['note', 'evidence']);
    expect((await getDb().cases.get(c.id))?.timeline.at(-1)?.evidenceId).toBe(justNow.id);
  });
});

/** The notification's icon is drawn on an OffscreenCanvas, which Node has not. */
function canvasForIcon() {
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      getContext() {
        return { fillRect() {}, fillText() {} };
      }
      async convertToBlob() {
        return new Blob([new Uint8Array([0x89, 0x50])], { type: 'image/png' });
      }
    },
  );
}

describe('a reminder that comes late', () => {
  it('says when the reply was due (the browser was closed over it): the same words as on time read as just now', async () => {
    canvasForIcon();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const due = isoWithOffset(new Date(T0 + HOUR));
    const c = await openCase(due);
    // The browser opened the next morning: the alarm (or ensureCaseReminders) fires 15 hours late.
    vi.setSystemTime(T0 + 16 * HOUR);
    expect(await onCaseAlarm(alarmName(c.id, 'reply'))).toBe(true);
    const shown = (await fakeBrowser.notifications.getAll()) as Record<string, { message: string }>;
    expect(shown[alarmName(c.id, 'reply')]!.message).toContain(formatDateTime('en', due));
  });

  it('one on time names the case and buyer only', async () => {
    canvasForIcon();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const c = await openCase(isoWithOffset(new Date(T0 + HOUR)));
    vi.setSystemTime(T0 + HOUR);
    expect(await onCaseAlarm(alarmName(c.id, 'reply'))).toBe(true);
    const shown = (await fakeBrowser.notifications.getAll()) as Record<string, { message: string }>;
    expect(shown[alarmName(c.id, 'reply')]!.message).toBe('late parcel · 小王');
  });
});

describe('a reply time set to one already past', () => {
  it('is told now, once, as overdue — also when an earlier reminder of the case is dated after it', async () => {
    canvasForIcon();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const c = await openCase(isoWithOffset(new Date(T0 + 4 * HOUR)));
    vi.setSystemTime(T0 + 4 * HOUR);
    await fire(c.id);
    expect(await onCaseAlarm(alarmName(c.id, 'reply'))).toBe(true);
    fakeBrowser.notifications.resetState();

    // Two hours on, the seller corrects the promise: it was 14:00, not 18:00 — already past.
    vi.setSystemTime(T0 + 6 * HOUR);
    const earlier = isoWithOffset(new Date(T0 + 2 * HOUR));
    await update({ id: c.id, replyDueAt: earlier });
    // What Chrome does with an alarm armed for it: it fires.
    if (await replyAlarm(c.id)) {
      await fire(c.id);
      await onCaseAlarm(alarmName(c.id, 'reply'));
    }
    const shown = (await fakeBrowser.notifications.getAll()) as Record<string, { message: string }>;
    expect(Object.keys(shown)).toEqual([alarmName(c.id, 'reply')]);
    expect(shown[alarmName(c.id, 'reply')]!.message).toContain(`overdue ${formatDateTime('en', earlier)}`);
    const reminders = async () => (await getDb().cases.get(c.id))!.timeline.filter((e) => e.kind === 'reminder').map((e) => e.text);
    expect(await reminders()).toEqual(['reply', 'reply']);

    // Recorded like any reminder: the same time sent back (the field's blur), a note, a browser start — nothing more.
    fakeBrowser.notifications.resetState();
    await update({ id: c.id, replyDueAt: earlier });
    await update({ id: c.id, note: 'called the buyer' });
    vi.setSystemTime(T0 + 7 * HOUR);
    await fakeBrowser.alarms.clearAll();
    await ensureCaseReminders();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(await reminders()).toEqual(['reply', 'reply']);
  });
});

describe('a restore, then a browser start', () => {
  it('counts the times already past at restore as handled: the start fires nothing for them; a time ahead is armed', async () => {
    canvasForIcon();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    // The backup holds a case whose promise came and went with no reminder in its history (taken before it fired).
    const kept = await openCase(isoWithOffset(new Date(T0 + HOUR)));
    const ahead = await openCase(isoWithOffset(new Date(T0 + 40 * HOUR)));
    const rows = await getDb().cases.toArray();
    // Restored a day later: the store is replaced by the file's rows, then the worker is told (data:restored).
    vi.setSystemTime(T0 + 30 * HOUR);
    await getDb().cases.clear();
    await getDb().cases.bulkAdd(rows);
    await fakeBrowser.alarms.clearAll();
    await rescheduleAllCases();
    expect(await replyAlarm(kept.id)).toBeNull();
    expect((await replyAlarm(ahead.id))?.scheduledTime).toBe(T0 + 40 * HOUR);
    const noted = (await getDb().cases.get(kept.id))!.timeline;
    // Noted as what happened (the time had passed, no reminder was sent), not as a reminder that fired.
    expect(noted.filter((e) => e.kind === 'reminder').map((e) => e.text)).toEqual(['reply-passed']);
    // The case keeps its place on the board: a restore is not a change the seller made.
    expect((await getDb().cases.get(kept.id))!.updatedAt).toBe(kept.updatedAt);

    // The browser is restarted (and keeps no alarms): nothing fires late for the restored history.
    vi.setSystemTime(T0 + 31 * HOUR);
    await fakeBrowser.alarms.clearAll();
    await ensureCaseReminders();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect((await getDb().cases.get(kept.id))!.timeline).toEqual(noted);
    expect((await replyAlarm(ahead.id))?.scheduledTime).toBe(T0 + 40 * HOUR);
  });

  it('a case resolved in the backup and reopened after the restore fires nothing late for a reply time from before the restore', async () => {
    canvasForIcon();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    // Its reply time passed with no reminder (the browser was closed over it), then it was resolved.
    const resolvedAfter = await openCase(isoWithOffset(new Date(T0 + HOUR)));
    // Resolved before its reply time came: no reply was owed when it passed.
    const resolvedBefore = await openCase(isoWithOffset(new Date(T0 + HOUR)));
    await fakeBrowser.alarms.clearAll();
    vi.setSystemTime(T0 + HOUR / 2);
    await update({ id: resolvedBefore.id, status: 'resolved' });
    vi.setSystemTime(T0 + 2 * HOUR);
    await update({ id: resolvedAfter.id, status: 'resolved' });
    const rows = await getDb().cases.toArray();

    vi.setSystemTime(T0 + 30 * HOUR);
    await getDb().cases.clear();
    await getDb().cases.bulkAdd(rows);
    await rescheduleAllCases();
    vi.setSystemTime(T0 + 31 * HOUR);
    await update({ id: resolvedAfter.id, status: 'open' });
    await update({ id: resolvedBefore.id, status: 'open' });
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);

    vi.setSystemTime(T0 + 32 * HOUR);
    await ensureCaseReminders();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    const reminders = async (id: string) => (await getDb().cases.get(id))!.timeline.filter((e) => e.kind === 'reminder').map((e) => e.text);
    expect(await reminders(resolvedAfter.id)).toEqual(['reply-passed']);
    expect(await reminders(resolvedBefore.id)).toEqual([]);
  });
});
