/**
 * The toggle tab's tooltip names the keys the browser really has for the sidebar command: it always said
 * "Alt+Shift+X", also where the browser had left that key unassigned (our e2e Chromium does) or the seller
 * had changed it, and the key it named did nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { overlayWords, toggleTabTitle } from '../../../entrypoints/background/overlay-words';

type Command = { name?: string; shortcut?: string; description?: string };
const bound = (toggle: string): Command[] => [
  { name: '_execute_action', shortcut: '' },
  { name: 'capture-visible', shortcut: 'Alt+Shift+S' },
  { name: 'toggle-sidebar', shortcut: toggle },
];
const commandsGiving = (list: Command[] | Error) => {
  const commands = (fakeBrowser as unknown as { commands: { getAll: () => Promise<Command[]> } }).commands;
  return vi.spyOn(commands, 'getAll').mockImplementation(() => (list instanceof Error ? Promise.reject(list) : Promise.resolve(list)));
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('toggle tab tooltip', () => {
  it('names the key the sidebar command has, in the UI language', async () => {
    commandsGiving(bound('Ctrl+Shift+Y'));
    expect(await toggleTabTitle('zh-CN')).toBe('打开或关闭小二侧边栏（Ctrl+Shift+Y）');
    expect(await toggleTabTitle('en')).toBe('Open or close the Xiaoer sidebar (Ctrl+Shift+Y)');
  });

  it('names no key when the browser left the command without one', async () => {
    commandsGiving(bound(''));
    expect(await toggleTabTitle('zh-TW')).toBe('開啟或關閉小二側邊欄');
    expect((await overlayWords('en')).tab).toBe('Open or close the Xiaoer sidebar');
  });

  it('names no key when the browser cannot tell', async () => {
    commandsGiving(new Error('commands unavailable'));
    expect(await toggleTabTitle('en')).toBe('Open or close the Xiaoer sidebar');
  });
});
