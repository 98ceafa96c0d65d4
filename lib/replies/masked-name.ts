/**
 * Masked buyer nicknames. Marketplaces hide part of a buyer's nickname from the
 * seller (Pinduoduo "景**", Taobao "t**8", "张*"); a seller never writes a buyer
 * their own name with asterisks in it, so such a name is not a value a reply may
 * carry. It stays the page's exact text everywhere else (the Page tab, buyer
 * notes, evidence) — only insertion into a reply treats it as not known.
 *
 * The rule: a name is masked when it holds a run of two or more mask characters
 * (`*` or full-width `＊`), or a single one touching a letter, digit or CJK
 * character ("张*", "a*b", "t*"): the star stands where a character was. A lone
 * star between blanks ("Lily * shop") or a name that is only a star hides nothing.
 */
const MASK_RUN = /[*＊]{2,}/u;
const MASK_IN_WORD = /[\p{L}\p{N}][*＊]|[*＊][\p{L}\p{N}]/u;

export function isMaskedName(name: string | null | undefined): boolean {
  if (!name) return false;
  return MASK_RUN.test(name) || MASK_IN_WORD.test(name);
}
