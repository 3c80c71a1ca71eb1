/** The native open/save dialogs behind the `Dialogs` interface, with translated titles and file filters. */
import type { BaseWindow, Dialog } from 'electron';
import type { Translate } from '../i18n/messages.js';
import type { Dialogs } from '../ipc/desktop-handlers.js';

export function nativeDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  getWindow: () => BaseWindow | null,
  t: Translate,
): Dialogs {
  const open = async (options: Electron.OpenDialogOptions): Promise<string[]> => {
    const window = getWindow();
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
  const save = async (options: Electron.SaveDialogOptions): Promise<string | null> => {
    const window = getWindow();
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  const zipFilter = [{ name: t('dialog.filter.zip'), extensions: ['zip'] }];
  return {
    openDataFiles: () =>
      open({
        title: t('dialog.open.title'),
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: t('dialog.filter.data'), extensions: ['csv', 'tsv', 'txt', 'xlsx'] },
          { name: t('dialog.filter.all'), extensions: ['*'] },
        ],
      }),
    saveFile: (suggestedName) => save({ title: t('dialog.save.title'), defaultPath: suggestedName }),
    openResultZip: async () =>
      (await open({ title: t('dialog.import.title'), properties: ['openFile'], filters: zipFilter }))[0] ??
      null,
    saveResultZip: (suggestedName) =>
      save({ title: t('dialog.export.title'), defaultPath: suggestedName, filters: zipFilter }),
  };
}
