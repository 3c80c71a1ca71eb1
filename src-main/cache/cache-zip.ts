/**
 * Shares a cached result with a colleague as one zip (manifest.json, result.json, artifacts/…), and reads such a
 * zip back with suspicion: only the exact entry names the export writes are accepted (no `../`, no absolute or
 * Windows paths), sizes are capped before anything is inflated, and every file must match its sha256.
 */
import { unzipSync, zipSync } from 'fflate';
import type { Unzipped, Zippable } from 'fflate';
import type { CachedArtifactFile } from '../../src-shared/ipc/contract.js';
import { CACHE_FILE_NAME, JobManifest } from './cache-manifest.js';
import type { CacheStore } from './cache-store.js';
import { sha256Hex } from './integrity.js';

export class ZipRejectedError extends Error {
  override name = 'ZipRejectedError';
}

export interface ZipLimits {
  /** Sum of the entries' uncompressed sizes. */
  maxTotalBytes: number;
  maxEntries: number;
}

const DEFAULT_LIMITS: ZipLimits = { maxTotalBytes: 2 * 1024 * 1024 * 1024, maxEntries: 1002 };

/** Why an entry name is refused, or null when it is one the export writes. */
export function rejectEntryName(name: string): string | null {
  if (name.includes('\\') || name.includes('\0')) return 'backslash or NUL in the name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  if (name.split('/').some((part) => part === '..' || part === '.')) return 'path traversal';
  if (name !== 'manifest.json' && !CACHE_FILE_NAME.test(name)) return 'unexpected entry';
  return null;
}

/** The cached job as zip bytes; null when it is not cached (or failed its integrity check). */
export async function exportJobZip(store: CacheStore, jobId: string): Promise<Uint8Array | null> {
  const job = await store.readAll(jobId);
  if (!job) return null;
  const entries: Zippable = {
    'manifest.json': new TextEncoder().encode(JSON.stringify(job.manifest, null, 2)),
    'result.json': new Uint8Array(job.result),
  };
  job.manifest.artifacts.forEach((a, n) => {
    entries[a.file] = new Uint8Array(job.files[n]!);
  });
  // Results are mostly text: deflate at a middle level; PNGs and XLSX stay small either way.
  return zipSync(entries, { level: 6 });
}

function unzipChecked(bytes: Uint8Array, limits: ZipLimits): Unzipped {
  let total = 0;
  let count = 0;
  let rejected: string | null = null;
  const files = unzipSync(bytes, {
    filter: (file) => {
      if (rejected) return false;
      // Other zip tools may add the folder entry; it carries no data.
      if (file.name === 'artifacts/' && file.originalSize === 0) return false;
      const why = rejectEntryName(file.name);
      count += 1;
      total += file.originalSize;
      if (why) rejected = `"${file.name}": ${why}`;
      else if (count > limits.maxEntries) rejected = 'too many entries';
      else if (total > limits.maxTotalBytes) rejected = 'larger than the cache allows';
      return rejected === null;
    },
  });
  if (rejected) throw new ZipRejectedError(`The zip was refused: ${rejected}.`);
  return files;
}

/**
 * Adds the job in `bytes` (a zip made by exportJobZip) to the cache and returns its id. Throws ZipRejectedError
 * for a zip that is not one of ours, has unsafe names, is too large or does not match its checksums.
 */
export async function importJobZip(
  store: CacheStore,
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_LIMITS,
): Promise<string> {
  let files: Unzipped;
  try {
    files = unzipChecked(bytes, limits);
  } catch (err) {
    if (err instanceof ZipRejectedError) throw err;
    throw new ZipRejectedError(
      `The file is not a readable zip (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes)
    throw new ZipRejectedError('The zip has no manifest.json: it was not exported by 0.00sec.');
  let manifest: JobManifest;
  try {
    manifest = JobManifest.parse(JSON.parse(new TextDecoder().decode(manifestBytes)));
  } catch {
    throw new ZipRejectedError('The zip’s manifest.json is not valid.');
  }
  const result = files['result.json'];
  if (!result || sha256Hex(result) !== manifest.result.sha256) {
    throw new ZipRejectedError('result.json is missing or does not match its checksum.');
  }
  const artifacts: CachedArtifactFile[] = manifest.artifacts.map((a) => {
    const data = files[a.file];
    if (!data || sha256Hex(data) !== a.sha256 || a.sha256 !== a.artifact.sha256) {
      throw new ZipRejectedError(`${a.file} is missing or does not match its checksum.`);
    }
    return { artifact: a.artifact, bytes: data };
  });
  const expected = new Set(['manifest.json', 'result.json', ...manifest.artifacts.map((a) => a.file)]);
  const extra = Object.keys(files).find((name) => !expected.has(name));
  if (extra) throw new ZipRejectedError(`"${extra}": not listed in the manifest.`);
  await store.put(manifest.jobId, new TextDecoder().decode(result), artifacts);
  return manifest.jobId;
}
