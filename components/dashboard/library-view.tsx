/** Library: categories with their symbols and replies. */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { useI18n } from '../i18n';

export function LibraryView() {
  const { t, lang } = useI18n();
  const categories = useLiveQuery(() => getDb().categories.orderBy('order').toArray(), []);
  const replies = useLiveQuery(() => getDb().replies.toArray(), []);
  return (
    <section data-testid="library-view">
      <p className="muted" data-testid="library-count">
        {t('replyCount', { n: replies?.length ?? 0 })}
      </p>
      {(categories ?? []).map((c) => {
        const inCategory = (replies ?? []).filter((r) => r.categoryId === c.id);
        return (
          <details key={c.id} open data-testid="library-category">
            <summary>
              {c.symbol} {c.name} <span className="muted">({inCategory.length})</span>
            </summary>
            <table className="replies-table">
              <thead>
                <tr>
                  <th>{t('title')}</th>
                  <th>{t('shortcut')}</th>
                  <th>{t('preview')}</th>
                </tr>
              </thead>
              <tbody>
                {inCategory.map((r) => (
                  <tr key={r.id}>
                    <td>{r.title}</td>
                    <td>
                      <code>{r.shortcut}</code>
                    </td>
                    <td className="muted">{r.body[lang] || r.body['zh-CN']}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        );
      })}
    </section>
  );
}
