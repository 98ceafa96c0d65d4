// Used by: site adapters (lib/sites/) whose page needs a special insert, e.g. a
// paste handler that misplaces the caret. Tried before the generic chain.
// Empty by default: every composer measured so far works with the chain.
import type { InsertStrategy } from './strategy';
import type { EditableTarget } from './target';

export interface SiteInsertOverride extends InsertStrategy {
  /** True when this override serves the target on the current page. */
  matches(target: EditableTarget, location: Location): boolean;
}

export const siteInsertOverrides: SiteInsertOverride[] = [];

export function registerSiteInsertOverride(override: SiteInsertOverride): void {
  if (!siteInsertOverrides.some((o) => o.id === override.id)) siteInsertOverrides.push(override);
}
