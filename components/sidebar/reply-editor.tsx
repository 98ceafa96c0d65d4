/** Create or edit one reply inline: title, shortcut, category, tags and the three bodies. */
import { useEffect, useState } from 'react';
import { listVariables, suspectPlaceholders } from '../../lib/replies/template';
import { LANGS, type Category, type Lang, type Reply } from '../../lib/schema';
import { useI18n } from '../i18n';
import { askBackground } from '../ext';
import type { MessageKey } from '../../lib/i18n';
import { XiaoerError } from '../../lib/wire';
import { SHORTCUT_MAX, shortcutProblem, splitTags } from '../../lib/replies/rules';
import { failureText } from '../failure-text';
import { useOneAtATime } from '../one-at-a-time';

const LANG_KEY: Record<Lang, MessageKey> = { 'zh-CN': 'langZhCN', 'zh-TW': 'langZhTW', en: 'langEn' };

/** What is typed in the editor and not saved yet, as the fields hold it. */
export interface ReplyDraft {
  title: string;
  shortcut: string;
  categoryId: string;
  tags: string;
  body: Record<Lang, string>;
}

/**
 * `focusShortcut`: opened to change the shortcut (the Library's mark on a shortcut two replies share).
 * `draft` / `onDraft`: a holder that outlives the editor (the dashboard's Library, whose view unmounts when
 * the seller opens another view) starts it from what was typed and is told each change.
 */
export function ReplyEditor({
  reply,
  categories,
  onDone,
  focusShortcut = false,
  draft,
  onDraft,
  newCategoryId = null,
}: {
  reply: Reply | null;
  categories: Category[];
  onDone: () => void;
  /** A new reply's category: the one the seller is looking at (the sidebar's chosen category), else the first. */
  newCategoryId?: string | null;
  focusShortcut?: boolean;
  draft?: ReplyDraft | null;
  onDraft?: (draft: ReplyDraft) => void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState(draft?.title ?? reply?.title ?? '');
  const [shortcut, setShortcut] = useState(draft?.shortcut ?? reply?.shortcut ?? '');
  const [categoryId, setCategoryId] = useState(draft?.categoryId ?? reply?.categoryId ?? newCategoryId ?? categories[0]?.id ?? '');
  const [tags, setTags] = useState(draft?.tags ?? (reply?.tags ?? []).join(t('listSeparator')));
  const [body, setBody] = useState<Record<Lang, string>>(draft?.body ?? reply?.body ?? { 'zh-CN': '', 'zh-TW': '', en: '' });
  useEffect(() => onDraft?.({ title, shortcut, categoryId, tags, body }), [title, shortcut, categoryId, tags, body, onDraft]);
  const [error, setError] = useState('');
  /** The field the error is about (marked aria-invalid), or null. */
  const [badField, setBadField] = useState<'title' | 'shortcut' | null>(null);
  // A double click on Save (or Enter twice) created the reply twice: with no shortcut nothing refused the second.
  const saving = useOneAtATime();
  const refuse = (message: string, field: 'title' | 'shortcut' | null) => {
    setError(message);
    setBadField(field);
  };

  async function save() {
    const cleanTitle = title.trim();
    const cleanShortcut = shortcut.trim();
    if (!cleanTitle) return refuse(t('errorTitleRequired'), 'title');
    // The library's shortcut rule (rules.ts), the one import applies: said here before a round trip.
    const problem = shortcutProblem(cleanShortcut);
    if (problem) return refuse(t(problem === 'tooLong' ? 'errorShortcutLong' : 'errorShortcutSpaces'), 'shortcut');
    if (LANGS.every((l) => !body[l].trim())) return refuse(t('errorBodyRequired'), null);
    const fields = {
      title: cleanTitle.slice(0, 200),
      shortcut: cleanShortcut,
      categoryId,
      tags: splitTags(tags).slice(0, 50),
      body,
    };
    try {
      // The background refuses a shortcut another reply already holds in any case or width
      // ('shortcut-taken', naming that reply): worded here in the seller's language.
      if (reply) await askBackground('reply:update', { id: reply.id, fields });
      else await askBackground('reply:create', { fields });
      onDone();
    } catch (e) {
      if (e instanceof XiaoerError && e.code === 'shortcut-taken') {
        refuse(t('errorShortcutTaken', { shortcut: e.detail?.shortcut ?? cleanShortcut, title: e.detail?.title ?? '' }), 'shortcut');
      } else refuse(failureText(e, t), null);
    }
  }

  const vars = [...new Set(LANGS.flatMap((l) => listVariables(body[l]).map((v) => (v.kind === 'ask' ? `?${v.name}` : v.name))))];
  // Braces that look meant as a variable but are none ({odrer}, an unclosed "{order"): the buyer
  // would get them as written. A warning, not a refusal — the seller may mean them literally.
  const suspects = [...new Map(LANGS.flatMap((l) => suspectPlaceholders(body[l])).map((p) => [p.text, p])).values()];
  return (
    <form
      className="reply-editor"
      data-testid="reply-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void saving.run(save);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onDone();
        }
      }}
    >
      <label>
        {t('title')}
        <input autoFocus={!focusShortcut} data-testid="editor-title" value={title} maxLength={200} aria-invalid={badField === 'title' || undefined} aria-errormessage={badField === 'title' ? 'editor-error' : undefined} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('shortcut')}
        <input
          autoFocus={focusShortcut}
          data-testid="editor-shortcut"
          value={shortcut}
          maxLength={SHORTCUT_MAX}
          placeholder="/ship, ;thx, fh"
          aria-invalid={badField === 'shortcut' || undefined}
          aria-errormessage={badField === 'shortcut' ? 'editor-error' : undefined}
          onChange={(e) => setShortcut(e.target.value)}
        />
      </label>
      <label>
        {t('categories')}
        <select data-testid="editor-category" value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.symbol} {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tags')}
        <input data-testid="editor-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      {LANGS.map((l) => (
        <label key={l}>
          {t(LANG_KEY[l])}
          <textarea data-testid={`editor-body-${l}`} rows={4} value={body[l]} maxLength={20_000} onChange={(e) => setBody({ ...body, [l]: e.target.value })} />
        </label>
      ))}
      <p className="muted small">{t('variablesHelp')}</p>
      {vars.length ? <p className="muted small">{vars.join(' · ')}</p> : null}
      {suspects.map((p) => (
        <p key={p.text} className="warn small" data-testid="editor-suspect">
          {p.suggestion ? t('suspectVariable', { text: p.text, suggestion: p.suggestion }) : t('suspectVariableNoGuess', { text: p.text })}
        </p>
      ))}
      {error ? (
        <p className="error" role="alert" id="editor-error" data-testid="editor-error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="editor-save" disabled={saving.busy}>
          {t('save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
