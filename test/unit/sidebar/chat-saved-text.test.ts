import { describe, expect, it } from 'vitest';
import { chatSavedText, historyNote } from '../../../components/load-earlier';
import { translate, type MessageKey } from '../../../lib/i18n';
import type { Lang } from '../../../lib/schema';

const tIn = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
const loaded = (loads: number) => ({ loads, complete: true, stopped: null, end: 'no-more' as const });

describe('what Capture chat says: counts in the language\'s plural', () => {
  it('English: one message, one load (was "1 messages", "loaded (1 times)")', () => {
    expect(chatSavedText(7, 1, tIn('en'), 'en')).toBe('Chat saved as evidence #7: 1 message');
    expect(chatSavedText(7, 300, tIn('en'), 'en')).toBe('Chat saved as evidence #7: 300 messages');
    expect(historyNote(loaded(1), tIn('en'), 'en')).toBe('earlier messages loaded (1 time)');
    expect(historyNote(loaded(4), tIn('en'), 'en')).toBe('earlier messages loaded (4 times)');
    expect(historyNote(loaded(0), tIn('en'), 'en')).toBeNull();
  });
  it('Chinese: one form', () => {
    expect(chatSavedText(7, 1, tIn('zh-CN'), 'zh-CN')).toBe('聊天记录已存为证据 #7：1 条消息');
    expect(historyNote(loaded(1), tIn('zh-CN'), 'zh-CN')).toBe('已加载更早的消息（1 次）');
    expect(historyNote(loaded(1), tIn('zh-TW'), 'zh-TW')).toBe('已載入更早的訊息（1 次）');
  });
});
