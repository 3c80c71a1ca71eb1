/** The optimization job over HTTP: the known optimum of a small problem, generated candidates, and augmentation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../src-shared/client/index.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';
import { uploadText } from '../support/upload.js';

let backend: TestBackend;
let client: ApiClient;
beforeAll(async () => {
  backend = await startTestBackend();
  client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
});
afterAll(async () => {
  await backend?.dispose();
});

async function run(csv: string, parameters: Record<string, unknown>) {
  const presign = await uploadText(client, 'candidates.csv', csv);
  await client.createJob({
    job_id: presign.job_id,
    job_type: 'optimization',
    input_key: presign.key,
    parameters,
  });
  const status = await client.waitForJob(presign.job_id, { timeoutMs: 60_000 });
  return { jobId: presign.job_id, status };
}

describe('optimization job', () => {
  it('6 runs for a full quadratic on the 3×3 grid: the enumerated D-optimum |XᵀX| = 256', async () => {
    const rows = ['回転速度,送り速度'];
    for (const a of [1000, 2000, 3000]) for (const b of [500, 1000, 1500]) rows.push(`${a},${b}`);
    const { jobId, status } = await run(rows.join('\n') + '\n', {
      num_points: 6,
      model: 'quadratic',
      n_starts: 5,
    });
    expect(status.status, JSON.stringify(status.error)).toBe('completed');
    const result = await client.getResult(jobId);
    if (result.job_type !== 'optimization') throw new Error('wrong job type');
    expect(result.body.runs).toHaveLength(6);
    expect(Math.exp(result.body.criteria.log_det!)).toBeCloseTo(256, 8);
    const files = (await client.listArtifacts(jobId)).artifacts.map((a) => a.file_name).sort();
    expect(files).toEqual(['design.csv', 'experiment-form.xlsx', 'result.json']);
  });

  it('generated candidates with a constraint, keeping the runs already done', async () => {
    const { jobId, status } = await run('回転速度,送り速度,パス数\n1000,500,1\n8000,4000,1\n', {
      num_points: 8,
      model: 'interactions',
      factors: [
        { name: '回転速度', min: 1000, max: 8000, step: 1000 },
        { name: '送り速度', min: 500, max: 4000, step: 500 },
        { name: 'パス数', levels: [1, 2, 3] },
      ],
      constraints: ['送り速度 * パス数 <= 9000'],
    });
    expect(status.status, JSON.stringify(status.error)).toBe('completed');
    const result = await client.getResult(jobId);
    if (result.job_type !== 'optimization') throw new Error('wrong job type');
    expect(result.body.n_existing).toBe(2);
    expect(result.body.runs.filter((r) => r.source === 'existing')).toHaveLength(2);
    expect(result.body.runs.filter((r) => r.source === 'new')).toHaveLength(8);
    for (const r of result.body.runs) {
      expect(Number(r.values['送り速度']) * Number(r.values['パス数'])).toBeLessThanOrEqual(9000);
    }
    const files = (await client.listArtifacts(jobId)).artifacts.map((a) => a.file_name);
    expect(files).toContain('candidates.csv');
  });

  it('a constraint that removes every candidate fails the job and names the constraint', async () => {
    const { status } = await run('a,b\n', {
      factors: [
        { name: 'a', min: 0, max: 1, step: 1 },
        { name: 'b', min: 0, max: 1, step: 1 },
      ],
      constraints: ['a + b > 5'],
    });
    expect(status.status).toBe('failed');
    expect(status.error?.message).toContain('a + b > 5');
  });
});
