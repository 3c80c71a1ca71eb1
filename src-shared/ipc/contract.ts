/**
 * The one agreement between the Electron main process, the preload and the renderer, so none of them
 * can drift: channel names, payload schemas (payloads.ts), and the `Bridge` the renderer sees as `window.zeroSec`.
 *
 * Glossary:
 * - *channel*: an `ipcMain.handle` name; every one carries the `zs:` prefix and both sides reject others.
 * - *event*: a message the main process pushes to the page (`webContents.send`); the page subscribes through
 *   an `on…` function of the bridge and gets the payload only, never the IPC event object.
 * - *bridge*: the object of named functions the preload exposes through `contextBridge`; the renderer
 *   never sees raw IPC (STYLE.md §6 "Preload and IPC").
 * - *backend*: the HTTP API the UI talks to, the embedded one the shell started or a remote one.
 * - *offline cache*: each finished job's result.json and artifacts, kept on this computer so results stay
 *   browsable with no backend. In the desktop app the shell keeps it (`cache*` functions below, on disk); in a
 *   browser the renderer keeps it in IndexedDB. Keyed by job id; artifacts by their `file_key`.
 *
 * The preload imports this module for types only (a sandboxed preload cannot load our modules at run
 * time), so it re-declares the channel strings and checks them against `Channel`; checked-bridge.ts validates
 * on the renderer's side, src-main/ipc on the main side.
 */
import { z } from 'zod';
import {
  AppInfo,
  BackendInfo,
  BackendSettings,
  BackendStatus,
  Bytes,
  CacheEntry,
  CachedArtifactFile,
  CachedJob,
  DroppedPath,
  FileRef,
  JobId,
  Notice,
  SaveFileRequest,
  UploadedFile,
  UploadProgress,
} from './payloads.js';

export * from './payloads.js';

export const CHANNEL_PREFIX = 'zs:';

/** The offline cache's channels (the renderer's offline store uses them when the bridge has them all). */
export const CACHE_CHANNELS = {
  cacheList: 'zs:cache-list',
  cacheGet: 'zs:cache-get',
  cacheGetArtifact: 'zs:cache-get-artifact',
  cachePut: 'zs:cache-put',
  cacheDelete: 'zs:cache-delete',
} as const;
export type CacheChannel = (typeof CACHE_CHANNELS)[keyof typeof CACHE_CHANNELS];

/**
 * Name → channel of every invoke-style call. All but `registerDroppedFile` are `Bridge` functions of the same
 * name; that one is reached through `Bridge.fileFromDrop`, which the preload turns into a path.
 */
export const CHANNELS = {
  getBackend: 'zs:get-backend',
  getAppInfo: 'zs:get-app-info',
  getBackendSettings: 'zs:get-backend-settings',
  setBackendSettings: 'zs:set-backend-settings',
  openFileDialog: 'zs:open-file-dialog',
  saveFile: 'zs:save-file',
  registerDroppedFile: 'zs:register-dropped-file',
  uploadFile: 'zs:upload-file',
  notify: 'zs:notify',
  ...CACHE_CHANNELS,
  cacheExport: 'zs:cache-export',
  cacheImport: 'zs:cache-import',
} as const;
export type ChannelName = keyof typeof CHANNELS;
export type BridgeMethod = Exclude<ChannelName, 'registerDroppedFile'>;
export type Channel = (typeof CHANNELS)[ChannelName];

/** Messages the main process sends to the page. */
export const EVENTS = {
  filesOpened: 'zs:files-opened',
  backendStatus: 'zs:backend-status',
  uploadProgress: 'zs:upload-progress',
} as const;
export type EventChannel = (typeof EVENTS)[keyof typeof EVENTS];

const CHANNEL_SET: ReadonlySet<string> = new Set(Object.values(CHANNELS));
export const isChannel = (name: string): name is Channel =>
  name.startsWith(CHANNEL_PREFIX) && CHANNEL_SET.has(name);

/** Requests without arguments still run a schema, so a future argument is never unchecked. */
const NoArgs = z.tuple([]);
const FileKey = z.string().min(1).max(1024);

export const CACHE_CHANNEL_SCHEMAS = {
  [CACHE_CHANNELS.cacheList]: { request: NoArgs, response: z.array(CacheEntry) },
  [CACHE_CHANNELS.cacheGet]: { request: z.tuple([JobId]), response: CachedJob.nullable() },
  [CACHE_CHANNELS.cacheGetArtifact]: { request: z.tuple([JobId, FileKey]), response: Bytes.nullable() },
  [CACHE_CHANNELS.cachePut]: {
    request: z.tuple([JobId, z.string().min(2), z.array(CachedArtifactFile).max(1000)]),
    response: z.void(),
  },
  [CACHE_CHANNELS.cacheDelete]: { request: z.tuple([JobId]), response: z.boolean() },
} as const satisfies Record<CacheChannel, { request: z.ZodType<unknown[]>; response: z.ZodType }>;

/** Request (the `invoke` arguments) and response schema of every channel; both sides validate both. */
export const CHANNEL_SCHEMAS = {
  [CHANNELS.getBackend]: { request: NoArgs, response: BackendInfo },
  [CHANNELS.getAppInfo]: { request: NoArgs, response: AppInfo },
  [CHANNELS.getBackendSettings]: { request: NoArgs, response: BackendSettings },
  [CHANNELS.setBackendSettings]: { request: z.tuple([BackendSettings]), response: z.void() },
  [CHANNELS.openFileDialog]: { request: NoArgs, response: z.array(FileRef) },
  /** True when written, false when the user cancelled. */
  [CHANNELS.saveFile]: { request: z.tuple([SaveFileRequest]), response: z.boolean() },
  [CHANNELS.registerDroppedFile]: { request: z.tuple([DroppedPath]), response: FileRef },
  [CHANNELS.uploadFile]: { request: z.tuple([z.uuid()]), response: UploadedFile },
  [CHANNELS.notify]: { request: z.tuple([Notice]), response: z.void() },
  ...CACHE_CHANNEL_SCHEMAS,
  /** True when the zip was written, false when the user cancelled. */
  [CHANNELS.cacheExport]: { request: z.tuple([JobId]), response: z.boolean() },
  /** The imported job's id; null when the user cancelled. */
  [CHANNELS.cacheImport]: { request: NoArgs, response: JobId.nullable() },
} as const satisfies Record<Channel, { request: z.ZodType<unknown[]>; response: z.ZodType }>;

export const EVENT_SCHEMAS = {
  [EVENTS.filesOpened]: z.array(FileRef).max(100),
  [EVENTS.backendStatus]: BackendStatus,
  [EVENTS.uploadProgress]: UploadProgress,
} as const satisfies Record<EventChannel, z.ZodType>;

export type ChannelRequest<C extends Channel> = z.infer<(typeof CHANNEL_SCHEMAS)[C]['request']>;
export type ChannelResponse<C extends Channel> = z.infer<(typeof CHANNEL_SCHEMAS)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.infer<(typeof EVENT_SCHEMAS)[E]>;

/** What `window.zeroSec` offers in the desktop app; in web mode there is no bridge at all. */
export interface Bridge {
  getBackend(): Promise<BackendInfo>;
  getAppInfo(): Promise<AppInfo>;
  getBackendSettings(): Promise<BackendSettings>;
  /** Stores the choice in the shell; the page reloads so the security policy admits the new backend. */
  setBackendSettings(settings: BackendSettings): Promise<void>;
  /** The native open dialog for CSV/TSV/XLSX; empty when cancelled. */
  openFileDialog(): Promise<FileRef[]>;
  /** The native save dialog, then writes `bytes`; false when cancelled. */
  saveFile(request: SaveFileRequest): Promise<boolean>;
  /** Turns a File dropped from the OS into a file ref (the preload reads its path; the page never does). */
  fileFromDrop(file: File): Promise<FileRef>;
  /** Uploads a chosen file to the current backend from the main process (streamed: any size). */
  uploadFile(fileId: string): Promise<UploadedFile>;
  /** A native notification. */
  notify(notice: Notice): Promise<void>;
  /** Every cached job, newest first. */
  cacheList(): Promise<CacheEntry[]>;
  /** A cached job's result.json and artifact list; null when it is not cached (or failed its integrity check). */
  cacheGet(jobId: string): Promise<CachedJob | null>;
  /** One cached artifact's bytes; null when it is not cached. */
  cacheGetArtifact(jobId: string, fileKey: string): Promise<Uint8Array | null>;
  /** Stores (or replaces) a finished job's result.json and artifacts, all at once. */
  cachePut(jobId: string, resultJson: string, artifacts: CachedArtifactFile[]): Promise<void>;
  /** Forgets a job; false when it was not cached. */
  cacheDelete(jobId: string): Promise<boolean>;
  /** Saves a cached job as a zip where the user chooses (to share with a colleague). */
  cacheExport(jobId: string): Promise<boolean>;
  /** Picks a zip made by `cacheExport` and adds its job to the cache. */
  cacheImport(): Promise<string | null>;
  /** Files the user opened through the menu, the dock/taskbar, "open with" or a second launch. */
  onFilesOpened(listener: (files: FileRef[]) => void): () => void;
  onBackendStatus(listener: (status: BackendStatus) => void): () => void;
  onUploadProgress(listener: (progress: UploadProgress) => void): () => void;
}

/** The bridge's offline-cache functions, as the renderer's offline store needs them. */
export type CacheBridge = Pick<
  Bridge,
  'cacheList' | 'cacheGet' | 'cacheGetArtifact' | 'cachePut' | 'cacheDelete'
>;

/** The property name on `window`; only `src-renderer/platform/bridge.ts` reads it. */
export const BRIDGE_GLOBAL = 'zeroSec';
