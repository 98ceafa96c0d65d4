import { describe, expect, it } from 'vitest';
import { nextDue, sortCases } from '../../../components/dashboard/cases-view';
import type { Case } from '../../../lib/schema';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const kase = (over: Partial<Case>): Case => ({ id: 'c', status: 'open', replyDueAt: null, followUpAt: null, updatedAt: '2026-11-20T00:00:00Z', ...over }) as Case;

describe('the board\'s due time of a case', () => {
  it('a resolved case whose follow-up has passed (its reminder fired) has nothing due — it showed red "Overdue" for good', () => {
    expect(nextDue(kase({ status: 'resolved', followUpAt: '2026-11-23T09:00:00Z' }), NOW)).toBe(Infinity);
    // Its follow-up still ahead: due then.
    expect(nextDue(kase({ status: 'resolved', followUpAt: '2026-11-25T09:00:00Z' }), NOW)).toBe(Date.parse('2026-11-25T09:00:00Z'));
    // The reply promise of a resolved case is kept.
    expect(nextDue(kase({ status: 'resolved', replyDueAt: '2026-11-23T09:00:00Z' }), NOW)).toBe(Infinity);
  });
  it('a case still being worked keeps a passed time: it is overdue, and first on the board', () => {
    const late = kase({ id: 'late', status: 'open', followUpAt: '2026-11-23T09:00:00Z' });
    const done = kase({ id: 'done', status: 'resolved', followUpAt: '2026-11-22T09:00:00Z' });
    const soon = kase({ id: 'soon', status: 'open', replyDueAt: '2026-11-24T13:00:00Z' });
    expect(nextDue(late, NOW)).toBe(Date.parse('2026-11-23T09:00:00Z'));
    expect(sortCases([done, soon, late], NOW).map((c) => c.id)).toEqual(['late', 'soon', 'done']);
  });
});
