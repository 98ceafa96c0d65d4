/**
 * A strict ZIP reader for verifying bundles. fflate's unzipSync trusts the
 * central directory and never checks CRC-32, so a damaged archive can unzip
 * "fine"; a verifier must instead account for every entry: central directory
 * and local header agree, entries tile the archive with no gaps, every CRC-32
 * and size matches, and the archive ends exactly at the end-of-central-
 * directory record (plus its comment). No ZIP64 (the writer never needs it:
 * fflate's streaming Zip does not emit ZIP64 either).
 */
import { inflateSync } from 'fflate';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * What kind of damage, so a reader can say it in the seller's language (the
 * message keeps the technical detail): cut short, its structure broken, a
 * password set, a ZIP feature Xiaoer never writes, or stored bytes that do not
 * match their checksum.
 */
export type ZipFault = 'truncated' | 'structure' | 'encrypted' | 'unsupported' | 'damaged';

export class ZipFormatError extends Error {
  constructor(
    message: string,
    readonly path?: string,
    readonly fault: ZipFault = 'structure',
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

export interface ZipArchive {
  entries: ZipEntry[];
  /** The archive comment's bytes. */
  comment: Uint8Array;
  /** Offset of the comment: bytes [0, commentOffset) are everything but the comment. */
  commentOffset: number;
}

/**
 * Whether a file's first bytes ("PK\x03\x04") are a ZIP's: anything else is refused from them, unread. The restore
 * view reads only 64 bytes of a chosen file to ask; Verify asks it of a chosen bundle.
 */
export function startsLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_DESCRIPTOR = 0x08074b50;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readZip(bytes: Uint8Array): ZipArchive {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => dv.getUint16(o, true);
  const u32 = (o: number) => dv.getUint32(o, true);
  const need = (o: number, n: number, what: string) => {
    if (o < 0 || o + n > bytes.length) throw new ZipFormatError(`truncated archive: ${what} at ${o} runs past the end`, undefined, 'truncated');
  };

  // End of central directory: the last signature whose comment ends exactly at the end of the file.
  let eocd = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (u32(o) === SIG_EOCD && o + 22 + u16(o + 20) === bytes.length) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end-of-central-directory record ending at the end of the archive', undefined, 'truncated');
  const diskNo = u16(eocd + 4);
  const cdDisk = u16(eocd + 6);
  const countDisk = u16(eocd + 8);
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (diskNo !== 0 || cdDisk !== 0 || countDisk !== count) throw new ZipFormatError('multi-disk archive fields are set', undefined, 'unsupported');
  if (cdOffset + cdSize !== eocd) throw new ZipFormatError(`central directory (${cdOffset}+${cdSize}) does not end at the end record (${eocd})`);

  interface Central { name: string; nameBytes: Uint8Array; flags: number; method: number; crc: number; csize: number; usize: number; offset: number; versionNeeded: number }
  const centrals: Central[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    need(p, 46, 'central directory entry');
    if (u32(p) !== SIG_CENTRAL) throw new ZipFormatError(`bad central directory signature at ${p}`);
    const nameLen = u16(p + 28), extraLen = u16(p + 30), commentLen = u16(p + 32);
    need(p + 46, nameLen + extraLen + commentLen, 'central directory name');
    if (u16(p + 34) !== 0) throw new ZipFormatError(`central directory entry ${i} names another disk`);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    let name: string;
    try {
      name = utf8.decode(nameBytes);
    } catch {
      throw new ZipFormatError(`central directory entry ${i} has a name that is not UTF-8`);
    }
    centrals.push({
      name, nameBytes, versionNeeded: u16(p + 6), flags: u16(p + 8), method: u16(p + 10),
      crc: u32(p + 16), csize: u32(p + 20), usize: u32(p + 24), offset: u32(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (p !== eocd) throw new ZipFormatError(`central directory holds ${eocd - p} bytes beyond its ${count} entries`);

  const seen = new Set<string>();
  const entries: ZipEntry[] = [];
  // Entries must tile [0, cdOffset) in order, so no byte of the archive is unaccounted for.
  let expectedOffset = 0;
  for (const c of centrals) {
    const where = c.name;
    if (seen.has(c.name)) throw new ZipFormatError(`duplicate entry ${c.name}`, where);
    seen.add(c.name);
    if (c.offset !== expectedOffset) throw new ZipFormatError(`entry ${c.name} starts at ${c.offset}, expected ${expectedOffset}`, where);
    const o = c.offset;
    need(o, 30, 'local header');
    if (u32(o) !== SIG_LOCAL) throw new ZipFormatError(`bad local header signature for ${c.name}`, where);
    const lNameLen = u16(o + 26), lExtraLen = u16(o + 28);
    need(o + 30, lNameLen + lExtraLen, 'local name');
    const lName = bytes.subarray(o + 30, o + 30 + lNameLen);
    if (!sameBytes(lName, c.nameBytes)) throw new ZipFormatError(`local header name differs from central directory for ${c.name}`, where);
    // The modification time is not compared: it says nothing about the content, and a writer that reads
    // the clock once per header (fflate without an mtime) puts different times in the two across an
    // even second — a valid archive that was refused as damaged (a test flaked on it).
    if (u16(o + 4) !== c.versionNeeded || u16(o + 6) !== c.flags || u16(o + 8) !== c.method) {
      throw new ZipFormatError(`local header fields differ from central directory for ${c.name}`, where);
    }
    if (c.flags & 1) throw new ZipFormatError(`entry ${c.name} is encrypted`, where, 'encrypted');
    const lCrc = u32(o + 14), lCsize = u32(o + 18), lUsize = u32(o + 22);
    const descriptor = (c.flags & 8) !== 0;
    const localAgrees = descriptor
      ? (lCrc === 0 || lCrc === c.crc) && (lCsize === 0 || lCsize === c.csize) && (lUsize === 0 || lUsize === c.usize)
      : lCrc === c.crc && lCsize === c.csize && lUsize === c.usize;
    if (!localAgrees) throw new ZipFormatError(`local header CRC/sizes differ from central directory for ${c.name}`, where);
    const dataStart = o + 30 + lNameLen + lExtraLen;
    need(dataStart, c.csize, 'entry data');
    let end = dataStart + c.csize;
    if (descriptor) {
      // Optional signature, then CRC and sizes (32-bit: no ZIP64).
      let d = end;
      need(d, 12, 'data descriptor');
      if (u32(d) === SIG_DESCRIPTOR) {
        need(d, 16, 'data descriptor');
        d += 4;
      }
      if (u32(d) !== c.crc || u32(d + 4) !== c.csize || u32(d + 8) !== c.usize) {
        throw new ZipFormatError(`data descriptor differs from central directory for ${c.name}`, where);
      }
      end = d + 12;
    }
    expectedOffset = end;

    const raw = bytes.subarray(dataStart, dataStart + c.csize);
    let data: Uint8Array;
    if (c.method === 0) {
      data = raw;
    } else if (c.method === 8) {
      try {
        data = inflateSync(raw);
      } catch (e) {
        throw new ZipFormatError(`entry ${c.name} does not inflate: ${(e as Error).message}`, where, 'damaged');
      }
    } else {
      throw new ZipFormatError(`entry ${c.name} uses unsupported compression method ${c.method}`, where, 'unsupported');
    }
    if (data.length !== c.usize) throw new ZipFormatError(`entry ${c.name} inflates to ${data.length} bytes, expected ${c.usize}`, where, 'damaged');
    if (crc32(data) !== c.crc) throw new ZipFormatError(`CRC-32 mismatch in ${c.name}: its stored bytes are damaged`, where, 'damaged');
    // Directory entries (added by other zip tools when re-packing) carry no content.
    if (c.name.endsWith('/') && data.length === 0) continue;
    entries.push({ name: c.name, data });
  }
  if (expectedOffset !== cdOffset) throw new ZipFormatError(`${cdOffset - expectedOffset} unaccounted bytes before the central directory`);

  const commentOffset = eocd + 22;
  return { entries, comment: bytes.subarray(commentOffset), commentOffset };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
