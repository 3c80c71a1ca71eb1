/**
 * The desktop app's offline result cache on disk (`<userData>/cache/jobs/<id>/`): finished jobs stay browsable
 * with no backend, every file is sha256-checked when read, and the least recently used jobs are evicted once the
 * cache passes its size cap. All operations run one at a time, and a job folder is swapped in whole by rename.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CacheEntry, CachedArtifactFile, CachedJob } from '../../src-shared/ipc/contract.js';
import { CacheIndex, JobManifest, manifestSize } from './cache-manifest.js';
import type { IndexEntry } from './cache-manifest.js';
import { CacheIntegrityError, sha256Hex } from './integrity.js';

export interface CacheStoreOptions {
  /** `<userData>/cache`. */
  root: string;
  maxBytes: number;
  now?: () => Date;
  log?: (line: string) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function extensionOf(fileName: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  return ext ?? 'bin';
}

export class CacheStore {
  private queue: Promise<unknown> = Promise.resolve();
  private index: CacheIndex | null = null;

  constructor(private readonly options: CacheStoreOptions) {}

  get jobsDir(): string {
    return path.join(this.options.root, 'jobs');
  }

  private get indexFile(): string {
    return path.join(this.options.root, 'index.json');
  }

  jobDir(jobId: string): string {
    if (!UUID.test(jobId)) throw new Error(`not a job id: ${jobId}`);
    return path.join(this.jobsDir, jobId.toLowerCase());
  }

  /** Runs `task` after every earlier operation, so two calls never interleave on disk. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private async loadIndex(): Promise<CacheIndex> {
    if (this.index) return this.index;
    try {
      this.index = CacheIndex.parse(JSON.parse(await readFile(this.indexFile, 'utf8')));
    } catch {
      this.index = await this.rebuildIndex();
    }
    return this.index;
  }

  /** A missing or damaged index is rebuilt from the job folders' manifests. */
  private async rebuildIndex(): Promise<CacheIndex> {
    const entries: CacheIndex['entries'] = {};
    const names = await readdir(this.jobsDir).catch(() => [] as string[]);
    for (const name of names) {
      if (!UUID.test(name)) continue;
      const manifest = await this.readManifest(name).catch(() => null);
      if (!manifest) continue;
      entries[name] = {
        cachedAt: manifest.cachedAt,
        lastUsedAt: manifest.cachedAt,
        sizeBytes: manifestSize(manifest),
      };
    }
    this.options.log?.(`cache index rebuilt with ${Object.keys(entries).length} jobs`);
    return { version: 1, entries };
  }

  private async saveIndex(index: CacheIndex): Promise<void> {
    await mkdir(this.options.root, { recursive: true });
    const temp = `${this.indexFile}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify(index));
    await rename(temp, this.indexFile);
  }

  private async readManifest(jobId: string): Promise<JobManifest> {
    return JobManifest.parse(
      JSON.parse(await readFile(path.join(this.jobDir(jobId), 'manifest.json'), 'utf8')),
    );
  }

  /** Reads a file of a job and checks it against the manifest's sha256. */
  private async readChecked(jobId: string, file: string, sha256: string): Promise<Buffer> {
    const bytes = await readFile(path.join(this.jobDir(jobId), file));
    if (sha256Hex(bytes) !== sha256)
      throw new CacheIntegrityError(`${jobId}/${file} does not match its sha256`);
    return bytes;
  }

  private async forget(index: CacheIndex, jobId: string): Promise<boolean> {
    const known = jobId in index.entries;
    delete index.entries[jobId];
    await rm(this.jobDir(jobId), { recursive: true, force: true });
    return known;
  }

  /** A damaged job is removed rather than shown: the page then fetches it again from the backend. */
  private async dropDamaged(index: CacheIndex, jobId: string, err: unknown): Promise<null> {
    this.options.log?.(`cache: dropping ${jobId}: ${err instanceof Error ? err.message : String(err)}`);
    await this.forget(index, jobId);
    await this.saveIndex(index);
    return null;
  }

  list(): Promise<CacheEntry[]> {
    return this.serial(async () => {
      const index = await this.loadIndex();
      return Object.entries(index.entries)
        .map(([jobId, e]) => ({ jobId, cachedAt: e.cachedAt, sizeBytes: e.sizeBytes }))
        .sort((a, b) => b.cachedAt.localeCompare(a.cachedAt));
    });
  }

  /** The manifest of a cached job (checked), or null. Marks the job as used. */
  manifest(jobId: string): Promise<JobManifest | null> {
    return this.serial(async () => {
      const index = await this.loadIndex();
      const entry = index.entries[jobId.toLowerCase()];
      if (!entry) return null;
      try {
        const manifest = await this.readManifest(jobId);
        entry.lastUsedAt = this.now();
        await this.saveIndex(index);
        return manifest;
      } catch (err) {
        return this.dropDamaged(index, jobId.toLowerCase(), err);
      }
    });
  }

  get(jobId: string): Promise<CachedJob | null> {
    return this.serial(async () => {
      const id = jobId.toLowerCase();
      const index = await this.loadIndex();
      const entry = index.entries[id];
      if (!entry) return null;
      try {
        const manifest = await this.readManifest(id);
        const result = await this.readChecked(id, manifest.result.file, manifest.result.sha256);
        entry.lastUsedAt = this.now();
        await this.saveIndex(index);
        return {
          jobId: id,
          resultJson: result.toString('utf8'),
          artifacts: manifest.artifacts.map((a) => a.artifact),
          cachedAt: manifest.cachedAt,
        };
      } catch (err) {
        return this.dropDamaged(index, id, err);
      }
    });
  }

  getArtifact(jobId: string, fileKey: string): Promise<Uint8Array<ArrayBuffer> | null> {
    return this.serial(async () => {
      const id = jobId.toLowerCase();
      const index = await this.loadIndex();
      const entry = index.entries[id];
      if (!entry) return null;
      try {
        const manifest = await this.readManifest(id);
        const file = manifest.artifacts.find((a) => a.artifact.file_key === fileKey);
        if (!file) return null;
        const bytes = await this.readChecked(id, file.file, file.sha256);
        entry.lastUsedAt = this.now();
        await this.saveIndex(index);
        // A Buffer read from a file never sits on a SharedArrayBuffer.
        return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
      } catch (err) {
        return this.dropDamaged(index, id, err);
      }
    });
  }

  /**
   * Stores (or replaces) a job. Every artifact's bytes must match the sha256 the backend recorded for it. Then
   * evicts least recently used jobs until the cache fits its cap (the new job itself is never evicted).
   */
  put(jobId: string, resultJson: string, files: readonly CachedArtifactFile[]): Promise<void> {
    return this.serial(async () => {
      const id = jobId.toLowerCase();
      const target = this.jobDir(id);
      const cachedAt = this.now();
      for (const f of files) {
        if (sha256Hex(f.bytes) !== f.artifact.sha256) {
          throw new CacheIntegrityError(`artifact ${f.artifact.file_name} does not match its sha256`);
        }
      }
      const resultBytes = Buffer.from(resultJson, 'utf8');
      const manifest: JobManifest = JobManifest.parse({
        version: 1,
        jobId: id,
        cachedAt,
        result: { file: 'result.json', sha256: sha256Hex(resultBytes), sizeBytes: resultBytes.byteLength },
        artifacts: files.map((f, n) => ({
          artifact: f.artifact,
          file: `artifacts/${n}.${extensionOf(f.artifact.file_name)}`,
          sha256: f.artifact.sha256,
          sizeBytes: f.bytes.byteLength,
        })),
      });
      const temp = path.join(this.jobsDir, `.tmp-${randomUUID()}`);
      try {
        await mkdir(path.join(temp, 'artifacts'), { recursive: true });
        await writeFile(path.join(temp, 'result.json'), resultBytes);
        for (const [n, f] of files.entries())
          await writeFile(path.join(temp, manifest.artifacts[n]!.file), f.bytes);
        await writeFile(path.join(temp, 'manifest.json'), JSON.stringify(manifest));
        await rm(target, { recursive: true, force: true });
        await rename(temp, target);
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
      const index = await this.loadIndex();
      index.entries[id] = { cachedAt, lastUsedAt: cachedAt, sizeBytes: manifestSize(manifest) };
      await this.evict(index, id);
      await this.saveIndex(index);
    });
  }

  private async evict(index: CacheIndex, keep: string): Promise<void> {
    const total = () => Object.values(index.entries).reduce((sum, e: IndexEntry) => sum + e.sizeBytes, 0);
    while (total() > this.options.maxBytes) {
      const victims = Object.entries(index.entries)
        .filter(([id]) => id !== keep)
        .sort(([, a], [, b]) => a.lastUsedAt.localeCompare(b.lastUsedAt));
      const oldest = victims[0];
      if (!oldest) break;
      this.options.log?.(`cache: evicting ${oldest[0]} (last used ${oldest[1].lastUsedAt})`);
      await this.forget(index, oldest[0]);
    }
  }

  delete(jobId: string): Promise<boolean> {
    return this.serial(async () => {
      const index = await this.loadIndex();
      const known = await this.forget(index, jobId.toLowerCase());
      await this.saveIndex(index);
      return known;
    });
  }

  /** Reads a whole cached job with every file checked, for export; null when not cached or damaged. */
  async readAll(jobId: string): Promise<{ manifest: JobManifest; result: Buffer; files: Buffer[] } | null> {
    const manifest = await this.manifest(jobId);
    if (!manifest) return null;
    return this.serial(async () => {
      const id = manifest.jobId;
      try {
        const result = await this.readChecked(id, manifest.result.file, manifest.result.sha256);
        const files: Buffer[] = [];
        for (const a of manifest.artifacts) files.push(await this.readChecked(id, a.file, a.sha256));
        return { manifest, result, files };
      } catch (err) {
        return this.dropDamaged(await this.loadIndex(), id, err);
      }
    });
  }
}
