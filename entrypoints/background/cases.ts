/**
 * Cases (complaint, dispute, malicious review, after-sales) and their two
 * reminders: the reply time promised to the buyer (domain §3) and the
 * follow-up after resolution (domain §4, habit 8). Each is a chrome.alarms
 * alarm, so it fires even when the worker was stopped; it raises a browser
 * notification whose click opens the case in the dashboard.
 *
 * Evidence is linked through timeline entries (kind 'evidence'): an evidence
 * record's own caseId is part of its hash and is fixed at capture time. So
 * linking and unlinking change the case only, never the record — a record
 * captured before its case was opened is put into it this way, and one added
 * by mistake is taken out the same way (leaving a dated 'unlinked' line naming
 * its #seq); one captured for the case stays in it.
 */
import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db';
import { XiaoerError } from '../../lib/xiaoer-error';
import { formatDateTime, translate } from '../../lib/i18n';
import { LANGS } from '../../lib/schema/lang';
import { caseName } from '../../lib/evidence/case-name';
import { getSettings } from '../../lib/settings';
import type { Case } from '../../lib/schema';
import { isoWithOffset } from '../../lib/evidence/store';
import { evidenceChanged } from './capture';
import type { HandlerMap } from './handlers';

export type Reminder = 'reply' | 'follow';
const ALARM_PREFIX = 'case:';

export function alarmName(caseId: string, which: Reminder): string {
  return `${ALARM_PREFIX}${which}:${caseId}`;
}

function parseAlarm(name: string): { caseId: string; which: Reminder } | null {
  const m = /^case:(reply|follow):(.+)$/.exec(name);
  return m ? { which: m[1] as Reminder, caseId: m[2]! } : null;
}

/** When a reminder is due, or null: a resolved case keeps only its follow-up. */
function dueAt(c: Case, which: Reminder): string | null {
  return which === 'reply' ? (c.status === 'resolved' ? null : c.replyDueAt) : c.followUpAt;
}

/** The time the seller set, whatever the status (dueAt says whether it is armed). */
function setTime(c: Case, which: Reminder): string | null {
  return which === 'reply' ? c.replyDueAt : c.followUpAt;
}

/**
 * (Re)schedule a case's alarms from its fields. With `before` (an update), a reminder whose time did
 * not change is left as it is: a reminder that already fired must not fire again on every later edit
 * (a status change, a note, a blur of the date field). `pastFires`: a time already past fires at once
 * — the seller must not miss a promise they just entered; a restore passes false (those fired then).
 * Reopening a resolved case arms the promised reply time again with the same time the seller set
 * before: a time still ahead is re-armed, a time past is not fired — it fired then, or the case was
 * resolved before it came (no reply was owed). Firing it was a second "Reply due" for one promise.
 * A new time already past is told now, as a reminder for that time (onCaseAlarm's `timeJustSet`): armed as
 * an alarm, it was dropped when it came whenever an earlier reminder of the case was dated after it — a
 * reply time corrected to an earlier one already past ("I promised 14:00, not 18:00", at 16:00) gave no
 * notification at all, and the case was overdue without a word.
 */
async function schedule(c: Case, before: Case | null = null, pastFires = true): Promise<void> {
  for (const which of ['reply', 'follow'] as const) {
    const at = dueAt(c, which);
    if (before && dueAt(before, which) === at) continue;
    const name = alarmName(c.id, which);
    await browser.alarms.clear(name);
    const when = at ? Date.parse(at) : NaN;
    const sameTimeAsBefore = before !== null && setTime(before, which) === setTime(c, which);
    if (!Number.isFinite(when) || ((!pastFires || sameTimeAsBefore) && when <= Date.now())) continue;
    if (when <= Date.now()) await onCaseAlarm(name, true);
    else await browser.alarms.create(name, { when: Math.max(when, Date.now() + 500) });
  }
}

/**
 * A restore's line for a time already past: it counts as handled (firedFor), and says what happened — no
 * reminder was sent. Written as a fired reminder ('reply'), it read "Reply due: you promised the buyer an
 * answer" on the timeline and in the exported report, dated at the restore: a reminder that never came.
 */
const PASSED_AT_RESTORE = { reply: 'reply-passed', follow: 'follow-passed' } as const satisfies Record<Reminder, string>;

/**
 * After a restore: every case's alarms from the restored fields, none of the old ones; times past do not fire.
 * A time already past is counted as handled, noted on the timeline (PASSED_AT_RESTORE): with nothing noted,
 * the next browser start (ensureCaseReminders) took every such time of the restored history for a missed
 * one and fired them all late — a row of "Reply due" for promises kept long ago.
 */
export async function rescheduleAllCases(): Promise<void> {
  for (const alarm of await browser.alarms.getAll()) if (parseAlarm(alarm.name)) await browser.alarms.clear(alarm.name);
  const db = getDb();
  const cases = await db.transaction('rw', db.cases, async () => {
    const now = Date.now();
    const all = await db.cases.toArray();
    for (const c of all) {
      const handled = (['reply', 'follow'] as const).filter((which) => missedReminder(c, which, now));
      if (!handled.length) continue;
      c.timeline = [...c.timeline, ...handled.map((which) => event('reminder', PASSED_AT_RESTORE[which]))];
      await db.cases.update(c.id, { timeline: c.timeline });
    }
    return all;
  });
  for (const c of cases) await schedule(c, null, false);
}

function event(kind: Case['timeline'][number]['kind'], text: string, evidenceId: string | null = null): Case['timeline'][number] {
  return { at: isoWithOffset(), kind, text, evidenceId };
}

/**
 * Timeline entries putting `ids` into case `c`: only records that exist and are not in the case
 * already (captured for it, or linked before), oldest first so the timeline reads in chain order.
 */
async function linkEvents(c: Case, ids: readonly string[]): Promise<Case['timeline']> {
  if (!ids.length) return [];
  const inCase = new Set(c.timeline.filter((e) => e.kind === 'evidence').map((e) => e.evidenceId));
  const records = await getDb().evidence.bulkGet([...new Set(ids)]);
  return records
    .filter((r) => r !== undefined && r.caseId !== c.id && !inCase.has(r.id))
    .sort((a, b) => a!.seq - b!.seq)
    .map((r) => event('evidence', '', r!.id));
}

/**
 * Takes the links to `ids` off `c`'s timeline (in place) and returns one 'unlinked' line per record
 * taken off, in chain order. The history a seller shows the platform must not silently lose that the
 * case once held a record: the link goes (it is no longer case evidence), a dated line with its #seq
 * stays. Records captured for the case, or not linked, are not touched and get no line.
 */
async function unlinkEvents(c: Case, ids: readonly string[]): Promise<Case['timeline']> {
  const unlink = new Set(ids);
  const taken = c.timeline.filter((e) => e.kind === 'evidence' && e.evidenceId !== null && unlink.has(e.evidenceId));
  if (!taken.length) return [];
  c.timeline = c.timeline.filter((e) => !taken.includes(e));
  const records = await getDb().evidence.bulkGet([...new Set(taken.map((e) => e.evidenceId!))]);
  return records
    .filter((r) => r !== undefined)
    .sort((a, b) => a!.seq - b!.seq)
    .map((r) => event('unlinked', String(r!.seq)));
}

let iconUrl: string | null = null;

/** A notification needs an icon; drawn once (the extension ships no image files). */
export async function notificationIcon(): Promise<string> {
  if (iconUrl) return iconUrl;
  const canvas = new OffscreenCanvas(64, 64);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#e4393c';
  ctx.fillRect(0, 0, 64, 64);
  ctx.fillStyle = '#fff';
  ctx.font = 'bold 34px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('二', 32, 34);
  const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  iconUrl = `data:image/png;base64,${btoa(bin)}`;
  return iconUrl;
}

export function notificationId(caseId: string, which: Reminder): string {
  return `${ALARM_PREFIX}${which}:${caseId}`;
}

/** A reminder firing this long after its time says when it was due (an alarm fires a little after its time). */
const LATE_REMINDER_MS = 2 * 60_000;

/**
 * An alarm fired: note it on the case's timeline, and notify. Once per time: a reminder already on the
 * timeline from its time on is not said again — at a browser start the alarm the browser kept and
 * ensureCaseReminders (the one it may not have kept) can both come for one promise. `timeJustSet`: the seller
 * has just set this time, already past (schedule): a reminder dated after it was for the time set before.
 */
export async function onCaseAlarm(name: string, timeJustSet = false): Promise<boolean> {
  const parsed = parseAlarm(name);
  if (!parsed) return false;
  const db = getDb();
  let at: string | null = null;
  const c = await db.transaction('rw', db.cases, async () => {
    const c = await db.cases.get(parsed.caseId);
    at = c ? dueAt(c, parsed.which) : null;
    if (!c || (at && !timeJustSet && firedFor(c, parsed.which, Date.parse(at)))) return null;
    // The timeline keeps which reminder it was ('reply' / 'follow'), worded where it is shown (the dashboard, a
    // case's report) in the language of that moment: the title stored as text stayed in the UI language of the
    // moment it fired. Lines stored that way before still show as they were written.
    await db.cases.update(c.id, { timeline: [...c.timeline, event('reminder', parsed.which)], updatedAt: isoWithOffset() });
    return c;
  });
  if (!c) return false;
  const lang = (await getSettings().catch(() => null))?.uiLang ?? 'en';
  const who = c.buyerName || c.buyerId || '';
  const title = translate(lang, parsed.which === 'reply' ? 'caseReplyDueTitle' : 'caseFollowUpTitle');
  // Come late (the browser was closed over the time, or started after it): when it was due. The same words
  // as one on time read as due just now — the seller opening the laptop at 9:00 took an 18:00 promise for today's.
  const late = at && Date.now() - Date.parse(at) > LATE_REMINDER_MS ? `${translate(lang, 'caseOverdue')} ${formatDateTime(lang, at)}` : '';
  const message = [caseName(c, (key, vars) => translate(lang, key, vars)), who, late].filter(Boolean).join(' · ');
  await evidenceChanged();
  await browser.notifications.create(notificationId(c.id, parsed.which), {
    type: 'basic',
    iconUrl: await notificationIcon(),
    title,
    message,
    contextMessage: translate(lang, 'caseOpenHint'),
    requireInteraction: true,
  });
  return true;
}

/** The status a case had at `at` (ms), read back from its timeline's status lines (a case is opened 'open'). */
function statusAt(c: Case, at: number): Case['status'] {
  let status: Case['status'] = 'open';
  for (const e of c.timeline) if (e.kind === 'status' && Date.parse(e.at) <= at) status = e.text as Case['status'];
  return status;
}

/**
 * The reminder's time passed (by `now`) with no reminder for it on the timeline, and not while the case stood
 * resolved (no reply was owed then). One rule for the restore (which notes such a time as handled) and the
 * browser start (which fires it late): written twice, the two had begun to read differently. The time set,
 * whatever the status now: a case resolved in a backup after its reply time passed unreminded was left
 * un-noted by the restore (a resolved case arms no reply), and once reopened the next browser start fired
 * that long-gone promise late. The browser start fires only what is armed (dueAt) anyway.
 */
function missedReminder(c: Case, which: Reminder, now: number): boolean {
  const when = Date.parse(setTime(c, which) ?? '');
  return Number.isFinite(when) && when <= now && !firedFor(c, which, when) && !(which === 'reply' && statusAt(c, when) === 'resolved');
}

/** A reminder of this kind is on the timeline from its time on: it fired for the time now set. */
function firedFor(c: Case, which: Reminder, at: number): boolean {
  const key = which === 'reply' ? 'caseReplyDueTitle' : 'caseFollowUpTitle';
  // Lines written before the kind was stored hold the title in the UI language of that moment; a restore's
  // line for a time already past counts as said (nothing is owed for it after the restore).
  const said = (text: string) => text === which || text === PASSED_AT_RESTORE[which] || LANGS.some((lang) => translate(lang, key) === text);
  return c.timeline.some((e) => e.kind === 'reminder' && said(e.text) && Date.parse(e.at) >= at);
}

/**
 * The browser started, or Xiaoer was updated. Chrome keeps alarms "until an extension is updated", and
 * not every browser keeps them over a restart: a reply promised for 18:00, with the browser closed at
 * 17:00 (or an update in between), passed without any reminder, and the board did not say it was missed
 * until the seller happened to look. Every case's reminders are made sure of: one the browser kept is
 * left to fire on its own; a time ahead is armed again; a time that passed unfired fires now — late, not
 * never. Not fired: a reply time that came while the case stood resolved (reopened after it: no reply was
 * owed then, as schedule() decides on reopening).
 */
export async function ensureCaseReminders(): Promise<void> {
  const now = Date.now();
  // The alarms the browser kept, read once: one alarms.get per case and kind, in turn, at every start.
  const kept = new Set((await browser.alarms.getAll()).map((a) => a.name));
  for (const c of await getDb().cases.toArray()) {
    for (const which of ['reply', 'follow'] as const) {
      const at = dueAt(c, which);
      const when = at ? Date.parse(at) : NaN;
      const name = alarmName(c.id, which);
      if (!Number.isFinite(when) || kept.has(name)) continue;
      if (when > now) await browser.alarms.create(name, { when });
      else if (missedReminder(c, which, now)) await onCaseAlarm(name);
    }
  }
}

export async function onNotificationClick(id: string): Promise<void> {
  const parsed = parseAlarm(id);
  if (!parsed) return;
  await browser.tabs.create({ url: browser.runtime.getURL(`/dashboard.html#cases/${encodeURIComponent(parsed.caseId)}`) });
  await browser.notifications.clear(id).catch(() => false);
}

export const caseHandlers = {
  'case:create': async (f) => {
    const now = isoWithOffset();
    const c: Case = {
      id: `case-${crypto.randomUUID()}`,
      type: f.type,
      status: 'open',
      title: f.title,
      site: f.site,
      buyerId: f.buyerId,
      buyerName: f.buyerName,
      orderId: f.orderId,
      timeline: f.note.trim() ? [event('note', f.note)] : [],
      replyDueAt: f.replyDueAt,
      followUpAt: f.followUpAt,
      createdAt: now,
      updatedAt: now,
    };
    const db = getDb();
    await db.transaction('rw', db.cases, db.evidence, async () => {
      c.timeline.push(...(await linkEvents(c, f.linkEvidence ?? [])));
      await db.cases.add(c);
    });
    await schedule(c);
    await evidenceChanged();
    return c;
  },
  'case:update': async (u) => {
    const db = getDb();
    let before: Case | null = null;
    const updated = await db.transaction('rw', db.cases, db.evidence, async () => {
      const c = await db.cases.get(u.id);
      before = c ?? null;
      if (!c) throw new XiaoerError('not-found', 'No such case.', { what: 'case' });
      const next: Case = { ...c, timeline: [...c.timeline], updatedAt: isoWithOffset() };
      if (u.status && u.status !== c.status) {
        next.status = u.status;
        next.timeline.push(event('status', u.status));
      }
      if (u.replyDueAt !== undefined) next.replyDueAt = u.replyDueAt;
      if (u.followUpAt !== undefined) next.followUpAt = u.followUpAt;
      if (u.note?.trim()) next.timeline.push(event('note', u.note));
      const unlinked = await unlinkEvents(next, u.unlinkEvidence ?? []);
      next.timeline.push(...unlinked);
      next.timeline.push(...(await linkEvents(next, u.linkEvidence ?? [])));
      await db.cases.put(next);
      return next;
    });
    await schedule(updated, before);
    await evidenceChanged();
    return updated;
  },
  'case:list': async ({ buyerId }) => {
    const db = getDb();
    const rows = buyerId ? await db.cases.where('buyerId').equals(buyerId).toArray() : await db.cases.toArray();
    return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  },
} satisfies HandlerMap<'case:create' | 'case:update' | 'case:list'>;

export function registerCases(): void {
  browser.alarms.onAlarm.addListener((alarm) => void onCaseAlarm(alarm.name));
  browser.notifications.onClicked.addListener((id) => void onNotificationClick(id));
  browser.runtime.onStartup.addListener(() => void ensureCaseReminders().catch(() => null));
  browser.runtime.onInstalled.addListener(() => void ensureCaseReminders().catch(() => null));
}
