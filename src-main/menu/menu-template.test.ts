import { describe, expect, it, vi } from 'vitest';
import { MESSAGES, pickLocale, translator } from '../i18n/messages.js';
import { toElectronTemplate } from './install-menu.js';
import { buildMenuTemplate } from './menu-template.js';
import type { MenuItemSpec } from './menu-template.js';

const base = (locale: 'ja' | 'en', platform: NodeJS.Platform, recentFiles: string[] = []) =>
  buildMenuTemplate({
    t: translator(locale),
    platform,
    recentFiles,
    devTools: false,
    baseName: (f) => f.slice(f.lastIndexOf('/') + 1),
  });
const labels = (items: MenuItemSpec[]) => items.map((i) => i.label);
const find = (items: MenuItemSpec[], label: string) => items.find((i) => i.label === label)!;

describe('menu template', () => {
  it('has File, Edit, View, Window, Help in Japanese and English', () => {
    expect(labels(base('ja', 'win32'))).toEqual(['ファイル', '編集', '表示', 'ウィンドウ', 'ヘルプ']);
    expect(labels(base('en', 'linux'))).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('adds the macOS app menu first and keeps Quit there', () => {
    const mac = base('en', 'darwin');
    expect(labels(mac)).toEqual(['0.00sec', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(mac[0]!.submenu!.some((i) => i.role === 'quit')).toBe(true);
    expect(find(mac, 'File').submenu!.some((i) => i.role === 'quit')).toBe(false);
  });

  it('opens data files and lists recent files, newest first, with a clear command', () => {
    const file = find(base('en', 'win32', ['/d/new.csv', '/d/old.xlsx']), 'File').submenu!;
    expect(file[0]).toMatchObject({ accelerator: 'CmdOrCtrl+O', command: { id: 'open-file' } });
    const recent = find(file, 'Open Recent').submenu!;
    expect(recent.slice(0, 2)).toEqual([
      { label: 'new.csv', command: { id: 'open-recent', path: '/d/new.csv' } },
      { label: 'old.xlsx', command: { id: 'open-recent', path: '/d/old.xlsx' } },
    ]);
    expect(recent.at(-1)).toMatchObject({ command: { id: 'clear-recent' } });
    const empty = find(find(base('ja', 'win32'), 'ファイル').submenu!, '最近使ったファイル').submenu!;
    expect(empty).toEqual([{ label: '最近使ったファイルはありません', enabled: false }]);
  });

  it('uses Electron roles for editing and window management, and hides developer tools in releases', () => {
    const menu = base('en', 'linux');
    expect(
      find(menu, 'Edit')
        .submenu!.map((i) => i.role)
        .filter(Boolean),
    ).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(JSON.stringify(menu)).not.toContain('toggleDevTools');
    expect(
      find(menu, 'Help')
        .submenu!.map((i) => i.command?.id)
        .filter(Boolean),
    ).toEqual(['open-logs', 'open-data', 'about']);
  });

  it('wires commands to clicks when turned into Electron items', () => {
    const run = vi.fn();
    const template = toElectronTemplate(base('en', 'linux', ['/d/a.csv']), run);
    const file = template[0]!.submenu!;
    file[0]!.click!();
    file[1]!.submenu![0]!.click!();
    expect(run.mock.calls).toEqual([[{ id: 'open-file' }], [{ id: 'open-recent', path: '/d/a.csv' }]]);
    expect(template[1]!.submenu![0]).toEqual({ label: 'Undo', role: 'undo' });
  });
});

describe('shell messages', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(MESSAGES.ja).sort()).toEqual(Object.keys(MESSAGES.en).sort());
    for (const table of Object.values(MESSAGES))
      for (const text of Object.values(table)) expect(text).not.toBe('');
  });

  it('picks Japanese for ja locales and English otherwise, and fills placeholders', () => {
    expect(pickLocale('ja')).toBe('ja');
    expect(pickLocale('ja-JP')).toBe('ja');
    expect(pickLocale('en-US')).toBe('en');
    expect(pickLocale('de')).toBe('en');
    expect(translator('en')('about.detail', { version: '1.2.3', electron: '41.7.0' })).toBe(
      'Version 1.2.3 (Electron 41.7.0)',
    );
  });
});
