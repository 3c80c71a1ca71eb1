/**
 * The one agreement between the Electron main process, the preload and the renderer, so none of them
 * can drift: channel names, payload schemas, and the `Bridge` the renderer sees as `window.zeroSec`.
 *
 * Glossary:
 * - *channel*: an `ipcMain.handle` name; every one carries the `zs:` prefix and both sides reject others.
 * - *bridge*: the object of named functions the preload exposes through `contextBridge`; the renderer
 *   never sees raw IPC (STYLE.md §6 "Preload and IPC").
 * - *backend*: the HTTP API the UI talks to, the embedded one the shell started or a remote one.
 * - *offline cache*: each finished job's result.json and artifacts, kept on this computer so results stay
 *   browsable with no backend. In the desktop app the shell keeps it (`cache*` functions below, on disk); in a
 *   browser the renderer keeps it in IndexedDB. Keyed by job id; artifacts by their `file_key`.
 *
 * The preload imports this module for types only (a sandboxed preload cannot load our modules at run
 * time), so it re-declares the channel strings and checks them against `Channel`.
 */
import { z } from 'zod';
import { Artifact } from '../api/artifacts.js';

export const CHANNEL_PREFIX = 'zs:';

export const CHANNELS = {
  getBackend: 'zs:get-backend',
  getAppInfo: 'zs:get-app-info',
} as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

const CHANNEL_SET: ReadonlySet<string> = new Set(Object.values(CHANNELS));
export const isChannel = (name: string): name is Channel =>
  name.startsWith(CHANNEL_PREFIX) && CHANNEL_SET.has(name);

/** Where the renderer finds the HTTP API, and the bearer token it must send (null: none needed). */
export const BackendInfo = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1).nullable(),
});
export type BackendInfo = z.infer<typeof BackendInfo>;

export const AppInfo = z.strictObject({
  version: z.string().min(1),
  platform: z.string().min(1),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Requests carry no arguments today; the schema still runs so a future argument is never unchecked. */
const NoArgs = z.tuple([]);

/**
 * The offline cache's channels. Kept apart from CHANNELS until src-main implements them: `Handlers` there needs
 * one handler per `Channel`, so merging these into CHANNELS (and CHANNEL_SCHEMAS) is the main side's step.
 */
export const CACHE_CHANNELS = {
  cacheList: 'zs:cache-list',
  cacheGet: 'zs:cache-get',
  cacheGetArtifact: 'zs:cache-get-artifact',
  cachePut: 'zs:cache-put',
  cacheDelete: 'zs:cache-delete',
} as const;
export type CacheChannel = (typeof CACHE_CHANNELS)[keyof typeof CACHE_CHANNELS];

const JobId = z.uuid();
/** Largest artifact the bridge carries in one call (result files are MBs; this bounds a bad renderer). */
export const MAX_CACHED_ARTIFACT_BYTES = 512 * 1024 * 1024;

/** One cached job as listed: enough to show the history without reading every result. */
export const CacheEntry = z.strictObject({
  jobId: JobId,
  cachedAt: z.iso.datetime({ offset: true }),
  /** Sum of result.json and artifact sizes. */
  sizeBytes: z.number().int().min(0),
});
export type CacheEntry = z.infer<typeof CacheEntry>;

/** A cached job: result.json as text (the renderer decodes and version-checks it) and its artifact list. */
export const CachedJob = z.strictObject({
  jobId: JobId,
  resultJson: z.string().min(2),
  artifacts: z.array(Artifact),
  cachedAt: z.iso.datetime({ offset: true }),
});
export type CachedJob = z.infer<typeof CachedJob>;

const Bytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_CACHED_ARTIFACT_BYTES, {
  message: 'artifact too large for the cache',
});
/** An artifact's bytes as handed to `cachePut`; `artifact.file_key` names it for `cacheGetArtifact`. */
export const CachedArtifactFile = z.strictObject({ artifact: Artifact, bytes: Bytes });
export type CachedArtifactFile = z.infer<typeof CachedArtifactFile>;

export const CACHE_CHANNEL_SCHEMAS = {
  [CACHE_CHANNELS.cacheList]: { request: NoArgs, response: z.array(CacheEntry) },
  [CACHE_CHANNELS.cacheGet]: { request: z.tuple([JobId]), response: CachedJob.nullable() },
  [CACHE_CHANNELS.cacheGetArtifact]: {
    request: z.tuple([JobId, z.string().min(1).max(1024)]),
    response: Bytes.nullable(),
  },
  [CACHE_CHANNELS.cachePut]: {
    request: z.tuple([JobId, z.string().min(2), z.array(CachedArtifactFile).max(1000)]),
    response: z.void(),
  },
  [CACHE_CHANNELS.cacheDelete]: { request: z.tuple([JobId]), response: z.boolean() },
} as const satisfies Record<CacheChannel, { request: z.ZodType<unknown[]>; response: z.ZodType }>;

/** Request (the `invoke` arguments) and response schema of every channel; the main process validates both. */
export const CHANNEL_SCHEMAS = {
  [CHANNELS.getBackend]: { request: NoArgs, response: BackendInfo },
  [CHANNELS.getAppInfo]: { request: NoArgs, response: AppInfo },
} as const satisfies Record<Channel, { request: z.ZodType<unknown[]>; response: z.ZodType }>;

export type ChannelRequest<C extends Channel> = z.infer<(typeof CHANNEL_SCHEMAS)[C]['request']>;
export type ChannelResponse<C extends Channel> = z.infer<(typeof CHANNEL_SCHEMAS)[C]['response']>;

/** What `window.zeroSec` offers in the desktop app; in web mode there is no bridge at all. */
export interface Bridge {
  getBackend(): Promise<BackendInfo>;
  getAppInfo(): Promise<AppInfo>;
  /*
   * The offline cache (channels in CACHE_CHANNELS). Optional until the preload implements them: the renderer uses
   * them when all are present and IndexedDB otherwise. Make them required once src-main/preload has them.
   */
  /** Every cached job, newest first. */
  cacheList?(): Promise<CacheEntry[]>;
  /** A cached job's result.json and artifact list; null when it is not cached. */
  cacheGet?(jobId: string): Promise<CachedJob | null>;
  /** One cached artifact's bytes; null when it is not cached. */
  cacheGetArtifact?(jobId: string, fileKey: string): Promise<Uint8Array | null>;
  /** Stores (or replaces) a finished job's result.json and artifacts, all at once. */
  cachePut?(jobId: string, resultJson: string, artifacts: CachedArtifactFile[]): Promise<void>;
  /** Forgets a job; false when it was not cached. */
  cacheDelete?(jobId: string): Promise<boolean>;
}

/** The bridge with every offline-cache function, as the renderer needs it to use the shell's cache. */
export type CacheBridge = Required<
  Pick<Bridge, 'cacheList' | 'cacheGet' | 'cacheGetArtifact' | 'cachePut' | 'cacheDelete'>
>;

/** The property name on `window`; only `src-renderer/platform/bridge.ts` reads it. */
export const BRIDGE_GLOBAL = 'zeroSec';
