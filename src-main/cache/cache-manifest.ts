/**
 * The offline cache's two on-disk records, as zod schemas: the per-job manifest (what the job folder must
 * contain, with sha256 of every file) and the index (sizes and last use, for listing and LRU eviction).
 */
import { z } from 'zod';
import { Artifact } from '../../src-shared/api/artifacts.js';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** A file inside a job folder: `result.json` or `artifacts/<n>.<ext>`; nothing else is ever read or written. */
export const CACHE_FILE_NAME = /^(result\.json|artifacts\/\d{1,4}\.[a-z0-9]{1,8})$/;
const CacheFileName = z.string().regex(CACHE_FILE_NAME);

export const JobManifest = z.strictObject({
  version: z.literal(1),
  jobId: z.uuid(),
  cachedAt: z.iso.datetime({ offset: true }),
  result: z.strictObject({
    file: z.literal('result.json'),
    sha256: Sha256,
    sizeBytes: z.number().int().min(0),
  }),
  artifacts: z
    .array(
      z.strictObject({
        artifact: Artifact,
        file: CacheFileName,
        sha256: Sha256,
        sizeBytes: z.number().int().min(0),
      }),
    )
    .max(1000),
});
export type JobManifest = z.infer<typeof JobManifest>;

export const IndexEntry = z.strictObject({
  cachedAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }),
  sizeBytes: z.number().int().min(0),
});
export type IndexEntry = z.infer<typeof IndexEntry>;

export const CacheIndex = z.strictObject({
  version: z.literal(1),
  entries: z.record(z.uuid(), IndexEntry),
});
export type CacheIndex = z.infer<typeof CacheIndex>;

export function manifestSize(manifest: JobManifest): number {
  return manifest.result.sizeBytes + manifest.artifacts.reduce((sum, a) => sum + a.sizeBytes, 0);
}
