/**
 * The dashboard tab closed or reloaded with typing not saved — Settings' fields, a reply open in the
 * Library's editor — asks first (the browser's own "Leave site?"), as a page with a form should: the text
 * was lost without a word. Each holder of unsaved typing registers a check; one listener asks them all.
 */
const checks = new Set<() => boolean>();

export function guardUnsaved(hasUnsaved: () => boolean): void {
  if (!checks.size) {
    addEventListener('beforeunload', (e) => {
      for (const check of checks) {
        if (!check()) continue;
        e.preventDefault();
        return;
      }
    });
  }
  checks.add(hasUnsaved);
}
