import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../lib/schema';
import {
  EVIDENCE_HASHED_FIELDS, canonicalJson, chainNext, evidenceHashInput, hashEvidenceRecord, sealEvidence, sha256Hex, verifyChain,
} from '../../../lib/evidence/hash';
import { Sha256Stream } from '../../../lib/evidence/sha256-stream';
import { makeChain, prng } from './make-evidence';

const nodeSha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

describe('sha256Hex', () => {
  it('matches known vectors and node:crypto for every input type', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const text = '亲，您的包裹已发出 📦';
    const bytes = new TextEncoder().encode(text);
    expect(await sha256Hex(text)).toBe(nodeSha(bytes));
    expect(await sha256Hex(bytes)).toBe(nodeSha(bytes));
    expect(await sha256Hex(bytes.buffer)).toBe(nodeSha(bytes));
    expect(await sha256Hex(new Blob([bytes]))).toBe(nodeSha(bytes));
    // A view into a larger buffer hashes only its own bytes.
    const big = new Uint8Array(100).fill(7);
    expect(await sha256Hex(big.subarray(10, 20))).toBe(nodeSha(big.subarray(10, 20)));
  });
});

describe('Sha256Stream', () => {
  it('equals node:crypto for random data fed in random chunks, across block boundaries', () => {
    const rand = prng(1);
    for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 65_537]) {
      const data = new Uint8Array(len).map(() => Math.floor(rand() * 256));
      const s = new Sha256Stream();
      for (let o = 0; o < len;) {
        const n = Math.min(len - o, 1 + Math.floor(rand() * 200));
        s.update(data.subarray(o, o + n));
        o += n;
      }
      expect(s.digestHex(), `length ${len}`).toBe(nodeSha(data));
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined keys, no whitespace', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined };
    const b = { a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
  it('escapes like JSON.stringify, including lone surrogates and line separators', () => {
    const s = 'q"\\\n\u2028\ud800买';
    expect(canonicalJson({ s })).toBe(`{"s":${JSON.stringify(s)}}`);
    expect(JSON.parse(canonicalJson({ s })).s).toBe(s);
  });
  it('treats -0 as 0 and refuses values with no single JSON meaning', () => {
    expect(canonicalJson(-0)).toBe('0');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/non-finite/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/plain object/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson({ b: 1n })).toThrow(/bigint/);
  });
});

describe('record hashing and the chain', () => {
  it('hashes exactly the documented fields, independent of key order and extra keys', async () => {
    const { records } = await makeChain({ count: 1, artifactsPerRecord: 2, artifactSize: 100, messagesPerRecord: 1 });
    const r = records[0]!;
    expect(Object.keys(evidenceHashInput(r)).sort()).toEqual([...EVIDENCE_HASHED_FIELDS].sort());
    expect(Object.keys(r).filter((k) => k !== 'hash').sort()).toEqual([...EVIDENCE_HASHED_FIELDS].sort());
    const shuffled = Object.fromEntries(Object.entries(r).reverse()) as Evidence;
    expect(await hashEvidenceRecord(shuffled)).toBe(r.hash);
    // The stored hash itself is not hashed.
    expect(await hashEvidenceRecord({ ...r, hash: 'f'.repeat(64) })).toBe(r.hash);
    // The documented recipe, done by hand with node:crypto.
    expect(nodeSha(canonicalJson(evidenceHashInput(r)))).toBe(r.hash);
    // Every hashed field matters.
    for (const f of EVIDENCE_HASHED_FIELDS) {
      const changed = { ...r } as Record<string, unknown>;
      const v = changed[f];
      changed[f] = typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}!` : v === null ? 'x' : [];
      expect(await hashEvidenceRecord(changed as Evidence), f).not.toBe(r.hash);
    }
    const art = { ...r, artifacts: r.artifacts.map((a, i) => (i === 1 ? { ...a, sha256: '0'.repeat(64) } : a)) };
    expect(await hashEvidenceRecord(art)).not.toBe(r.hash);
  });

  it('refuses a record with a hashed field missing', async () => {
    const { records } = await makeChain({ count: 1, artifactsPerRecord: 0, artifactSize: 1, messagesPerRecord: 0 });
    const { note: _n, ...partial } = records[0]!;
    await expect(hashEvidenceRecord(partial as Evidence)).rejects.toThrow(/note/);
  });

  it('chainNext starts at seq 1 with empty prevHash and links to the previous hash', async () => {
    expect(chainNext(null, {})).toEqual({ seq: 1, prevHash: '' });
    const { records } = await makeChain({ count: 2, artifactsPerRecord: 0, artifactSize: 1, messagesPerRecord: 0 });
    expect(chainNext(records[1]!, {})).toEqual({ seq: 3, prevHash: records[1]!.hash });
    expect(records[1]!.prevHash).toBe(records[0]!.hash);
  });

  it('verifyChain accepts an intact chain and a segment of it', async () => {
    const { records } = await makeChain({ count: 6, artifactsPerRecord: 1, artifactSize: 50, messagesPerRecord: 0 });
    expect(await verifyChain(records)).toEqual({ ok: true });
    expect(await verifyChain(records.slice(2, 5))).toEqual({ ok: true });
    expect(await verifyChain([])).toEqual({ ok: true });
  });

  it('names the first broken record for each failure kind', async () => {
    const { records } = await makeChain({ count: 6, artifactsPerRecord: 1, artifactSize: 50, messagesPerRecord: 0 });
    // Edited content, stored hash left alone → 'hash' at that record.
    const edited = records.map((r, i) => (i === 3 ? { ...r, note: '改过的备注' } : r));
    expect(await verifyChain(edited)).toMatchObject({ ok: false, seq: 4, id: 'ev-4', reason: 'hash' });
    // Edited and rehashed → its own hash is fine, the next record's prevHash no longer matches.
    const resealed = await sealEvidence(records[2]!, { ...records[3]!, note: '改过的备注' });
    const rehashed = records.map((r, i) => (i === 3 ? resealed : r));
    expect(await verifyChain(rehashed)).toMatchObject({ ok: false, seq: 5, id: 'ev-5', reason: 'prev-hash' });
    // A record removed → gap in seq.
    expect(await verifyChain([...records.slice(0, 2), ...records.slice(3)])).toMatchObject({ ok: false, seq: 4, reason: 'seq' });
    // Records reordered → seq.
    expect(await verifyChain([records[0]!, records[2]!, records[1]!])).toMatchObject({ ok: false, seq: 3, reason: 'seq' });
    // Duplicate → seq.
    expect(await verifyChain([records[0]!, records[0]!])).toMatchObject({ ok: false, seq: 1, reason: 'seq' });
    // First record of the chain must have empty prevHash.
    const fakeFirst = await sealEvidence(records[0]!, { ...records[0]! });
    expect(await verifyChain([{ ...fakeFirst, seq: 1 }])).toMatchObject({ ok: false, seq: 1, reason: 'hash' });
    const forgedFirst = { ...records[0]!, prevHash: 'a'.repeat(64) };
    const forgedFirstSealed = { ...forgedFirst, hash: await hashEvidenceRecord(forgedFirst) };
    expect(await verifyChain([forgedFirstSealed])).toMatchObject({ ok: false, seq: 1, reason: 'prev-hash' });
    // Only the first problem is reported.
    const twoBroken = records.map((r, i) => (i === 1 || i === 4 ? { ...r, title: 'x' } : r));
    expect(await verifyChain(twoBroken)).toMatchObject({ ok: false, seq: 2 });
  });
});
