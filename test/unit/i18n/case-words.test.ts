import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../lib/schema/lang';
import { translate } from '../../../lib/i18n';

describe('case wording', () => {
  // The case form warned "会立即显示为逾期" and the board then said "已超时": the seller looked for a word that was not there.
  it('the case form’s past-time warning names the word the board shows for an overdue case, in each language', () => {
    for (const lang of LANGS) expect(translate(lang, 'caseTimePast'), lang).toContain(translate(lang, 'caseOverdue'));
  });
});
