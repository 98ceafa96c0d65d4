/**
 * Runs one fuzz case through the product's own import path and checks the
 * property (issue 8): EITHER the import succeeded completely — the store
 * afterwards is the store before plus exactly the file's records, per mode —
 * OR it was refused with a message that names the place, and every Dexie table
 * is byte-identical to before (all records sorted by primary key, serialized
 * deterministically, Blobs as bytes). Nothing may be written to a prototype.
 *
 * Paths exercised, as the UI runs them:
 *  - reply files: bytes → readRepliesFile (strict UTF-8) → importReplies (lib/replies/library.ts,
 *    one transaction that plans and writes) in merge or replace mode;
 *  - backups: bytes → inspectBackupFile → restoreBackup (lib/backup/store.ts);
 *  - site profiles: bytes → parseProfilesBytes, then the background's 'profile:import' write
 *    (the caller passes it in: the Vitest suite uses the real handler).
 */
import { getDb, type UsageRecord, type XiaoerDB } from '../../../lib/db';
import { inspectBackupFile, restoreBackup } from '../../../lib/backup/store';
import { importReplies } from '../../../lib/replies/library';
import { readRepliesFile } from '../../../lib/replies/transfer';
import { shortcutKey } from '../../../lib/replies/rules';
import { parseProfilesBytes } from '../../../lib/sites/profile-transfer';
import type { Category, Reply, SiteProfile } from '../../../lib/schema';
import { seedRecords, type ExpectedReply, type FuzzCase, type FuzzKind } from './generate';

export type Outcome = 'imported' | 'refused' | 'crashed';

export interface CaseResult {
  id: number;
  kind: FuzzKind;
  mutation: string;
  outcome: Outcome;
  message: string;
  /** Where the refusal points ("CSV row 4, column \"en\"", "line 3, column 9 (replies[1].title)"); "(file)" for whole-file. */
  where: string | null;
  ms: number;
  /** Property violations (empty = fine). */
  problems: string[];
}

/** Writes a parsed profiles list the way the background handler does (one transaction). */
export type ProfilesWriter = (text: string) => Promise<void>;

// ---------------------------------------------------------------- store dump

function canon(v: unknown, blobs: Map<Blob, string>): string {
  if (v === undefined) return '"$undefined"';
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) return `"$num:${String(v)}"`;
    return JSON.stringify(v);
  }
  if (v instanceof Blob) return JSON.stringify(`$blob:${v.type}:${blobs.get(v)}`);
  if (Array.isArray(v)) return `[${v.map((x) => canon(x, blobs)).join(',')}]`;
  // Own keys incl. non-enumerable and "__proto__"; a record with an unexpected prototype shows up too.
  const proto = Object.getPrototypeOf(v);
  const tag = proto === Object.prototype || proto === null ? '' : `"$proto":${JSON.stringify(proto?.constructor?.name ?? '?')},`;
  const keys = Object.getOwnPropertyNames(v).sort();
  return `{${tag}${keys.map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k], blobs)}`).join(',')}}`;
}

function collectBlobs(v: unknown, out: Blob[]): void {
  if (v instanceof Blob) out.push(v);
  else if (Array.isArray(v)) for (const x of v) collectBlobs(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) collectBlobs(x, out);
}

/** Every table, every record, sorted by primary key; deterministic text. */
export async function dumpStore(db: XiaoerDB): Promise<string> {
  const tables = [...db.tables].sort((a, b) => a.name.localeCompare(b.name));
  // Every table here has an inline primary key (id, host, ++id), so the key is read off the record.
  const rows = await db.transaction('r', tables, () =>
    Promise.all(tables.map(async (t) => {
      const list = (await t.toArray()) as Record<string, unknown>[];
      const keyPath = t.schema.primKey.keyPath as string;
      return [t.name, list, list.map((r) => r[keyPath])] as const;
    })),
  );
  const blobs: Blob[] = [];
  for (const [, list] of rows) collectBlobs(list, blobs);
  const hex = new Map<Blob, string>();
  for (const b of blobs) hex.set(b, Buffer.from(await b.arrayBuffer()).toString('hex'));
  return rows
    .map(([name, list, keys]) => {
      const order = keys.map((k, i) => [JSON.stringify(k), i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return `${name}:\n${order.map(([k, i]) => `  ${k} ${canon(list[i], hex)}`).join('\n')}`;
    })
    .join('\n');
}

/**
 * Empty the tables (all, or those named) and write the fixed starting state (generate.ts
 * seedRecords) into them. The state is the same every time, so its dump is taken once.
 */
export async function seedStore(db: XiaoerDB, only?: readonly string[]): Promise<void> {
  const s = seedRecords() as unknown as Record<string, Record<string, unknown>[]>;
  const rows: Record<string, unknown[]> = {
    ...s,
    artifacts: s.artifacts!.map(({ bytes, ...meta }) => ({ ...meta, data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: meta.mime as string }) })),
  };
  const tables = db.tables.filter((t) => !only || only.includes(t.name));
  await db.transaction('rw', tables, async () => {
    for (const t of tables) {
      await t.clear();
      const list = rows[t.name] ?? [];
      if (list.length) await t.bulkAdd(list);
    }
  });
}

/** The tables an import of this kind may write (and so the ones to put back after a success). */
export function tablesWritten(kind: FuzzKind, db: XiaoerDB): string[] {
  if (kind === 'backup') return db.tables.map((t) => t.name);
  // A Replace import deletes the usage rows of the replies it removes (lib/replies/delete.ts).
  return kind === 'profiles' ? ['siteProfiles'] : ['replies', 'categories', 'usage'];
}

// ---------------------------------------------------------------- pollution

const baseline = {
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(','),
  fn: Object.getOwnPropertyNames(Function.prototype).sort().join(','),
};

export function pollution(): string | null {
  if (Object.getOwnPropertyNames(Object.prototype).sort().join(',') !== baseline.object) return 'Object.prototype gained a property';
  if (Object.getOwnPropertyNames(Array.prototype).sort().join(',') !== baseline.array) return 'Array.prototype gained a property';
  if (Object.getOwnPropertyNames(Function.prototype).sort().join(',') !== baseline.fn) return 'Function.prototype gained a property';
  if (({} as Record<string, unknown>).polluted !== undefined) return '({}).polluted is set';
  return null;
}

// ---------------------------------------------------------------- checks on success

function deepEqual(a: unknown, b: unknown): boolean {
  return canon(a, new Map()) === canon(b, new Map());
}

/** `stored` is `file` with only unknown fields dropped (a schema strips those), at any depth. */
function projectionOf(stored: unknown, file: unknown): boolean {
  if (stored === null || typeof stored !== 'object') return Object.is(stored, file) || (stored === file);
  if (file === null || typeof file !== 'object') return false;
  if (Array.isArray(stored)) return Array.isArray(file) && stored.length === file.length && stored.every((x, i) => projectionOf(x, file[i]));
  return Object.keys(stored).every((k) => Object.prototype.hasOwnProperty.call(file, k) && projectionOf((stored as Record<string, unknown>)[k], (file as Record<string, unknown>)[k]));
}

function tablesExcept(dump: string, names: string[]): string {
  return dump.split(/\n(?=[A-Za-z]+:\n|[A-Za-z]+:$)/).filter((block) => !names.includes(block.slice(0, block.indexOf(':')))).join('\n');
}

/**
 * Which existing reply each file row must update (undefined = the row is a new reply), by the
 * library's merge rule (lib/replies/transfer.ts planImport), written out here on its own so a change
 * to planImport is checked against it:
 *  - a row with a shortcut updates the reply holding the SAME shortcut — the same as Tab expansion
 *    sees it (rules.ts shortcutKey: trimmed, case and full-width folded), so "/tH", "/TH" and "／ｔｈ"
 *    all update the "/th" reply. Adding it instead would leave the library with "/th" twice, which
 *    the library never holds (every write refuses it) and which Tab could expand only one of;
 *  - rows with a shortcut are matched first, then rows without one (or with an empty one) take an
 *    unclaimed reply of exactly their title, in file order; so does a row whose shortcut no reply
 *    holds (its shortcut was changed in the file: it updates that reply, it is no second copy);
 *  - each existing reply is updated by at most one row.
 * The file itself never has two rows on one shortcut (the reader refuses those), so the first pass
 * cannot depend on row order.
 */
export function expectedMatches(existing: readonly Reply[], rows: readonly ExpectedReply[]): (Reply | undefined)[] {
  const claimed = new Set<string>();
  const out: (Reply | undefined)[] = rows.map(() => undefined);
  rows.forEach((e, i) => {
    const key = shortcutKey(e.shortcut ?? '');
    if (!key) return;
    const r = existing.find((x) => !claimed.has(x.id) && shortcutKey(x.shortcut) === key);
    if (r) (claimed.add(r.id), (out[i] = r));
  });
  rows.forEach((e, i) => {
    if (out[i]) return;
    const r = existing.find((x) => !claimed.has(x.id) && x.title.trim() === e.title);
    if (r) (claimed.add(r.id), (out[i] = r));
  });
  return out;
}

export async function checkRepliesImported(db: XiaoerDB, c: FuzzCase, before: { replies: Reply[]; categories: Category[]; usage: UsageRecord[] }, beforeDump: string, afterDump: string, rows: ExpectedReply[], problems: string[]) {
  if (tablesExcept(beforeDump, ['replies', 'categories', 'usage']) !== tablesExcept(afterDump, ['replies', 'categories', 'usage'])) problems.push('a table other than replies/categories/usage changed');
  const replies = await db.replies.toArray();
  // Usage rows go with a reply a Replace removes (lib/replies/delete.ts), and only those: the rest stay as they were.
  const storedIds = new Set(replies.map((r) => r.id));
  if (!deepEqual(await db.usage.toArray(), before.usage.filter((u) => storedIds.has(u.replyId)))) problems.push('usage rows are not exactly those of the replies still stored');
  const categories = await db.categories.toArray();
  const catName = new Map(categories.map((x) => [x.id, x.name]));
  for (const r of replies) if (r.categoryId && !catName.has(r.categoryId)) problems.push(`reply ${r.id} points to a missing category`);
  const matchOf = expectedMatches(before.replies, rows);
  const claimed = new Set<string>();
  const byId = new Map(replies.map((r) => [r.id, r]));
  const beforeIds = new Set(before.replies.map((r) => r.id));
  const newByTitle = new Map<string, Reply[]>();
  for (const r of replies) if (!beforeIds.has(r.id)) newByTitle.set(r.title, [...(newByTitle.get(r.title) ?? []), r]);
  let fresh = 0;
  for (const [i, e] of rows.entries()) {
    const old = matchOf[i];
    if (old) claimed.add(old.id);
    else fresh++;
    // New replies sharing a title (a flipped bit can make two rows' titles equal) are paired by their text: the
    // store lists them by id, a random UUID, so taking them in store order paired them at random (seed 261776418).
    const same = newByTitle.get(e.title) ?? [];
    const pick = Math.max(0, same.findIndex((r) => Object.entries(e.body).every(([l, t]) => r.body[l as 'en'] === t)));
    const stored = old ? byId.get(old.id) : same.splice(pick, 1)[0];
    if (!stored) {
      problems.push(`row ${i} ("${e.title}") is not in the store`);
      continue;
    }
    if (stored.title !== e.title) problems.push(`row ${i}: title ${JSON.stringify(stored.title)} ≠ ${JSON.stringify(e.title)}`);
    for (const [l, t] of Object.entries(e.body)) if (stored.body[l as 'en'] !== t) problems.push(`row ${i}: body.${l} differs`);
    if (e.shortcut !== undefined && stored.shortcut !== e.shortcut.trim()) problems.push(`row ${i}: shortcut differs`);
    if (e.tags !== undefined && !deepEqual(stored.tags, e.tags)) problems.push(`row ${i}: tags differ`);
    if (e.category !== undefined && (e.category === '' ? stored.categoryId !== '' : catName.get(stored.categoryId) !== e.category)) problems.push(`row ${i}: category differs`);
    if (old && (stored.usageCount !== old.usageCount || stored.createdAt !== old.createdAt)) problems.push(`row ${i}: a matched reply lost its usage/creation time`);
  }
  if (c.mode === 'merge') {
    for (const b of before.replies) {
      const now = byId.get(b.id);
      if (!now) problems.push(`merge removed reply ${b.id}`);
      else if (!claimed.has(b.id) && !deepEqual(now, b)) problems.push(`merge changed unmatched reply ${b.id}`);
    }
    if (replies.length !== before.replies.length + fresh) problems.push(`merge: ${replies.length} replies, expected ${before.replies.length} + ${fresh}`);
  } else if (replies.length !== rows.length) problems.push(`replace: ${replies.length} replies, expected ${rows.length}`);
}

/** Each stored record is the file's record (keys the schema dropped aside: those must be unknown to it). */
function sameAsFile(stored: Record<string, unknown>, file: unknown, what: string, problems: string[]) {
  if (!file || typeof file !== 'object') return void problems.push(`${what}: no such record in the file`);
  for (const [k, v] of Object.entries(stored)) {
    if (v instanceof Blob) continue;
    if (!projectionOf(v, (file as Record<string, unknown>)[k])) problems.push(`${what}.${k}: stored value differs from the file`);
  }
}

// ---------------------------------------------------------------- one case

export async function runCase(c: FuzzCase, beforeDump: string, writeProfiles: ProfilesWriter): Promise<CaseResult> {
  const db = getDb();
  const problems: string[] = [];
  let outcome: Outcome = 'refused';
  let message = '';
  let where: string | null = null;
  const before = c.kind.startsWith('replies') ? { replies: await db.replies.toArray(), categories: await db.categories.toArray(), usage: await db.usage.toArray() } : null;
  const beforeProfiles = c.kind === 'profiles' ? await db.siteProfiles.toArray() : [];
  const t0 = performance.now();
  // The UI reads a picked File as bytes; a Blob round trip is that layer.
  const bytes = new Uint8Array(await new Blob([c.bytes as Uint8Array<ArrayBuffer>]).arrayBuffer());
  try {
    if (c.kind === 'replies-json' || c.kind === 'replies-csv') {
      const parsed = readRepliesFile(bytes, c.name);
      if (!parsed.ok) ((message = parsed.error.message), (where = parsed.error.where));
      else {
        await importReplies(db, parsed, c.mode, '2026-11-22T12:00:00.000Z');
        outcome = 'imported';
        const rows: ExpectedReply[] = c.expected ?? parsed.entries.map((e) => ({ title: e.title, shortcut: e.shortcut, category: e.category, tags: e.tags, body: e.body }));
        if (c.expected && c.expected.length !== parsed.entries.length) problems.push(`parsed ${parsed.entries.length} rows, the file has ${c.expected.length}`);
        await checkRepliesImported(db, c, before!, beforeDump, await dumpStore(db), rows, problems);
      }
    } else if (c.kind === 'backup') {
      const read = await inspectBackupFile(bytes);
      if (!read.ok) ((message = read.problem.message), (where = read.problem.where));
      else {
        await restoreBackup(db, read.data);
        outcome = 'imported';
        if (!c.records) problems.push('a damaged backup was accepted');
        else {
          // The usage rows of replies the file lacks are orphans (an older build's file): a restore leaves them out.
          const fileReplyIds = new Set((c.records.replies ?? []).map((x) => (x as Record<string, unknown>).id));
          for (const [table, allRows] of Object.entries(c.records)) {
            const fileRows = table === 'usage' ? allRows.filter((u) => fileReplyIds.has((u as Record<string, unknown>).replyId)) : allRows;
            const stored = (await db.table(table).toArray()) as Record<string, unknown>[];
            if (stored.length !== fileRows.length) problems.push(`${table}: ${stored.length} records restored, the file has ${fileRows.length}`);
            const key = table === 'siteProfiles' ? 'host' : 'id';
            for (const s of stored) sameAsFile(s, fileRows.find((f) => (f as Record<string, unknown>)[key] === s[key]), `${table}[${String(s[key])}]`, problems);
          }
          for (const a of (await db.artifacts.toArray()) as { id: string; data: Blob }[]) {
            const want = c.blobs?.[a.id];
            const got = new Uint8Array(await a.data.arrayBuffer());
            if (!want || Buffer.compare(Buffer.from(want), Buffer.from(got)) !== 0) problems.push(`artifact ${a.id}: bytes differ from the file`);
          }
        }
      }
    } else {
      const parsed = parseProfilesBytes(bytes);
      if (!parsed.ok) ((message = parsed.error), (where = parsed.where));
      else {
        await writeProfiles(new TextDecoder().decode(bytes));
        outcome = 'imported';
        const after = await db.siteProfiles.toArray();
        const hosts = new Set(parsed.profiles.map((p) => p.host));
        const fileProfiles = (c.records?.profiles ?? parsed.profiles) as SiteProfile[];
        for (const b of beforeProfiles) if (!hosts.has(b.host) && !deepEqual(after.find((a) => a.host === b.host), b)) problems.push(`profile ${b.host} not in the file changed`);
        if (after.length !== new Set([...beforeProfiles.map((p) => p.host), ...hosts]).size) problems.push('profile count is not before ∪ file');
        for (const h of hosts) sameAsFile(after.find((a) => a.host === h)! as unknown as Record<string, unknown>, fileProfiles.find((p) => p.host === h), `profiles[${h}]`, problems);
        if (tablesExcept(beforeDump, ['siteProfiles']) !== tablesExcept(await dumpStore(db), ['siteProfiles'])) problems.push('a table other than siteProfiles changed');
      }
    }
  } catch (e) {
    outcome = 'crashed';
    message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    problems.push(`crash instead of a refusal: ${message.slice(0, 300)}`);
  }
  const ms = performance.now() - t0;
  if (outcome !== 'imported') {
    const after = await dumpStore(db);
    if (after !== beforeDump) problems.push('PARTIAL WRITE: the store differs after a refusal');
    if (outcome === 'refused') {
      if (!where || !message.startsWith(where)) problems.push(`refusal without a place: ${message.slice(0, 200)}`);
      if (/Invalid input|\[object Object\]|TypeError|RangeError|received undefined/.test(message)) problems.push(`message not readable: ${message.slice(0, 200)}`);
    }
  }
  const p = pollution();
  if (p) problems.push(`POLLUTION: ${p}`);
  return { id: c.id, kind: c.kind, mutation: c.mutation, outcome, message: message.slice(0, 300), where, ms, problems };
}

// ---------------------------------------------------------------- a run

export interface RunSummary {
  seed: number;
  results: CaseResult[];
  perKind: Record<FuzzKind, { tried: number; imported: number; refused: number; crashed: number; maxMs: number }>;
  partialWrites: number;
  pollution: number;
  noPlace: number;
  unreadable: number;
  otherProblems: number;
}

export async function runAll(seed: number, cases: Iterable<FuzzCase>, writeProfiles: ProfilesWriter): Promise<RunSummary> {
  const db = getDb();
  await seedStore(db);
  const beforeDump = await dumpStore(db);
  const results: CaseResult[] = [];
  for (const c of cases) {
    const r = await runCase(c, beforeDump, writeProfiles);
    results.push(r);
    // Back to the same starting state, so every case meets one known store.
    if (r.problems.length) await seedStore(db);
    else if (r.outcome === 'imported') await seedStore(db, tablesWritten(c.kind, db));
  }
  // The reset itself is checked once, at the end: a seed that did not restore would show here.
  if ((await dumpStore(db)) !== beforeDump) throw new Error('the fuzz harness could not restore the starting store');
  const perKind = {} as RunSummary['perKind'];
  for (const k of ['replies-json', 'replies-csv', 'backup', 'profiles'] as FuzzKind[]) perKind[k] = { tried: 0, imported: 0, refused: 0, crashed: 0, maxMs: 0 };
  for (const r of results) {
    const k = perKind[r.kind];
    k.tried++;
    k[r.outcome]++;
    k.maxMs = Math.max(k.maxMs, r.ms);
  }
  const count = (re: RegExp) => results.filter((r) => r.problems.some((p) => re.test(p))).length;
  return {
    seed,
    results,
    perKind,
    partialWrites: count(/^PARTIAL WRITE/),
    pollution: count(/^POLLUTION/),
    noPlace: count(/^refusal without a place/),
    unreadable: count(/^message not readable/),
    otherProblems: results.filter((r) => r.problems.some((p) => !/^(PARTIAL WRITE|POLLUTION|refusal without a place|message not readable)/.test(p))).length,
  };
}
