/** Replies tab: categories and the library (search and insertion come with the replies tool). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '../../lib/db';
import { useI18n } from '../i18n';
import type { PageLink } from './use-page';

export function RepliesPanel({ link: _link }: { link: PageLink }) {
  const { t, lang } = useI18n();
  const categories = useLiveQuery(() => getDb().categories.orderBy('order').toArray(), []);
  const replies = useLiveQuery(() => getDb().replies.toArray(), []);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const shown = (replies ?? []).filter((r) => categoryId === null || r.categoryId === categoryId);
  return (
    <section data-testid="replies-panel">
      <div className="categories" role="tablist" aria-label={t('categories')}>
        <button type="button" aria-selected={categoryId === null} onClick={() => setCategoryId(null)}>
          {t('allCategories')}
        </button>
        {(categories ?? []).map((c) => (
          <button key={c.id} type="button" data-testid="category" aria-selected={categoryId === c.id} onClick={() => setCategoryId(c.id)}>
            {c.symbol} {c.name}
          </button>
        ))}
      </div>
      <ul className="reply-list">
        {shown.map((r) => (
          <li key={r.id}>
            <strong>{r.title}</strong> <span className="chip">{r.shortcut}</span>
            <div className="muted">{r.body[lang] || r.body['zh-CN'] || r.body.en}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
