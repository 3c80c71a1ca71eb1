/**
 * What each bridge call does in the desktop app, written against small services (dialogs, cache, settings, …)
 * so every channel can be exercised in tests without Electron. Registration and validation: handlers.ts.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import type {
  AppInfo,
  BackendInfo,
  BackendSettings,
  Notice,
  UploadProgress,
} from '../../src-shared/ipc/contract.js';
import type { CacheStore } from '../cache/cache-store.js';
import { exportJobZip, importJobZip } from '../cache/cache-zip.js';
import type { FileGrants } from './file-grants.js';
import type { Handlers } from './handlers.js';
import { uploadFile } from './upload-file.js';

/** Native dialogs, each resolving to the chosen path(s) or null/[] when cancelled. */
export interface Dialogs {
  openDataFiles(): Promise<string[]>;
  saveFile(suggestedName: string): Promise<string | null>;
  openResultZip(): Promise<string | null>;
  saveResultZip(suggestedName: string): Promise<string | null>;
}

export interface DesktopServices {
  /** The backend the page should use now (waits while the embedded one starts). */
  backend(): Promise<BackendInfo>;
  appInfo(): AppInfo;
  backendSettings(): BackendSettings;
  setBackendSettings(settings: BackendSettings): Promise<void>;
  dialogs: Dialogs;
  grants: FileGrants;
  cache: CacheStore;
  notify(notice: Notice): void;
  uploadProgress(progress: UploadProgress): void;
  /** Remembers a file the user opened (File › Open Recent and the OS's recent documents). */
  addRecentFile(file: string): void;
  /** Largest zip the import reads (the cache's cap). */
  maxZipBytes: number;
  upload?: typeof uploadFile;
}

export function desktopHandlers(s: DesktopServices): Handlers {
  const upload = s.upload ?? uploadFile;
  return {
    'zs:get-backend': () => s.backend(),
    'zs:get-app-info': () => s.appInfo(),
    'zs:get-backend-settings': () => s.backendSettings(),
    'zs:set-backend-settings': (settings) => s.setBackendSettings(settings),
    'zs:open-file-dialog': async () => {
      const files = await s.dialogs.openDataFiles();
      for (const file of files) s.addRecentFile(file);
      return Promise.all(files.map((file) => s.grants.grant(file)));
    },
    'zs:save-file': async ({ suggestedName, bytes }) => {
      const target = await s.dialogs.saveFile(suggestedName);
      if (!target) return false;
      await writeFile(target, bytes);
      return true;
    },
    'zs:register-dropped-file': async (file) => {
      const ref = await s.grants.grant(file);
      s.addRecentFile(file);
      return ref;
    },
    'zs:upload-file': async (fileId) => {
      const file = s.grants.pathOf(fileId);
      const backend = await s.backend();
      return upload(file, backend, (sentBytes, totalBytes) =>
        s.uploadProgress({ fileId, sentBytes, totalBytes }),
      );
    },
    'zs:notify': (notice) => s.notify(notice),
    'zs:cache-list': () => s.cache.list(),
    'zs:cache-get': (jobId) => s.cache.get(jobId),
    'zs:cache-get-artifact': (jobId, fileKey) => s.cache.getArtifact(jobId, fileKey),
    'zs:cache-put': (jobId, resultJson, artifacts) => s.cache.put(jobId, resultJson, artifacts),
    'zs:cache-delete': (jobId) => s.cache.delete(jobId),
    'zs:cache-export': async (jobId) => {
      const zip = await exportJobZip(s.cache, jobId);
      if (!zip) return false;
      const target = await s.dialogs.saveResultZip(`0.00sec-${jobId.slice(0, 8)}.zip`);
      if (!target) return false;
      await writeFile(target, zip);
      return true;
    },
    'zs:cache-import': async () => {
      const source = await s.dialogs.openResultZip();
      if (!source) return null;
      if ((await stat(source)).size > s.maxZipBytes) throw new Error('the zip is larger than the cache');
      return importJobZip(s.cache, new Uint8Array(await readFile(source)));
    },
  };
}
