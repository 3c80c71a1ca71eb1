/**
 * The offline copy of the job history: the last job list seen, and for each finished job its result.json and
 * artifacts, so results stay browsable when the backend is unreachable. Results go to result-store.ts (the desktop
 * shell's cache through its bridge, or IndexedDB); the job list and uploaded inputs stay in IndexedDB.
 */
import type { JobStatus } from '../../../src-shared/api/index.js';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import { idbAvailable, idbGet, idbGetAll, idbPut, idbPutMany } from './idb.js';
import { resultStore } from './result-store.js';
import type { CachedResult } from './result-store.js';

export type { CachedResult } from './result-store.js';
export const RESULT_FILE = 'result.json';

let lastSavedJobs = '';

/** Writes the job list when it changed since the last write (it is polled every 2 s). */
export async function saveJobs(jobs: readonly JobStatus[]): Promise<void> {
  if (!idbAvailable() || jobs.length === 0) return;
  const snapshot = JSON.stringify(jobs);
  if (snapshot === lastSavedJobs) return;
  lastSavedJobs = snapshot;
  await idbPutMany(
    'jobs',
    jobs.map((j) => [j.job_id, j]),
  );
}

/** Newest first, as the server lists them. */
export async function loadJobs(): Promise<JobStatus[]> {
  if (!idbAvailable()) return [];
  const jobs = await idbGetAll<JobStatus>('jobs');
  return jobs.sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export async function loadCachedJob(jobId: string): Promise<JobStatus | undefined> {
  return idbAvailable() ? idbGet<JobStatus>('jobs', jobId) : undefined;
}

export async function loadResult(jobId: string): Promise<CachedResult | undefined> {
  return resultStore().get(jobId);
}

export async function loadArtifact(jobId: string, fileKey: string): Promise<Blob | undefined> {
  return resultStore().getArtifact(jobId, fileKey);
}

/** Downloads result.json and every artifact of a completed job into the cache; returns what was cached. */
export async function cacheFinishedJob(client: ApiClient, jobId: string): Promise<CachedResult> {
  const existing = await loadResult(jobId);
  if (existing) return existing;
  const { artifacts } = await client.listArtifacts(jobId);
  const resultArtifact = artifacts.find((a) => a.file_name === RESULT_FILE);
  if (!resultArtifact) throw new Error(`job ${jobId} has no ${RESULT_FILE}`);
  const files = await Promise.all(
    artifacts.map(async (a) => ({ artifact: a, file: await client.download(jobId, a.file_key) })),
  );
  const resultJson = new TextDecoder().decode(files.find((f) => f.artifact === resultArtifact)!.file.bytes);
  const cached: CachedResult = {
    jobId,
    result: JSON.parse(resultJson) as unknown,
    artifacts,
    cachedAt: new Date().toISOString(),
  };
  await resultStore().put(
    cached,
    resultJson,
    files.map(({ artifact, file }) => ({ artifact, bytes: file.bytes })),
  );
  return cached;
}

/** One file this browser uploaded, as the data-set list shows it. */
export interface DataSet {
  inputKey: string;
  name: string;
  sizeBytes: number;
  /** Column names from the preview; null when there was none (XLSX). */
  columns: string[] | null;
  uploadedAt: string;
}

/**
 * The uploaded file of a job, kept so "re-run" can upload it again (each job needs its own upload) and the data-set
 * list can offer it for a new analysis.
 */
export async function saveInput(
  inputKey: string,
  file: File,
  columns: readonly string[] | null = null,
): Promise<void> {
  if (!idbAvailable()) return;
  await idbPut('inputs', inputKey, file);
  const entry: DataSet = {
    inputKey,
    name: file.name,
    sizeBytes: file.size,
    columns: columns ? [...columns] : null,
    uploadedAt: new Date().toISOString(),
  };
  await idbPut('datasets', inputKey, entry);
}

/**
 * The files this browser uploaded, newest first, one entry per distinct file (same name, size and columns: the
 * re-runs of one file are one data set).
 */
export async function listDataSets(): Promise<DataSet[]> {
  if (!idbAvailable()) return [];
  const all = (await idbGetAll<DataSet>('datasets')).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
  const seen = new Set<string>();
  return all.filter((d) => {
    const id = JSON.stringify([d.name, d.sizeBytes, d.columns]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export async function loadInput(inputKey: string): Promise<Blob | undefined> {
  return idbAvailable() ? idbGet<Blob>('inputs', inputKey) : undefined;
}
