/**
 * The evidence writer: the background service worker is its only caller.
 *
 * One capture = one IndexedDB transaction over evidence, artifacts and messages,
 * so a worker stopped mid-way leaves either the whole record or nothing.
 * Hashing (WebCrypto, async) cannot run inside a Dexie transaction — the
 * transaction would commit while we await — so artifacts are hashed first, the
 * record is sealed against the chain head read outside, and the transaction
 * re-checks that head: if another capture landed meanwhile (two tabs), it seals
 * again on the new head. The chain stays linear without locks.
 */
import type { XiaoerDB } from '../db';
import { Evidence, type Artifact, type ArtifactRef, type ChatMessage, type StoredMessage } from '../schema';
import { sealEvidence, sha256Hex, type UnsealedEvidence } from './hash';
import { MESSAGES_ARTIFACT, messagesCanonicalJson } from './transcript';

export interface NewArtifact {
  name: string;
  mime: string;
  data: Blob;
}

export type EvidenceFields = Omit<UnsealedEvidence, 'id' | 'artifacts' | 'messageCount'>;

export class ChainContention extends Error {}

/**
 * The browser refused the write for lack of space. Named like the DOMException
 * so the router answers with the typed 'quota' code and the UI that started the
 * capture can say, in the seller's language, what to delete.
 */
export class StorageFullError extends Error {
  override name = 'QuotaExceededError';
  constructor() {
    super('Storage is full: delete old screenshots in Dashboard → Storage, then capture again. Nothing was stored; earlier evidence is intact.');
  }
}

/**
 * IndexedDB reports a full disk/quota as a QuotaExceededError on the request or
 * the transaction; Dexie passes it on either as that name or as an AbortError
 * whose `inner` is the original error (the transaction aborted because a
 * request failed). Legacy DOMException code 22 covers older shapes.
 */
export function isQuotaError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const err = cur as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown };
    if (err.name === 'QuotaExceededError' || err.code === 22) return true;
    cur = err.inner ?? err.cause;
  }
  return false;
}

/**
 * Test seam, set only by the e2e build's test hooks (entrypoints/background/
 * test-hooks.ts): runs inside the write transaction after the artifacts and
 * messages are added and before the record is, so a test can stop the worker
 * mid-write or make the write fail the way IndexedDB does. Production never sets it.
 */
export const evidenceWriteProbe: { insideWrite: ((db: XiaoerDB) => Promise<void>) | null } = { insideWrite: null };

/** Local time with its offset, e.g. 2026-11-22T18:31:27.000+08:00 (what the capture's clock said). */
export function isoWithOffset(d = new Date()): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/**
 * Store one capture: its artifacts (screenshots, snapshots), its messages (one
 * record each, plus their canonical JSON as an artifact so the chain protects
 * the exact words), sealed onto the hash chain. Returns the sealed record.
 */
export async function saveEvidence(
  db: XiaoerDB,
  fields: EvidenceFields,
  artifacts: NewArtifact[],
  messages: ChatMessage[] = [],
): Promise<Evidence> {
  const id = `ev-${crypto.randomUUID()}`;
  const all = [...artifacts];
  if (messages.length) all.push({ ...MESSAGES_ARTIFACT, data: new Blob([messagesCanonicalJson(messages)], { type: MESSAGES_ARTIFACT.mime }) });
  const stored: Artifact[] = [];
  for (const a of all) {
    if (!(a.data instanceof Blob)) throw new Error(`Artifact "${a.name}" is not binary data; nothing was stored.`);
    const sha256 = await sha256Hex(a.data);
    stored.push({ id: `art-${crypto.randomUUID()}`, evidenceId: id, name: a.name, mime: a.mime, size: a.data.size, sha256, data: a.data });
  }
  const refs: ArtifactRef[] = stored.map(({ id: aid, name, mime, size, sha256 }) => ({ id: aid, name, mime, size, sha256 }));
  const draft: UnsealedEvidence = { ...fields, id, artifacts: refs, messageCount: messages.length };
  const rows: StoredMessage[] = messages.map((m, seq) => ({ ...m, id: `${id}:${seq}`, evidenceId: id, seq, buyerId: fields.buyerId }));

  for (let attempt = 0; attempt < 20; attempt++) {
    const head = (await db.evidence.orderBy('seq').last()) ?? null;
    const sealed = await sealEvidence(head, draft);
    const valid = Evidence.safeParse(sealed);
    if (!valid.success) {
      const issue = valid.error.issues[0];
      throw new Error(`Evidence record refused (${issue?.path.join('.') || 'record'}: ${issue?.code ?? 'invalid'}); nothing was stored.`);
    }
    try {
      await db.transaction('rw', db.evidence, db.artifacts, db.messages, async () => {
        const now = (await db.evidence.orderBy('seq').last()) ?? null;
        if ((now?.hash ?? '') !== (head?.hash ?? '')) throw new ChainContention('chain head moved');
        await db.artifacts.bulkAdd(stored);
        if (rows.length) await db.messages.bulkAdd(rows);
        if (evidenceWriteProbe.insideWrite) await evidenceWriteProbe.insideWrite(db);
        await db.evidence.add(sealed);
      });
      return sealed;
    } catch (e) {
      // A concurrent capture took this seq (the unique index refuses a duplicate) or moved the head: seal again.
      if (e instanceof ChainContention || (e instanceof Error && e.name === 'ConstraintError')) continue;
      // The transaction rolled back whole: say what to free rather than IndexedDB's bare error name.
      if (isQuotaError(e)) throw new StorageFullError();
      throw e;
    }
  }
  throw new Error('Could not add the evidence to the chain: too many captures at once. Try again.');
}
