import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Artifact, JobStatus } from '../../../src-shared/api/index.js';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import {
  cacheFinishedJob,
  loadArtifact,
  loadInput,
  loadJobs,
  loadResult,
  saveInput,
  saveJobs,
} from './result-cache.js';

const JOB = '11111111-1111-4111-8111-111111111111';
const artifact = (name: string, type: Artifact['file_type'], content: string): Artifact => ({
  file_key: `outputs/${JOB}/${name}`,
  file_name: name,
  file_type: type,
  content_type: type === 'json' ? 'application/json' : 'text/csv; charset=utf-8',
  size_bytes: content.length,
  sha256: '0'.repeat(64),
  created_at: '2026-11-30T00:00:00.000Z',
});

describe('offline cache (IndexedDB)', () => {
  it('keeps the job list, newest first', async () => {
    const job = (id: string, created: string) => ({ job_id: id, created_at: created }) as JobStatus;
    await saveJobs([job('a', '2026-11-30T00:00:00Z'), job('b', '2026-11-30T01:00:00Z')]);
    expect((await loadJobs()).map((j) => j.job_id)).toEqual(['b', 'a']);
  });

  it("copies a finished job's result.json and artifacts once, and serves them without the server", async () => {
    const files: Record<string, string> = {
      [`outputs/${JOB}/result.json`]: '{"job_type":"linear_analysis"}',
      [`outputs/${JOB}/coefficients.csv`]: 'term,estimate\n',
    };
    const client = {
      listArtifacts: vi.fn().mockResolvedValue({
        job_id: JOB,
        artifacts: [
          artifact('result.json', 'json', files[`outputs/${JOB}/result.json`]!),
          artifact('coefficients.csv', 'csv', 'x'),
        ],
      }),
      download: vi.fn(async (_id: string, key: string) => ({
        bytes: new TextEncoder().encode(files[key]),
        fileName: key.split('/').pop(),
        contentType: null,
      })),
    };
    const cached = await cacheFinishedJob(client as unknown as ApiClient, JOB);
    expect(cached.result).toEqual({ job_type: 'linear_analysis' });
    expect(client.download).toHaveBeenCalledTimes(2);

    await cacheFinishedJob(client as unknown as ApiClient, JOB);
    expect(client.download).toHaveBeenCalledTimes(2);
    expect((await loadResult(JOB))?.artifacts.map((a) => a.file_name)).toEqual([
      'result.json',
      'coefficients.csv',
    ]);
    const csv = await loadArtifact(JOB, `outputs/${JOB}/coefficients.csv`);
    expect(await csv?.text()).toBe('term,estimate\n');
  });

  it('keeps uploaded files for re-runs', async () => {
    await saveInput('inputs/x/data.csv', new File(['a,b\n1,2\n'], 'data.csv', { type: 'text/csv' }));
    expect(await (await loadInput('inputs/x/data.csv'))?.text()).toBe('a,b\n1,2\n');
    expect(await loadInput('inputs/y/none.csv')).toBeUndefined();
  });
});
