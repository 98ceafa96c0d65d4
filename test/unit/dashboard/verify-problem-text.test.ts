import { describe, expect, it } from 'vitest';
import { problemText } from '../../../components/dashboard/evidence-view';
import { translate, type MessageKey } from '../../../lib/i18n';
import type { Lang } from '../../../lib/schema';

const tIn = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);

describe('Verify: what a tampered bundle is said to have, in the language\'s punctuation', () => {
  it('Chinese joins the file and the finding with a full-width colon (was an ASCII ": " inside Chinese)', () => {
    const changed = { kind: 'file-hash' as const, path: 'evidence/0003/screenshot-visible.png', message: 'sha256 mismatch' };
    expect(problemText(changed, tIn('zh-CN'))).toBe('不完好：evidence/0003/screenshot-visible.png：此文件在导出后被改动（其 SHA-256 与记录不符）');
    expect(problemText({ kind: 'record-hash', seq: 12, message: 'x' }, tIn('zh-TW'))).toBe('不完好：紀錄 #12：證據紀錄在擷取後被改動（雜湊不再相符）');
    expect(problemText(changed, tIn('en'))).toBe('Not intact: evidence/0003/screenshot-visible.png: this file was changed after the export (its SHA-256 is not the one recorded)');
  });
  it('no file or record: the finding alone', () => {
    expect(problemText({ kind: 'zip', message: 'x' }, tIn('zh-CN'))).toBe('不完好：ZIP 压缩包已损坏或被重新打包');
  });
});
