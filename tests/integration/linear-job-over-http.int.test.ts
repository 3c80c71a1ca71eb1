/**
 * The whole path over real HTTP through the shared client: a Shift-JIS CSV with Japanese headers goes up through a
 * signed URL, `linear_analysis` runs in a worker thread, progress arrives by SSE, and the downloaded result.json and
 * CSV reproduce NIST's certified values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createApiClient, type ApiClient } from '../../src-shared/client/index.js';
import type { JobStatus } from '../../src-shared/api/http.js';
import type { LinearTargetResult } from '../../src-shared/api/linear-result.js';
import { ResultEnvelope } from '../../src-shared/api/results.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';
import { loadNist, relativeError, type NistDataset } from '../support/nist.js';

// Japanese column names as an engineer would type them; the NIST columns are mapped onto them.
const NORRIS_HEADERS = { y: '摩耗量', x: '回転速度' };
const LONGLEY_HEADERS = {
  y: '総雇用者数',
  x1: '物価指数',
  x2: '国民総生産',
  x3: '失業者数',
  x4: '軍人数',
  x5: '人口（１４歳以上）',
  x6: '年',
};

function shiftJisCsv(ds: NistDataset, headers: Record<string, string>): Uint8Array {
  const cols = ['y', ...ds.predictors];
  const n = ds.data.y!.length;
  const lines = [cols.map((c) => headers[c]!).join(',')];
  for (let i = 0; i < n; i++) lines.push(cols.map((c) => String(ds.data[c]![i])).join(','));
  const bytes = iconv.encode(lines.join('\r\n') + '\r\n', 'Shift_JIS');
  // Make sure the fixture really is Shift-JIS, not UTF-8 by accident.
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  return new Uint8Array(bytes);
}

let backend: TestBackend;
let client: ApiClient;

beforeAll(async () => {
  // A small delay at each checkpoint so the SSE stream has several progress events to deliver.
  backend = await startTestBackend({ ZEROSEC_TEST_PROGRESS_DELAY_MS: '60' });
  client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
});
afterAll(async () => {
  await backend?.dispose();
});

async function runLinear(ds: NistDataset, headers: Record<string, string>, fileName: string) {
  const bytes = shiftJisCsv(ds, headers);
  const presign = await client.presignUpload({
    filename: fileName,
    content_type: 'text/csv',
    size_bytes: bytes.length,
  });
  let uploaded = 0;
  await client.uploadFile(presign, bytes, { onProgress: (sent) => (uploaded = sent) });
  expect(uploaded).toBe(bytes.length);
  const created = await client.createJob({
    job_id: presign.job_id,
    job_type: 'linear_analysis',
    input_key: presign.key,
    // OLS only: the certified values are OLS estimates (the default compares regularised models too).
    parameters: { target_column: headers.y!, models_to_use: ['ols'] },
  });
  expect(created.status).toBe('queued');
  const seen: JobStatus[] = [];
  const final = await client.watchJob(presign.job_id, { onStatus: (s) => seen.push(s) });
  return { jobId: presign.job_id, final, seen };
}

function expectCertified(body: LinearTargetResult, ds: NistDataset, headers: Record<string, string>) {
  const terms = ['(Intercept)', ...ds.predictors.map((p) => headers[p]!)];
  expect(body.coefficients.map((c) => c.term)).toEqual(terms);
  const worst = { estimate: 0, std_error: 0 };
  ds.certified.parameters.forEach((cert, k) => {
    const row = body.coefficients[k]!;
    worst.estimate = Math.max(worst.estimate, relativeError(row.estimate!, cert.estimate));
    worst.std_error = Math.max(worst.std_error, relativeError(row.std_error!, cert.std_dev));
  });
  expect(worst.estimate).toBeLessThan(1e-9);
  expect(worst.std_error).toBeLessThan(1e-9);
  expect(relativeError(body.metrics.residual_std_error!, ds.certified.residual_sd)).toBeLessThan(1e-9);
  expect(relativeError(body.metrics.in_sample_r2!, ds.certified.r_squared)).toBeLessThan(1e-9);
  console.log(
    `${ds.name} over HTTP: max relative error of estimates ${worst.estimate.toExponential(2)}, of standard errors ${worst.std_error.toExponential(2)}`,
  );
}

describe('linear_analysis over HTTP, Shift-JIS input with Japanese headers', () => {
  for (const [name, headers] of [
    ['Norris', NORRIS_HEADERS],
    ['Longley', LONGLEY_HEADERS],
  ] as const) {
    it(`${name}: coefficients match NIST certified values to 1e-9 relative`, async () => {
      const ds = loadNist(name);
      const { jobId, final, seen } = await runLinear(ds, headers, `${name}_実験結果.csv`);
      expect(final.status, JSON.stringify(final.error)).toBe('completed');
      expect(final.progress).toBe(100);

      // Live progress arrived in order through the event stream.
      const running = seen.filter((s) => s.status === 'running');
      expect(running.length).toBeGreaterThanOrEqual(2);
      expect(new Set(running.map((s) => s.stage)).size).toBeGreaterThanOrEqual(2);
      const progress = seen.map((s) => s.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));

      // result.json and a CSV artifact, downloaded through signed URLs.
      const { artifacts } = await client.listArtifacts(jobId);
      expect(artifacts.map((a) => a.file_name).sort()).toEqual([
        'coefficients.csv',
        'linear-analysis.xlsx',
        'linear-model.json',
        'predictions.csv',
        'result.json',
      ]);
      const resultFile = await client.download(
        jobId,
        artifacts.find((a) => a.file_name === 'result.json')!.file_key,
      );
      const envelope = ResultEnvelope.parse(JSON.parse(new TextDecoder().decode(resultFile.bytes)));
      if (envelope.job_type !== 'linear_analysis') throw new Error('wrong job type');
      expect(envelope.job_id).toBe(jobId);
      const target = envelope.body.targets[0]!;
      expect(target.n).toBe(ds.data.y!.length);
      expect(target.selected.model).toBe('ols');
      expectCertified(target, ds, headers);

      const csvFile = await client.download(
        jobId,
        artifacts.find((a) => a.file_name === 'coefficients.csv')!.file_key,
      );
      const csvLines = new TextDecoder()
        .decode(csvFile.bytes)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(csvLines[0]).toBe('target,term,estimate,std_error,t,p,ci_low,ci_high');
      ds.certified.parameters.forEach((cert, k) => {
        const cells = csvLines[k + 1]!.split(',');
        expect(cells[0]).toBe(headers.y);
        expect(relativeError(Number(cells[2]), cert.estimate)).toBeLessThan(1e-9);
      });
      // The API's own result endpoint serves the same document.
      expect(await client.getResult(jobId)).toEqual(envelope);
    });
  }
});
