/**
 * A site adapter from a seller-taught profile (the element picker's selectors,
 * lib/schema SiteProfile). Each taught part is read through its selector; a
 * part not taught — or whose selector no longer matches after the site changed
 * its markup — falls back to the adapter the page had before (the generic
 * heuristics, possibly under a marketplace's name). Dedicated adapters are
 * never replaced: the page reader only builds this for generic pages.
 *
 * Selectors come from storage the seller may have imported, so every query is
 * guarded: an invalid selector reads as "not taught", never as an exception.
 */
import type { ChatMessage, PageContext, SiteProfile } from '../schema';
import { textOf } from './dom';
import { countRows, findRowsUnder, messagesOfRows, parentOfAll, type RowRead, type RowTally } from './generic';
import { childrenOf, createRowMemo } from './dom';
import { readLabelled } from './labels';
import { buyerOfHeaderText } from './header-buyer';
import type { SiteAdapter } from './types';

function one(root: Document, selector: string | null): HTMLElement | null {
  if (!selector) return null;
  try {
    return root.querySelector<HTMLElement>(selector);
  } catch {
    return null;
  }
}

function all(root: Document | Element, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

// "订单号：123", "Order No. 123", "订单 #4012 7788 2931": a leading label (no digits) and its separator.
const LEADING_LABEL = /^[^\d:：#]{1,24}?\s*[:：#]\s*/;

/**
 * The value of a picked text element: the labelled value when the element
 * holds label and value ("订单号：123"), else its text without a leading
 * "label:" part, whitespace collapsed, at most 200 characters (the schema's cap).
 */
export function pickedValue(text: string, field: 'buyerName' | 'orderNumber'): string | null {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  const labelled = readLabelled([clean]);
  const known = field === 'orderNumber' ? labelled.orderNumber : labelled.buyer;
  if (known) return known.slice(0, 200);
  const stripped = clean.replace(LEADING_LABEL, '').trim();
  return (stripped || clean).slice(0, 200);
}

/**
 * A picked buyer element's name and, when the page writes it in brackets after the name, the account
 * id — read as an unlabelled chat header is (header-buyer.ts): "王女士 (wang_mei88)" greeted the buyer
 * as "王女士 (wang_mei88)" in every {buyer} reply. The seller pointed at the buyer, so anything else in
 * the element is the name as shown.
 */
export function pickedBuyer(text: string): { name: string; id: string | null } | null {
  const value = pickedValue(text, 'buyerName');
  if (!value) return null;
  const split = buyerOfHeaderText(value);
  return split ? { name: split.name, id: split.id } : { name: value, id: null };
}

/** The rows of the taught conversation: the row selector (inside the taught pane when there is one), else the pane's similar children. */
export function pickedRows(doc: Document, profile: SiteProfile): Element[] | null {
  const pane = one(doc, profile.messagePane);
  if (profile.messageRow) {
    const rows = all(pane ?? doc, profile.messageRow);
    if (rows.length) return rows;
  }
  if (pane) return findRowsUnder(pane, 1)?.rows ?? childrenOf(pane);
  return null;
}

// A taught pane is read through its own memos: the heuristics' pane on the same page keeps its own.
const taughtMemo = createRowMemo<RowRead>();
const taughtCount = createRowMemo<RowTally>();

/** What holds the taught rows (the picked pane, else their common parent), for the memo to watch. */
function scopeOf(doc: Document, profile: SiteProfile, rows: readonly Element[]): Element | null {
  return parentOfAll(rows) ?? one(doc, profile.messagePane);
}

export function taughtAdapter(profile: SiteProfile, fallback: SiteAdapter): SiteAdapter {
  return {
    id: fallback.id,
    name: profile.name.trim() || fallback.name,
    detect: fallback.detect,
    context(doc): PageContext {
      const ctx = fallback.context(doc);
      const buyer = one(doc, profile.buyerName);
      const order = one(doc, profile.orderNumber);
      const picked = buyer ? pickedBuyer(textOf(buyer)) : null;
      const number = order ? pickedValue(textOf(order), 'orderNumber') : null;
      return {
        ...ctx,
        buyer: picked ? { ...ctx.buyer, name: picked.name, id: picked.id ?? ctx.buyer.id } : ctx.buyer,
        order: number ? { ...ctx.order, number } : ctx.order,
      };
    },
    messages(doc): ChatMessage[] {
      const rows = pickedRows(doc, profile);
      return rows ? messagesOfRows(doc, rows, scopeOf(doc, profile, rows), taughtMemo) : fallback.messages(doc);
    },
    messageCount(doc): number {
      const rows = pickedRows(doc, profile);
      return rows ? countRows(rows, scopeOf(doc, profile, rows), taughtCount) : fallback.messageCount(doc);
    },
    reviews: (doc) => fallback.reviews(doc),
    composer: (doc) => one(doc, profile.composer) ?? fallback.composer(doc),
    messagePane(doc) {
      const pane = one(doc, profile.messagePane);
      if (pane) return pane;
      const rows = profile.messageRow ? all(doc, profile.messageRow) : [];
      return (rows[0]?.parentElement as HTMLElement | null | undefined) ?? fallback.messagePane(doc);
    },
  };
}

/** Whether a profile teaches anything at all (an empty one leaves the page to the heuristics). */
export function teachesAnything(profile: SiteProfile): boolean {
  return Boolean(profile.composer || profile.messagePane || profile.messageRow || profile.buyerName || profile.orderNumber);
}
