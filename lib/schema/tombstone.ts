/**
 * An artifact whose bytes the seller deleted (Dashboard → Storage): only what
 * was recorded at capture is left (lib/db/artifacts.ts).
 *
 * Its own module, without zod: the dashboard's Evidence view needs this test
 * on its first paint, and importing it from lib/schema/index.ts evaluated every
 * record schema (and zod) in front of the list.
 */
export function isTombstone<T extends { deletedAt?: string }>(a: T): a is T & { deletedAt: string } {
  return a.deletedAt !== undefined;
}
