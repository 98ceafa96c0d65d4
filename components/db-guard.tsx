/**
 * Opens the database before any view renders. A failed open (a failed migration,
 * a blocked upgrade, no disk) is shown as it is; the old data stays untouched
 * because IndexedDB aborts a failed upgrade as a whole.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { getDb } from '../lib/db';
import { translate } from '../lib/i18n';
import { browserLang } from '../lib/settings';

export function DbGuard({ children }: { children: ReactNode }) {
  const [state, setState] = useState<'opening' | 'open' | { error: string }>('opening');
  useEffect(() => {
    getDb()
      .open()
      .then(() => setState('open'))
      .catch((e: unknown) => setState({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
  }, []);
  if (state === 'opening') return null;
  if (state !== 'open') {
    return (
      <div role="alert" className="db-error" data-testid="db-error">
        {translate(browserLang(), 'dbError', { error: state.error })}
      </div>
    );
  }
  return <>{children}</>;
}
