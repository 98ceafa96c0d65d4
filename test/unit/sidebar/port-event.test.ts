import { describe, expect, it } from 'vitest';
import { SidebarPortEvent } from '../../../lib/messaging';

describe('SidebarPortEvent: what the sidebar takes from its page', () => {
  it('takes the overlay\'s three events', () => {
    expect(SidebarPortEvent.safeParse({ type: 'focus-search' }).success).toBe(true);
    expect(SidebarPortEvent.safeParse({ type: 'fill', replyId: 'r-1', replaceBefore: 3 }).success).toBe(true);
  });
  it('refuses a fill it cannot trust, and a state that is not a page state (was checked by hand, the state alone with zod)', () => {
    expect(SidebarPortEvent.safeParse({ type: 'fill', replyId: 'x'.repeat(101), replaceBefore: 0 }).success).toBe(false);
    expect(SidebarPortEvent.safeParse({ type: 'fill', replyId: 'r-1', replaceBefore: -1 }).success).toBe(false);
    expect(SidebarPortEvent.safeParse({ type: 'fill', replyId: 'r-1', replaceBefore: 1.5 }).success).toBe(false);
    expect(SidebarPortEvent.safeParse({ type: 'state', state: { url: 'x' } }).success).toBe(false);
    expect(SidebarPortEvent.safeParse({ type: 'open-everything' }).success).toBe(false);
    expect(SidebarPortEvent.safeParse(null).success).toBe(false);
  });
});
