/**
 * The images of one screenshot record, in capture order (shot.png, or shot-1.png, shot-2.png… for a page taller
 * than one canvas), deleted ones left out. The background hands them one by one to the sidebar's and the popup's
 * Copy and Download (evidence:shot-image, components/shot-actions.tsx).
 */
import { getDb } from '../db';
import { isTombstone, type Artifact, type Evidence } from '../schema';

/** The record's number, time, buyer and order name the downloaded file (components/download.ts recordFileName). */
export type ShotRecord = Pick<Evidence, 'seq' | 'capturedAt' | 'buyerName' | 'orderId'>;

export async function shotImages(evidenceId: string): Promise<{ record: ShotRecord | null; images: Artifact[] }> {
  const db = getDb();
  const record = await db.evidence.get(evidenceId);
  if (!record) return { record: null, images: [] };
  const stored = await db.artifacts.bulkGet(record.artifacts.filter((a) => a.mime === 'image/png').map((a) => a.id));
  const { seq, capturedAt, buyerName, orderId } = record;
  return { record: { seq, capturedAt, buyerName, orderId }, images: stored.filter((a): a is Artifact => a !== undefined && !isTombstone(a)) };
}
