/**
 * Library order: how replies the seller uses equally often (a fresh library: all of them) follow
 * one another. The store gives them back by key, and the built-in replies' keys
 * (`xiaoer-default-<key>`) sort alphabetically: a new seller's "All" opened on "Confirm address
 * before shipping" (address-check) rather than the greeting they start every chat with. The
 * built-in replies follow the order they were written in (defaults.ts: category by category,
 * greeting first); every other reply keeps its place, as before: the built-in replies are reordered
 * only among the places they hold.
 *
 * The keys only, not defaults.ts: that module carries the whole library's text, and the browse
 * order is needed before the search module is loaded. A unit test keeps the two lists equal.
 */
export const DEFAULT_REPLY_KEYS = [
  'welcome', 'welcome-back', 'one-moment', 'goodbye',
  'current-promotion', 'one-per-buyer', 'no-merging-accounts', 'first-order-offer', 'campaign-shipping-order',
  'size-ask', 'size-advice', 'specification', 'colour-difference', 'stock-check', 'how-to-use',
  'shipping-time', 'shipped-notice', 'tracking-update', 'where-is-parcel', 'where-is-parcel-chase', 'weather-delay',
  'remote-area', 'courier-outlet-closed', 'cross-border-times', 'packaging', 'late-shipping-apology', 'stock-out', 'address-check',
  'change-item-before-warehouse', 'change-address-before-warehouse', 'change-item-after-shipped', 'change-address-after-shipped',
  'cancel-before-shipping', 'refund-after-shipped',
  'changing-price', 'price-changed', 'payment-received', 'unpaid-reminder', 'no-bargaining', 'invoice',
  'return-rules', 'how-to-return', 'refund-timing', 'arrived-damaged', 'wrong-or-missing-item', 'quality-problem',
  'service-hours', 'after-hours', 'answer-by-time',
  'calm-upset-buyer', 'restate-complaint', 'confirm-demand-in-writing', 'follow-up-after-complaint', 'negative-review-online',
] as const;

const DEFAULT_PREFIX = 'xiaoer-default-';
const RANK = new Map<string, number>(DEFAULT_REPLY_KEYS.map((k, i) => [`${DEFAULT_PREFIX}${k}`, i]));

/**
 * Each reply's place in library order, given the replies in the order the library holds them (key
 * order): the seller's own replies keep theirs; the built-in ones fill the places they hold among
 * themselves in seed order (one a later version dropped, still in an older library, after the current ones).
 */
export function libraryPositions(ids: readonly string[]): Int32Array {
  const pos = Int32Array.from(ids, (_, n) => n);
  const builtIn: number[] = [];
  ids.forEach((id, n) => {
    if (id.startsWith(DEFAULT_PREFIX)) builtIn.push(n);
  });
  if (builtIn.length < 2) return pos;
  const rank = (n: number) => RANK.get(ids[n]!) ?? Number.MAX_SAFE_INTEGER;
  const seeded = [...builtIn].sort((a, b) => rank(a) - rank(b) || a - b);
  seeded.forEach((n, k) => {
    pos[n] = builtIn[k]!;
  });
  return pos;
}
