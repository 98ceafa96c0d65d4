/**
 * One dashboard view's (or sidebar tab's) error boundary: a view that throws while
 * rendering (a stored record not as the code expects — a profile whose "updatedAt"
 * was "yesterday" made the Sites view throw "Invalid time value"; the sidebar's
 * Evidence tab reading its frame's refused localStorage blanked the whole sidebar)
 * shows a sentence in the seller's language instead of a white page, and the nav
 * above it keeps working. Keyed by view / tab by its callers, so another starts afresh.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { MessageKey } from '../lib/i18n';
import { useI18n } from './i18n';

interface BoundaryProps {
  message: string;
  retry: string;
  children: ReactNode;
}

class Boundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // Kept in the console for a bug report; the seller reads the sentence.
    console.error('view failed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel" role="alert" data-testid="view-failed">
        <p>{this.props.message}</p>
        {/* The error's own words (English, from the code or the browser) as text, for a bug report. */}
        <p className="muted small">
          <code data-testid="view-failed-detail">{error.message}</code>
        </p>
        <button type="button" data-testid="view-failed-retry" onClick={() => this.setState({ error: null })}>
          {this.props.retry}
        </button>
      </div>
    );
  }
}

export function ViewBoundary({ children, message = 'viewFailed' }: { children: ReactNode; message?: MessageKey }) {
  const { t } = useI18n();
  return (
    <Boundary message={t(message)} retry={t('viewRetry')}>
      {children}
    </Boundary>
  );
}
