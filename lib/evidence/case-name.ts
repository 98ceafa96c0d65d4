/**
 * How a case is named to the seller wherever it is listed (board, detail, the sidebar's and the evidence view's
 * case lists, Storage, the reminder notification): its title, else its order number, else its type and buyer.
 * A case opened without either (the sidebar's form asks for neither; a chat page may show no order) was named by
 * its internal id, "case-25a8cfe1-ae95-…", in every one of those places.
 */
import type { MessageKey } from '../i18n';
import type { Case } from '../schema';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const CASE_TYPE_KEY: Record<Case['type'], MessageKey> = {
  complaint: 'caseTypeComplaint',
  dispute: 'caseTypeDispute',
  'malicious-review': 'caseTypeMaliciousReview',
  'after-sales': 'caseTypeAfterSales',
};

export function caseName(c: Pick<Case, 'title' | 'orderId' | 'type' | 'buyerName'>, t: T): string {
  return c.title.trim() || c.orderId.trim() || [t(CASE_TYPE_KEY[c.type]), c.buyerName.trim()].filter(Boolean).join(' · ');
}

/**
 * What a case's exported bundle is filed under, the way a seller files a dispute: its order (else its title), then its
 * buyer ("order-2611207XKQ3HBN", "小王"). The ZIP was named by the order only ("xiaoer-evidence-case-2611207XKQ3HBN-…"),
 * and a case without an order by its internal id; a Chinese buyer name came out as "_".
 */
export function caseFileSubject(c: Pick<Case, 'title' | 'orderId' | 'buyerName'>): { order: string | null; title: string | null; buyer: string | null } {
  return { order: c.orderId.trim() || null, title: c.orderId.trim() ? null : c.title.trim() || null, buyer: c.buyerName.trim() || null };
}
