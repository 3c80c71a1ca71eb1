/**
 * The offline copy of the job history: the last job list seen, and for each finished job its result.json and
 * artifacts, so results stay browsable when the backend is unreachable (STYLE: the desktop shell will offer the
 * same through its bridge; the browser keeps it in IndexedDB).
 */
import type { Artifact, JobStatus } from '../../../src-shared/api/index.js';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import { idbAvailable, idbGet, idbGetAll, idbPut, idbPutMany } from './idb.js';

export const RESULT_FILE = 'result.json';

export interface CachedResult {
  jobId: string;
  /** result.json as parsed JSON; decoded (and version-checked) by the view. */
  result: unknown;
  artifacts: Artifact[];
  cachedAt: string;
}

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
  return idbAvailable() ? idbGet<CachedResult>('results', jobId) : undefined;
}

export async function loadArtifact(jobId: string, fileKey: string): Promise<Blob | undefined> {
  return idbAvailable() ? idbGet<Blob>('artifacts', `${jobId}/${fileKey}`) : undefined;
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
  const resultBytes = files.find((f) => f.artifact === resultArtifact)!.file.bytes;
  const cached: CachedResult = {
    jobId,
    result: JSON.parse(new TextDecoder().decode(resultBytes)) as unknown,
    artifacts,
    cachedAt: new Date().toISOString(),
  };
  if (!idbAvailable()) return cached;
  await idbPutMany(
    'artifacts',
    files.map(({ artifact, file }) => [
      `${jobId}/${artifact.file_key}`,
      new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: artifact.content_type }),
    ]),
  );
  await idbPut('results', jobId, cached);
  return cached;
}

/** The uploaded file of a job, kept so "re-run" can upload it again (each job needs its own upload). */
export async function saveInput(inputKey: string, file: Blob): Promise<void> {
  if (idbAvailable()) await idbPut('inputs', inputKey, file);
}

export async function loadInput(inputKey: string): Promise<Blob | undefined> {
  return idbAvailable() ? idbGet<Blob>('inputs', inputKey) : undefined;
}
