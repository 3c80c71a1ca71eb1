/**
 * Every word the shell itself shows (menus, dialogs, the splash screen), in Japanese and English, so the native
 * parts of the app speak the same language as the page. Keys are checked: both languages must have them all.
 */
export type Locale = 'ja' | 'en';

const en = {
  appName: '0.00sec',
  'menu.file': 'File',
  'menu.file.open': 'Open Data File…',
  'menu.file.openRecent': 'Open Recent',
  'menu.file.clearRecent': 'Clear Menu',
  'menu.file.noRecent': 'No Recent Files',
  'menu.file.importResult': 'Import Result (.zip)…',
  'menu.file.quit': 'Quit',
  'menu.file.close': 'Close Window',
  'menu.edit': 'Edit',
  'menu.edit.undo': 'Undo',
  'menu.edit.redo': 'Redo',
  'menu.edit.cut': 'Cut',
  'menu.edit.copy': 'Copy',
  'menu.edit.paste': 'Paste',
  'menu.edit.selectAll': 'Select All',
  'menu.view': 'View',
  'menu.view.reload': 'Reload',
  'menu.view.resetZoom': 'Actual Size',
  'menu.view.zoomIn': 'Zoom In',
  'menu.view.zoomOut': 'Zoom Out',
  'menu.view.fullScreen': 'Toggle Full Screen',
  'menu.view.devTools': 'Developer Tools',
  'menu.window': 'Window',
  'menu.window.minimize': 'Minimize',
  'menu.window.zoom': 'Zoom',
  'menu.window.front': 'Bring All to Front',
  'menu.help': 'Help',
  'menu.help.logs': 'Open Log Folder',
  'menu.help.data': 'Open Data Folder',
  'menu.help.about': 'About 0.00sec',
  'menu.app.hide': 'Hide 0.00sec',
  'menu.app.hideOthers': 'Hide Others',
  'menu.app.unhide': 'Show All',
  'dialog.open.title': 'Open a data file',
  'dialog.filter.data': 'Data files (CSV, TSV, Excel)',
  'dialog.filter.zip': 'Result archive (zip)',
  'dialog.filter.all': 'All files',
  'dialog.save.title': 'Save',
  'dialog.export.title': 'Export the result as a zip',
  'dialog.import.title': 'Import a result zip',
  'splash.starting': 'Starting… The first start creates the database and takes a little longer.',
  'error.startFailed': 'The app could not start.',
  'error.backendFailed':
    'The analysis engine stopped and could not be restarted. See the log folder (Help menu).',
  'about.detail': 'Version {version} (Electron {electron})',
} as const;

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  appName: '0.00sec',
  'menu.file': 'ファイル',
  'menu.file.open': 'データファイルを開く…',
  'menu.file.openRecent': '最近使ったファイル',
  'menu.file.clearRecent': '履歴を消去',
  'menu.file.noRecent': '最近使ったファイルはありません',
  'menu.file.importResult': '結果を読み込む (.zip)…',
  'menu.file.quit': '終了',
  'menu.file.close': 'ウィンドウを閉じる',
  'menu.edit': '編集',
  'menu.edit.undo': '元に戻す',
  'menu.edit.redo': 'やり直す',
  'menu.edit.cut': '切り取り',
  'menu.edit.copy': 'コピー',
  'menu.edit.paste': '貼り付け',
  'menu.edit.selectAll': 'すべて選択',
  'menu.view': '表示',
  'menu.view.reload': '再読み込み',
  'menu.view.resetZoom': '実際のサイズ',
  'menu.view.zoomIn': '拡大',
  'menu.view.zoomOut': '縮小',
  'menu.view.fullScreen': 'フルスクリーン切り替え',
  'menu.view.devTools': '開発者ツール',
  'menu.window': 'ウィンドウ',
  'menu.window.minimize': '最小化',
  'menu.window.zoom': 'ズーム',
  'menu.window.front': 'すべてを手前に移動',
  'menu.help': 'ヘルプ',
  'menu.help.logs': 'ログフォルダを開く',
  'menu.help.data': 'データフォルダを開く',
  'menu.help.about': '0.00sec について',
  'menu.app.hide': '0.00sec を隠す',
  'menu.app.hideOthers': 'ほかを隠す',
  'menu.app.unhide': 'すべてを表示',
  'dialog.open.title': 'データファイルを開く',
  'dialog.filter.data': 'データファイル (CSV, TSV, Excel)',
  'dialog.filter.zip': '結果アーカイブ (zip)',
  'dialog.filter.all': 'すべてのファイル',
  'dialog.save.title': '保存',
  'dialog.export.title': '結果を zip で書き出す',
  'dialog.import.title': '結果の zip を読み込む',
  'splash.starting': '起動しています… 初回はデータベースを作成するため少し時間がかかります。',
  'error.startFailed': '起動できませんでした。',
  'error.backendFailed':
    '解析エンジンが停止し、再起動できませんでした。ログフォルダ（ヘルプメニュー）を確認してください。',
  'about.detail': 'バージョン {version}（Electron {electron}）',
};

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, ja };

/** Japanese when the OS prefers it, English otherwise (`app.getLocale()`: `ja`, `ja-JP`, `en-US`, …). */
export function pickLocale(osLocale: string): Locale {
  return osLocale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

export function translator(locale: Locale): Translate {
  const table = MESSAGES[locale];
  return (key, values = {}) =>
    table[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}
