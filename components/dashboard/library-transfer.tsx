/**
 * The Library's import/export panel: reply libraries in the public JSON/CSV
 * formats of lib/replies/transfer.ts, previewed (counts per change, with the titles) before
 * anything is written, refused whole with the row and field named.
 * Loaded behind the reply list (library-view.tsx): the formats' zod schemas are
 * not needed for the first screen.
 */
import { useMemo, useRef, useState } from 'react';
import { FileChoice } from './file-choice';
import { getDb } from '../../lib/db';
import { CsvTagRefused, exportRepliesCsv, exportRepliesJson, planImport, readRepliesFile, tooLargeToRead, type ImportPlan, type ParseResult } from '../../lib/replies/transfer';
import { importReplies } from '../../lib/replies/library';
import type { Category, Reply } from '../../lib/schema';
import { refusalText, type Refusal } from '../../lib/backup/refusal';
import { useI18n } from '../i18n';
import { sentences } from '../../lib/i18n';
import { downloadFile, fileDate } from '../download';
import { libraryChanged } from './library-changed';
import { countKey } from '../plural';
import { useOneAtATime } from '../one-at-a-time';
import { failureText } from '../failure-text';

export function TransferPanel({ categories, replies }: { categories: Category[]; replies: Reply[] }) {
  const { t, lang } = useI18n();
  const [parsed, setParsed] = useState<(ParseResult & { ok: true }) | null>(null);
  const [fileName, setFileName] = useState('');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  // A refused file keeps its refusal as data, so switching the UI language re-words it too.
  const [error, setError] = useState<string | Refusal | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // A double click on Import ran the import twice: the second found everything already there and its
  // "Imported: 0 new, 0 updated, 0 removed" replaced the first's figures, so the seller thought nothing came in.
  const importing = useOneAtATime();
  const plan: ImportPlan | null = useMemo(
    () => (parsed ? planImport({ categories, replies }, parsed, mode, new Date().toISOString(), (kind) => `${kind === 'reply' ? 'r' : 'c'}-${crypto.randomUUID()}`) : null),
    [parsed, mode, categories, replies],
  );

  async function onFile(file: File) {
    setError(null);
    setDone(null);
    setParsed(null);
    setFileName(file.name);
    // Bytes, not file.text(): text() turns a GBK/ANSI file's bytes into U+FFFD silently; the
    // reader refuses them naming the line (a CSV saved by Excel on Chinese Windows is GBK).
    // Over the limit, refused from its size: its bytes are not read (a video chosen by mistake stalled the tab).
    const result = tooLargeToRead(file.size) ?? readRepliesFile(new Uint8Array(await file.arrayBuffer()), file.name);
    // Refused whole: nothing is planned or written, and the message names the row/field.
    if (!result.ok) setError(result.error.refusal);
    else setParsed(result);
  }

  function exportAs(kind: 'json' | 'csv') {
    setExportError(null);
    try {
      if (kind === 'json') downloadFile(`xiaoer-replies-${fileDate()}.json`, exportRepliesJson(categories, replies), 'application/json');
      else downloadFile(`xiaoer-replies-${fileDate()}.csv`, exportRepliesCsv(categories, replies), 'text/csv');
    } catch (e) {
      // Said in the seller's language: the tag CSV cannot hold names the reply and the tag to change; any other
      // failure through failureText. A CSV failure showed the browser's raw English, and a JSON one nothing at all.
      setExportError(e instanceof CsvTagRefused ? t('exportCsvBarTag', { title: e.title, tag: e.tag }) : failureText(e, t));
    }
  }

  async function apply() {
    if (!plan) return;
    if (!parsed) return;
    // Replace deletes every reply the file lacks, with its usage figures: one click on Import took 54 replies
    // without a question, where deleting 2 ticked ones asks first.
    const removed = plan.counts.removed;
    if (mode === 'replace' && removed && !confirm(t(countKey(lang, removed, 'importConfirmReplaceOne', 'importConfirmReplace'), { n: removed, file: fileName }))) return;
    // Planned again inside the write transaction against the library as it is now (another tab or the
    // sidebar may have edited it since the preview); it writes the whole plan or nothing.
    let applied: ImportPlan;
    try {
      applied = await importReplies(getDb(), parsed, mode);
    } catch (e) {
      // Nothing was written (one transaction); said in the seller's language, the preview kept to try again.
      setError(failureText(e, t));
      return;
    }
    setError(null);
    await libraryChanged();
    setDone(t('importDone', { added: applied.counts.added, updated: applied.counts.updated, removed: applied.counts.removed }));
    setParsed(null);
    if (inputRef.current) inputRef.current.value = '';
  }

  return (
    <fieldset className="panel" data-testid="library-transfer">
      <legend>{t('importExport')}</legend>
      <div className="row">
        {/* In the UI language (Chromium's own "Choose File" is in the browser's); named while its preview or refusal shows. */}
        <FileChoice
          label={t('importFile')}
          accept=".json,.csv,application/json,text/csv"
          testId="replies-import"
          inputRef={inputRef}
          chosen={parsed || error ? fileName : null}
          onChange={(e) => {
            const f = e.target.files?.[0];
            // Emptied at once (the file's name stays in the preview and the refusal): Chrome fires no change for
            // the file already chosen, so a file fixed after a refusal, or chosen again after Cancel, did nothing.
            e.target.value = '';
            if (f) void onFile(f);
          }}
        />
        <button type="button" data-testid="replies-export-json" onClick={() => exportAs('json')}>
          {t('exportJson')}
        </button>
        <button type="button" data-testid="replies-export-csv" onClick={() => exportAs('csv')}>
          {t('exportCsv')}
        </button>
      </div>
      {exportError ? (
        <p className="error" role="alert" data-testid="export-error">
          {exportError}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert" data-testid="import-error">
          {/* Joined per language: a space after English, none after Chinese's full-width colon. */}
          {sentences(lang, t('importRefused', { file: fileName }), typeof error === 'string' ? error : refusalText(lang, error))}
        </p>
      ) : null}
      {done ? (
        <p className="ok" role="status" data-testid="import-done">
          {done}
        </p>
      ) : null}
      {parsed && plan ? (
        <div className="preview" data-testid="import-preview">
          <p>{t(countKey(lang, parsed.entries.length, 'importFoundOne', 'importFound'), { n: parsed.entries.length, file: fileName })}</p>
          <div className="row" role="radiogroup">
            <label>
              <input type="radio" name="import-mode" data-testid="import-mode-merge" checked={mode === 'merge'} onChange={() => setMode('merge')} /> {t('importMerge')}
            </label>
            <label>
              <input type="radio" name="import-mode" data-testid="import-mode-replace" checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('importReplace')}
            </label>
          </div>
          {/* How a row finds the reply it updates (planImport): a seller who changed a shortcut in the file
              reads here that the reply is updated, not copied. */}
          <p className="muted small" data-testid="import-match-rule">
            {t('importMatchRule')}
          </p>
          <ul data-testid="import-counts">
            <li>
              {t('importAdded', { n: plan.counts.added })}
              <TitleList testId="import-added-titles" titles={plan.changes.added.map((title) => t('quotedTitle', { title }))} />
            </li>
            <li>
              {t('importUpdated', { n: plan.counts.updated })}
              <TitleList testId="import-updated-titles" titles={plan.changes.updated.map((title) => t('quotedTitle', { title }))} />
            </li>
            <li>{t('importUnchanged', { n: plan.counts.unchanged })}</li>
            <li className={plan.counts.removed ? 'warn' : ''}>
              {t('importRemoved', { n: plan.counts.removed })}
              <TitleList testId="import-removed-titles" titles={plan.changes.removed.map((title) => t('quotedTitle', { title }))} />
            </li>
            {plan.changes.newShortcut.length ? (
              <li>
                {t(countKey(lang, plan.changes.newShortcut.length, 'importNewShortcutsOne', 'importNewShortcuts'), { n: plan.changes.newShortcut.length })}
                <TitleList
                  testId="import-shortcut-titles"
                  titles={plan.changes.newShortcut.map((c) => t('importShortcutChange', { title: t('quotedTitle', { title: c.title }), shortcut: c.shortcut }))}
                />
              </li>
            ) : null}
            <li>{t('importCategories', { added: plan.counts.categoriesAdded, removed: plan.counts.categoriesRemoved })}</li>
          </ul>
          <button type="button" className="primary" data-testid="import-apply" disabled={importing.busy} onClick={(e) => void importing.run(apply, e)}>
            {t('importApply')}
          </button>{' '}
          <button type="button" onClick={() => setParsed(null)}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

/** Titles shown under a count of the preview: the first ones, then "and N more" (a Replace can remove thousands). */
const TITLES_SHOWN = 10;

function TitleList({ titles, testId }: { titles: string[]; testId: string }) {
  const { t } = useI18n();
  if (!titles.length) return null;
  const list = titles.slice(0, TITLES_SHOWN).join(t('listSeparator'));
  const more = titles.length - TITLES_SHOWN;
  return (
    <div className="muted small import-titles" data-testid={testId}>
      {more > 0 ? t('importMoreTitles', { list, n: more }) : list}
    </div>
  );
}
