import type { Lang } from '../schema';

/** One feature's strings: the same keys in every language (checked by `satisfies Strings`). */
export type Strings = Record<Lang, Record<string, string>>;
