/**
 * The native menu bar as plain data built from the translated strings: testable without Electron, and the same
 * structure on every OS except where macOS expects its app menu. Items either use an Electron `role` (edit,
 * zoom, window management) or name a `command` that install-menu.ts wires to the shell's actions.
 */
import type { Translate } from '../i18n/messages.js';

export type MenuCommand =
  | { id: 'open-file' }
  | { id: 'open-recent'; path: string }
  | { id: 'clear-recent' }
  | { id: 'import-result' }
  | { id: 'open-logs' }
  | { id: 'open-data' }
  | { id: 'about' };

export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'toggleDevTools'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'quit'
  | 'hide'
  | 'hideOthers'
  | 'unhide';

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  accelerator?: string;
  command?: MenuCommand;
  type?: 'separator';
  enabled?: boolean;
  submenu?: MenuItemSpec[];
}

export interface MenuInput {
  t: Translate;
  platform: NodeJS.Platform;
  recentFiles: readonly string[];
  /** Developer tools only in development builds. */
  devTools: boolean;
  /** The base name of a path, for the recent-files labels. */
  baseName: (file: string) => string;
}

const SEPARATOR: MenuItemSpec = { type: 'separator' };

function recentSubmenu({ t, recentFiles, baseName }: MenuInput): MenuItemSpec[] {
  if (recentFiles.length === 0) return [{ label: t('menu.file.noRecent'), enabled: false }];
  return [
    ...recentFiles.map((path) => ({ label: baseName(path), command: { id: 'open-recent' as const, path } })),
    SEPARATOR,
    { label: t('menu.file.clearRecent'), command: { id: 'clear-recent' } },
  ];
}

export function buildMenuTemplate(input: MenuInput): MenuItemSpec[] {
  const { t, platform } = input;
  const mac = platform === 'darwin';
  const appMenu: MenuItemSpec[] = mac
    ? [
        {
          label: t('appName'),
          submenu: [
            { label: t('menu.help.about'), command: { id: 'about' } },
            SEPARATOR,
            { label: t('menu.app.hide'), role: 'hide' },
            { label: t('menu.app.hideOthers'), role: 'hideOthers' },
            { label: t('menu.app.unhide'), role: 'unhide' },
            SEPARATOR,
            { label: t('menu.file.quit'), role: 'quit' },
          ],
        },
      ]
    : [];
  const file: MenuItemSpec = {
    label: t('menu.file'),
    submenu: [
      { label: t('menu.file.open'), accelerator: 'CmdOrCtrl+O', command: { id: 'open-file' } },
      { label: t('menu.file.openRecent'), submenu: recentSubmenu(input) },
      SEPARATOR,
      { label: t('menu.file.importResult'), command: { id: 'import-result' } },
      SEPARATOR,
      mac ? { label: t('menu.file.close'), role: 'close' } : { label: t('menu.file.quit'), role: 'quit' },
    ],
  };
  const edit: MenuItemSpec = {
    label: t('menu.edit'),
    submenu: [
      { label: t('menu.edit.undo'), role: 'undo' },
      { label: t('menu.edit.redo'), role: 'redo' },
      SEPARATOR,
      { label: t('menu.edit.cut'), role: 'cut' },
      { label: t('menu.edit.copy'), role: 'copy' },
      { label: t('menu.edit.paste'), role: 'paste' },
      { label: t('menu.edit.selectAll'), role: 'selectAll' },
    ],
  };
  const view: MenuItemSpec = {
    label: t('menu.view'),
    submenu: [
      { label: t('menu.view.reload'), role: 'reload' },
      ...(input.devTools ? [{ label: t('menu.view.devTools'), role: 'toggleDevTools' as const }] : []),
      SEPARATOR,
      { label: t('menu.view.resetZoom'), role: 'resetZoom' },
      { label: t('menu.view.zoomIn'), role: 'zoomIn' },
      { label: t('menu.view.zoomOut'), role: 'zoomOut' },
      SEPARATOR,
      { label: t('menu.view.fullScreen'), role: 'togglefullscreen' },
    ],
  };
  const window: MenuItemSpec = {
    label: t('menu.window'),
    submenu: [
      { label: t('menu.window.minimize'), role: 'minimize' },
      { label: t('menu.window.zoom'), role: 'zoom' },
      ...(mac ? [SEPARATOR, { label: t('menu.window.front'), role: 'front' as const }] : []),
    ],
  };
  const help: MenuItemSpec = {
    label: t('menu.help'),
    submenu: [
      { label: t('menu.help.logs'), command: { id: 'open-logs' } },
      { label: t('menu.help.data'), command: { id: 'open-data' } },
      ...(mac ? [] : [SEPARATOR, { label: t('menu.help.about'), command: { id: 'about' as const } }]),
    ],
  };
  return [...appMenu, file, edit, view, window, help];
}
