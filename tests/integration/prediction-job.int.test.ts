/**
 * A prediction over real HTTP: a linear_analysis job fits the model, a prediction job referencing it (the worker
 * hands the model job's linear-model.json to the task) predicts new rows, and the downloaded predictions.csv
 * equals the linear job's fitted values; model_job_id values that cannot work are refused at submit with a 422.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ApiError, createApiClient, type ApiClient } from '../../src-shared/client/index.js';
import { ResultEnvelope } from '../../src-shared/api/results.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';
import { linearCsv, uploadText } from '../support/upload.js';

let backend: TestBackend;
let client: ApiClient;

beforeAll(async () => {
  backend = await startTestBackend();
  client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
});
afterAll(async () => {
  await backend?.dispose();
});

async function submit(
  jobType: 'linear_analysis' | 'prediction',
  text: string,
  parameters: Record<string, unknown>,
) {
  const presign = await uploadText(client, 'data.csv', text);
  await client.createJob({ job_id: presign.job_id, job_type: jobType, input_key: presign.key, parameters });
  return presign.job_id;
}

async function downloadText(jobId: string, fileName: string): Promise<string> {
  const { artifacts } = await client.listArtifacts(jobId);
  const a = artifacts.find((x) => x.file_name === fileName);
  if (!a) throw new Error(`no ${fileName} among ${artifacts.map((x) => x.file_name).join(', ')}`);
  return new TextDecoder().decode((await client.download(jobId, a.file_key)).bytes).replace(/^\uFEFF/, '');
}

async function expect422(parameters: Record<string, unknown>, message: RegExp) {
  const err = await submit('prediction', 'a,b\n1,2\n', parameters).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).status).toBe(422);
  expect((err as ApiError).message).toMatch(/parameters\.model_job_id/);
  expect((err as ApiError).message).toMatch(message);
}

describe('prediction job over HTTP', () => {
  it('predicts with the model of a linear_analysis job; predictions.csv reproduces its fitted values', async () => {
    const training = linearCsv(40);
    const linearId = await submit('linear_analysis', training, {
      target_column: 'y',
      models_to_use: ['ols'],
    });
    const linear = await client.watchJob(linearId);
    expect(linear.status, JSON.stringify(linear.error)).toBe('completed');

    const predictionId = await submit('prediction', training, { model_job_id: linearId });
    const final = await client.watchJob(predictionId);
    expect(final.status, JSON.stringify(final.error)).toBe('completed');

    const lines = (await downloadText(predictionId, 'predictions.csv')).trim().split('\r\n');
    expect(lines[0]).toBe('row,a,b,y,y_predicted,out_of_range,note');
    const predicted = lines.slice(1).map((l) => Number(l.split(',')[4]));
    const fittedLines = (await downloadText(linearId, 'predictions.csv')).trim().split('\r\n').slice(1);
    const fitted = fittedLines.map((l) => Number(l.split(',')[3]));
    expect(predicted).toHaveLength(40);
    const worst = Math.max(...predicted.map((p, i) => Math.abs(p - fitted[i]!) / Math.abs(fitted[i]!)));
    console.log(`prediction over HTTP: max relative difference to the linear job's fitted values ${worst}`);
    expect(worst).toBeLessThanOrEqual(1e-12);

    const envelope = ResultEnvelope.parse(await client.getResult(predictionId));
    if (envelope.job_type !== 'prediction') throw new Error('wrong job type');
    expect(envelope.body).toMatchObject({ model_job_id: linearId, model_job_type: 'linear_analysis', n: 40 });
    const { artifacts } = await client.listArtifacts(predictionId);
    expect(artifacts.map((a) => a.file_name).sort()).toEqual([
      'prediction-summary.xlsx',
      'predictions.csv',
      'result.json',
    ]);
  });

  it('422 naming parameters.model_job_id for an unknown job, an unfinished job and a job without models', async () => {
    await expect422({ model_job_id: randomUUID() }, /no job .* exists/);

    const failedId = await submit('linear_analysis', linearCsv(10), { target_column: 'no_such_column' });
    expect((await client.watchJob(failedId)).status).toBe('failed');
    await expect422({ model_job_id: failedId }, /is failed; it must have completed/);

    const linearId = await submit('linear_analysis', linearCsv(20), {
      target_column: 'y',
      models_to_use: ['ols'],
    });
    expect((await client.watchJob(linearId)).status).toBe('completed');
    const predictionId = await submit('prediction', linearCsv(5), { model_job_id: linearId });
    expect((await client.watchJob(predictionId)).status).toBe('completed');
    await expect422({ model_job_id: predictionId }, /has no model files/);
  });

  it('a missing feature column fails the job with a message naming it', async () => {
    const linearId = await submit('linear_analysis', linearCsv(20), {
      target_column: 'y',
      models_to_use: ['ols'],
    });
    expect((await client.watchJob(linearId)).status).toBe('completed');
    const predictionId = await submit('prediction', 'a,c\n1,2\n', { model_job_id: linearId });
    const final = await client.watchJob(predictionId);
    expect(final.status).toBe('failed');
    expect(final.error?.code).toBe('ZS_ERR_INPUT');
    expect(final.error?.message).toMatch(/feature column "b"/);
  });
});
