/**
 * The only file that touches contextBridge: it gives the sandboxed page a few named functions
 * (`window.zeroSec`) instead of raw IPC, so the page can ask the shell for nothing else.
 *
 * A sandboxed preload can `require` only `electron` and a few Node shims, never our own modules, so the
 * contract is imported for types only and the channel names below are checked against it (`satisfies`).
 * Arguments and answers are validated with zod in the main process (src-main/ipc) and in the page
 * (src-shared/ipc/checked-bridge.ts), which this file cannot load.
 */
import type {
  Bridge,
  BRIDGE_GLOBAL,
  Channel,
  ChannelName,
  EventChannel,
} from '../../src-shared/ipc/contract.js';
// CommonJS on purpose (see ./package.json); the one `require` allowed in src-main (STYLE.md §1.10).
import electron = require('electron');

const CHANNELS = {
  getBackend: 'zs:get-backend',
  getAppInfo: 'zs:get-app-info',
  getBackendSettings: 'zs:get-backend-settings',
  setBackendSettings: 'zs:set-backend-settings',
  openFileDialog: 'zs:open-file-dialog',
  saveFile: 'zs:save-file',
  registerDroppedFile: 'zs:register-dropped-file',
  uploadFile: 'zs:upload-file',
  notify: 'zs:notify',
  cacheList: 'zs:cache-list',
  cacheGet: 'zs:cache-get',
  cacheGetArtifact: 'zs:cache-get-artifact',
  cachePut: 'zs:cache-put',
  cacheDelete: 'zs:cache-delete',
  cacheExport: 'zs:cache-export',
  cacheImport: 'zs:cache-import',
} as const satisfies Record<ChannelName, Channel>;

const EVENTS = {
  filesOpened: 'zs:files-opened',
  backendStatus: 'zs:backend-status',
  uploadProgress: 'zs:upload-progress',
} as const satisfies Record<string, EventChannel>;

function invoke(channel: Channel, ...args: unknown[]): Promise<never> {
  if (!channel.startsWith('zs:')) return Promise.reject(new Error(`refused IPC channel ${channel}`));
  return electron.ipcRenderer.invoke(channel, ...args) as Promise<never>;
}

/** Passes the payload only: the page never gets the IPC event (and with it `sender`). */
function subscribe(channel: EventChannel, listener: (payload: never) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const wrapped = (_event: unknown, payload: unknown) => listener(payload as never);
  electron.ipcRenderer.on(channel, wrapped);
  return () => {
    electron.ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge = {
  getBackend: () => invoke(CHANNELS.getBackend),
  getAppInfo: () => invoke(CHANNELS.getAppInfo),
  getBackendSettings: () => invoke(CHANNELS.getBackendSettings),
  setBackendSettings: (settings) => invoke(CHANNELS.setBackendSettings, settings),
  openFileDialog: () => invoke(CHANNELS.openFileDialog),
  saveFile: (request) => invoke(CHANNELS.saveFile, request),
  // Only a real File from a drop or <input> has a path; the page cannot make one up.
  fileFromDrop: (file) => {
    const path = electron.webUtils.getPathForFile(file);
    if (!path) return Promise.reject(new Error('not a file from this computer'));
    return invoke(CHANNELS.registerDroppedFile, path);
  },
  uploadFile: (fileId) => invoke(CHANNELS.uploadFile, fileId),
  notify: (notice) => invoke(CHANNELS.notify, notice),
  cacheList: () => invoke(CHANNELS.cacheList),
  cacheGet: (jobId) => invoke(CHANNELS.cacheGet, jobId),
  cacheGetArtifact: (jobId, fileKey) => invoke(CHANNELS.cacheGetArtifact, jobId, fileKey),
  cachePut: (jobId, resultJson, artifacts) => invoke(CHANNELS.cachePut, jobId, resultJson, artifacts),
  cacheDelete: (jobId) => invoke(CHANNELS.cacheDelete, jobId),
  cacheExport: (jobId) => invoke(CHANNELS.cacheExport, jobId),
  cacheImport: () => invoke(CHANNELS.cacheImport),
  onFilesOpened: (listener) => subscribe(EVENTS.filesOpened, listener),
  onBackendStatus: (listener) => subscribe(EVENTS.backendStatus, listener),
  onUploadProgress: (listener) => subscribe(EVENTS.uploadProgress, listener),
} satisfies Bridge;

electron.contextBridge.exposeInMainWorld('zeroSec' satisfies typeof BRIDGE_GLOBAL, bridge);
