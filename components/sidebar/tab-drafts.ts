/**
 * Sidebar tabs that hold something the agent started and has not saved: an evidence note, an open
 * case form, a capture running, a correction being typed. Leaving a tab unmounts it and loses that,
 * so the sidebar never leaves such a tab on its own (a Tab fill-in request, sidebar-app.tsx); the
 * agent opens Replies when they are done, and the form is there.
 */
import { useEffect } from 'react';

const withDraft = new Set<string>();

export function useTabDraft(tab: string, hasDraft: boolean): void {
  useEffect(() => {
    if (!hasDraft) return;
    withDraft.add(tab);
    return () => {
      withDraft.delete(tab);
    };
  }, [tab, hasDraft]);
}

export const tabHasDraft = (tab: string): boolean => withDraft.has(tab);
