/**
 * English counts need two forms ("1 case", "2 cases"); Chinese has one. The
 * string tables hold each count sentence twice (`…One` and the plain key; both
 * alike in zh), and the language's own plural rules pick — Intl, not `n === 1`,
 * so a language added later gets its own rule without touching the callers.
 */
import type { Lang } from '../lib/schema';

const rules = new Map<Lang, Intl.PluralRules>();

/** `one` when the language says "one thing" for n, else `other`. */
export function countKey<K extends string>(lang: Lang, n: number, one: K, other: K): K {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r.select(n) === 'one' ? one : other;
}
