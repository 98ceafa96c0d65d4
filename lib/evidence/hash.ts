/**
 * Evidence hashing: SHA-256 via WebCrypto, a canonical JSON form so one record
 * hashes the same in the service worker, a dashboard page and the Node
 * verifier, and the hash chain that links every evidence record to the one
 * captured before it.
 */
import type { ArtifactRef, Evidence } from '../schema';

const encoder = new TextEncoder();

function toHex(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 of bytes, a Blob, or a string (UTF-8), as 64 lowercase hex digits. */
export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array | string): Promise<string> {
  // Realm-independent checks: bytes may come from another realm (an iframe, a test DOM), where instanceof fails.
  let bytes: BufferSource;
  if (typeof data === 'string') bytes = encoder.encode(data);
  else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength) as Uint8Array<ArrayBuffer>;
  else if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') bytes = data as ArrayBuffer;
  else bytes = await (data as Blob).arrayBuffer();
  // digest() does not accept views of a SharedArrayBuffer; copy those.
  if (ArrayBuffer.isView(bytes) && Object.prototype.toString.call(bytes.buffer) !== '[object ArrayBuffer]') bytes = new Uint8Array(bytes as Uint8Array);
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units (JS default sort),
 * no whitespace, strings escaped exactly as JSON.stringify does (ES2019
 * well-formed: lone surrogates become \udxxx). Keys whose value is undefined
 * are dropped, as JSON.stringify drops them. Anything that has no single JSON
 * meaning throws instead of hashing something surprising: non-finite numbers,
 * undefined inside arrays, bigint, functions, symbols, and objects that are
 * not plain (Date, Blob, Map...).
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      // -0 and 0 must hash alike; JSON.stringify(-0) is already "0".
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v, i) => {
          if (v === undefined) throw new TypeError(`canonicalJson: undefined at ${path}[${i}]`);
          return write(v, `${path}[${i}]`);
        }).join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`canonicalJson: not a plain object at ${path}`);
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(obj[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value} at ${path}`);
  }
}

/**
 * The fields of an Evidence record that its `hash` covers: every field of the
 * schema except `hash` itself, listed explicitly so that a field added to the
 * schema later changes hashing only by a deliberate edit here.
 *
 * Consequence for the writer: each of these is frozen once the record is
 * sealed. `note` and `caseId` included — attach evidence to a case through the
 * Case timeline (CaseEvent.evidenceId), or set caseId/note before sealing;
 * editing them afterwards breaks the chain at that record, which is exactly
 * what the verifier is meant to report.
 */
export const EVIDENCE_HASHED_FIELDS = [
  'id', 'seq', 'kind', 'capturedAt', 'url', 'title', 'site', 'buyerId', 'buyerName', 'orderId',
  'caseId', 'note', 'extensionVersion', 'artifacts', 'messageCount', 'prevHash',
] as const satisfies readonly (keyof Evidence)[];

/** Fields of each ArtifactRef inside `artifacts` that are hashed. */
export const ARTIFACT_HASHED_FIELDS = ['id', 'name', 'mime', 'size', 'sha256'] as const satisfies readonly (keyof ArtifactRef)[];

export type EvidenceDraft = Omit<Evidence, 'hash'>;
export type UnsealedEvidence = Omit<Evidence, 'hash' | 'seq' | 'prevHash'>;

/** The exact object whose canonical JSON is hashed (exported for the report's "how to verify"). */
export function evidenceHashInput(record: EvidenceDraft | Evidence): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of EVIDENCE_HASHED_FIELDS) {
    if (f === 'artifacts') {
      out.artifacts = record.artifacts.map((a) => {
        const o: Record<string, unknown> = {};
        for (const af of ARTIFACT_HASHED_FIELDS) o[af] = a[af];
        return o;
      });
    } else {
      const v = record[f];
      // A missing field would silently drop out of the canonical form; refuse it.
      if (v === undefined) throw new TypeError(`hashEvidenceRecord: field ${f} is missing`);
      out[f] = v;
    }
  }
  return out;
}

/** SHA-256 hex over canonicalJson of EVIDENCE_HASHED_FIELDS (everything but `hash`). */
export async function hashEvidenceRecord(record: EvidenceDraft | Evidence): Promise<string> {
  return sha256Hex(canonicalJson(evidenceHashInput(record)));
}

/** Chain position for the next record: seq from 1, prevHash '' for the first. */
export function chainNext(prev: Evidence | null, _draft?: unknown): { seq: number; prevHash: string } {
  return prev ? { seq: prev.seq + 1, prevHash: prev.hash } : { seq: 1, prevHash: '' };
}

/** Seal a captured record onto the chain: fills seq, prevHash and hash. */
export async function sealEvidence(prev: Evidence | null, draft: UnsealedEvidence): Promise<Evidence> {
  const link = chainNext(prev, draft);
  const withLink: EvidenceDraft = { ...draft, seq: link.seq, prevHash: link.prevHash };
  return { ...withLink, hash: await hashEvidenceRecord(withLink) };
}

export type ChainBreak = 'hash' | 'prev-hash' | 'seq';
export type ChainResult = { ok: true } | { ok: false; seq: number; id: string; reason: ChainBreak; message: string };

/** The chain fields every link has; `withheld` links carry no content to rehash. */
export interface ChainLink {
  id: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * Check records in the given order (ascending seq) and name the first broken
 * one. Per record, in this order: seq is the previous seq + 1 (no gap, no
 * repeat); the stored hash equals the recomputed one; prevHash equals the
 * previous record's hash ('' when the record is seq 1). A list that starts
 * after seq 1 is a chain segment: its first prevHash is taken as the anchor.
 */
export async function verifyChain(records: readonly Evidence[]): Promise<ChainResult> {
  return verifyLinks(records, (r) => hashEvidenceRecord(r));
}

/**
 * Same walk over links, with `rehash` returning null for a link whose content
 * is not available (a record withheld from a bundle): only its linkage is checked.
 */
export async function verifyLinks<T extends ChainLink>(
  links: readonly T[],
  rehash: (link: T) => Promise<string | null>,
): Promise<ChainResult> {
  let prev: T | null = null;
  for (const link of links) {
    const fail = (reason: ChainBreak, message: string): ChainResult => ({ ok: false, seq: link.seq, id: link.id, reason, message });
    if (prev ? link.seq !== prev.seq + 1 : !(Number.isInteger(link.seq) && link.seq >= 1)) {
      return fail('seq', prev ? `seq ${link.seq} follows seq ${prev.seq}; expected ${prev.seq + 1}` : `seq ${link.seq} is not a positive integer`);
    }
    const recomputed = await rehash(link);
    if (recomputed !== null && recomputed !== link.hash) {
      return fail('hash', `record ${link.id} (seq ${link.seq}) hashes to ${recomputed}, but its stored hash is ${link.hash}`);
    }
    if (prev && link.prevHash !== prev.hash) {
      return fail('prev-hash', `record seq ${link.seq} points back to ${link.prevHash || "''"}, but seq ${prev.seq} has hash ${prev.hash}`);
    }
    if (!prev && link.seq === 1 && link.prevHash !== '') {
      return fail('prev-hash', `record seq 1 must have an empty prevHash, found ${link.prevHash}`);
    }
    prev = link;
  }
  return { ok: true };
}
