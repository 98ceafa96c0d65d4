/**
 * The order of the Evidence gallery. Screenshots are read by their record's id
 * (`anyOf`), which answers in the order of the records' and artifacts' random
 * UUIDs: "#4, #2, #1, #3-part 2, #3-part 1". The gallery follows the list
 * instead (the records as given, newest first), and a record's images follow
 * the record's own list of files — the order they were captured in, so a whole
 * chat stitched into several files reads top to bottom.
 */

/** What the order needs of an artifact: its record and its file name. */
export interface GalleryArtifact {
  id: string;
  evidenceId: string;
  name: string;
}

/** What the order needs of a record: its files in capture order. */
export interface GalleryRecord {
  id: string;
  artifacts: readonly { id: string }[];
}

// Numeric: "screenshot-chat-10.png" is part 10, after part 9 (a plain string compare put it after part 1).
const byName = new Intl.Collator('en', { numeric: true });

/**
 * The artifacts in the order of `records` (the list's order); within a record, in the order the
 * record lists them, then — a file the record does not list — by name with part numbers compared as
 * numbers, then by id (one order between renders). An artifact of a record not given goes last.
 */
export function galleryOrder<A extends GalleryArtifact>(records: readonly GalleryRecord[], artifacts: readonly A[]): A[] {
  const rank = new Map(records.map((r, i) => [r.id, i]));
  const place = new Map(records.flatMap((r) => r.artifacts.map((a, i) => [a.id, i] as const)));
  const at = (a: A) => rank.get(a.evidenceId) ?? Number.MAX_SAFE_INTEGER;
  const within = (a: A) => place.get(a.id) ?? Number.MAX_SAFE_INTEGER;
  return [...artifacts].sort((a, b) => at(a) - at(b) || within(a) - within(b) || byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
