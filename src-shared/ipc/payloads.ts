/**
 * The shapes that cross the IPC boundary, as zod schemas, so the main process and the renderer check the same
 * thing on both sides and a malformed message is refused by name instead of half-working.
 *
 * Glossary:
 * - *file ref*: a file the user chose (dialog, drag-and-drop, menu, the OS "open with"); the page only ever sees
 *   its id, name and size, never reads it, and asks the shell to upload it by id.
 * - *backend settings*: whether the UI uses the shell's embedded backend or a remote server (URL + token).
 */
import { z } from 'zod';
import { Artifact } from '../api/artifacts.js';

/** Where the renderer finds the HTTP API, and the bearer token it must send (null: none needed). */
export const BackendInfo = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1).nullable(),
});
export type BackendInfo = z.infer<typeof BackendInfo>;

export const AppInfo = z.strictObject({
  version: z.string().min(1),
  platform: z.string().min(1),
  /** Electron's version; empty outside Electron. */
  electron: z.string(),
  locale: z.enum(['ja', 'en']),
  dataDir: z.string().min(1),
  logDir: z.string().min(1),
  cacheDir: z.string().min(1),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** The same rules as the renderer's settings form: an http(s) URL, and a token without spaces. */
export const BackendSettings = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('embedded') }),
  z.strictObject({
    mode: z.literal('remote'),
    url: z.url({ protocol: /^https?$/ }),
    token: z.string().regex(/^\S+$/).max(4096).nullable(),
  }),
]);
export type BackendSettings = z.infer<typeof BackendSettings>;

/** The embedded backend's life as the shell sees it; drives the splash and the connection indicator. */
export const BackendStatus = z.strictObject({
  state: z.enum(['starting', 'ready', 'restarting', 'failed', 'stopped', 'remote']),
  /** Restarts after a crash since the app started. */
  restarts: z.number().int().min(0),
  message: z.string().max(2000).nullable(),
});
export type BackendStatus = z.infer<typeof BackendStatus>;

export const FileRef = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1).max(255),
  sizeBytes: z.number().int().min(0),
});
export type FileRef = z.infer<typeof FileRef>;

/** An absolute path as the preload reads it from a dropped File (`webUtils.getPathForFile`). */
export const DroppedPath = z.string().min(1).max(4096);

/** What the shell's upload returns: the job id and object key to submit the job with. */
export const UploadedFile = z.strictObject({
  job_id: z.uuid(),
  key: z.string().min(1),
  filename: z.string().min(1),
  sizeBytes: z.number().int().min(0),
});
export type UploadedFile = z.infer<typeof UploadedFile>;

export const UploadProgress = z.strictObject({
  fileId: z.uuid(),
  sentBytes: z.number().int().min(0),
  totalBytes: z.number().int().min(0),
});
export type UploadProgress = z.infer<typeof UploadProgress>;

/** Largest file the bridge carries as bytes in one call (result files are MBs; this bounds a bad renderer). */
export const MAX_CACHED_ARTIFACT_BYTES = 512 * 1024 * 1024;
/**
 * Bytes as a Uint8Array (a Buffer is one too). Checked by type tag, not `instanceof`: an array that crossed the
 * context bridge, or came from another realm (a test's jsdom), has another realm's constructor.
 */
export const Bytes = z
  .custom<Uint8Array<ArrayBuffer>>(
    (v) => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]',
    { message: 'expected a Uint8Array' },
  )
  .refine((b) => b.byteLength <= MAX_CACHED_ARTIFACT_BYTES, { message: 'too large for one IPC message' });

/** A file the page made (a plot, a table) and wants saved where the user chooses. */
export const SaveFileRequest = z.strictObject({
  suggestedName: z
    .string()
    .min(1)
    .max(255)
    .refine((n) => !/[\\/]/.test(n), 'a file name, not a path'),
  bytes: Bytes,
});
export type SaveFileRequest = z.infer<typeof SaveFileRequest>;

/** A native notification; the page builds the (translated) text. */
export const Notice = z.strictObject({
  title: z.string().min(1).max(200),
  body: z.string().max(1000),
});
export type Notice = z.infer<typeof Notice>;

export const JobId = z.uuid();

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

/** An artifact's bytes as handed to `cachePut`; `artifact.file_key` names it for `cacheGetArtifact`. */
export const CachedArtifactFile = z.strictObject({ artifact: Artifact, bytes: Bytes });
export type CachedArtifactFile = z.infer<typeof CachedArtifactFile>;
