/**
 * Opens the database alongside the first render — not before it: the page's
 * shell (header, nav, search box) paints while IndexedDB opens, and the views'
 * queries wait for the open themselves (Dexie queues them). A failed open (a
 * failed migration, a blocked upgrade, no disk) replaces the page with the error
 * as it is; the old data stays untouched because IndexedDB aborts a failed
 * upgrade as a whole.
 *
 * Queries that fail because the open failed throw during render
 * (useLiveQuery rethrows), so this is also the error boundary that turns them
 * into the same message. Any other render error is passed on unchanged.
 */
import { Component, type ReactNode } from 'react';
import { getDb } from '../lib/db';
import type { Lang } from '../lib/schema';
import { translate } from '../lib/i18n';
import { firstFrameLang } from '../lib/i18n/browser-lang';

type Open = 'opening' | 'open' | { error: string; lang: Lang };

interface State {
  open: Open;
  /** A render error caught below, held until the open's outcome says whose it is. */
  caught: unknown;
}

export class DbGuard extends Component<{ children: ReactNode }, State> {
  override state: State = { open: 'opening', caught: null };

  static getDerivedStateFromError(caught: unknown): Partial<State> {
    return { caught };
  }

  override componentDidMount(): void {
    getDb()
      .open()
      .then(() => this.setState({ open: 'open' }))
      .catch((e: unknown) => {
        const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        // The settings are unreadable now: the language last shown, else the browser's.
        this.setState({ open: { error, lang: firstFrameLang() } });
      });
  }

  override render(): ReactNode {
    const { open, caught } = this.state;
    if (typeof open === 'object') {
      return (
        <div role="alert" className="db-error" data-testid="db-error">
          {translate(open.lang, 'dbError', { error: open.error })}
        </div>
      );
    }
    if (caught !== null) {
      // Wait for the open's outcome; an error from an open database is not ours to explain.
      if (open === 'opening') return null;
      throw caught;
    }
    return this.props.children;
  }
}
