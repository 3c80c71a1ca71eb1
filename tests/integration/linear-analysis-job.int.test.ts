/**
 * linear_analysis as a job: several targets in one job, errors that name what to fix, and the calculator sheet of a
 * real job, recalculated by LibreOffice Calc, reproducing the engine's fitted values (log transform, interaction, a
 * text column, coded inputs) to 1e-9.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/client/index.js';
import { linearWorkbookSheetNames } from '../../backend/worker/outputs/linear-workbook.js';
import {
  convert,
  findSoffice,
  load,
  namedCells,
  numberResult,
  withInputs,
  type Inputs,
} from '../../backend/worker/outputs/libreoffice-recalc.testing.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';
import { uploadText } from '../support/upload.js';

/** 24 brush-deburring runs: wear grows with speed and feed, differs by material. Deterministic. */
function brushCsv(): { csv: string; rows: Inputs[] } {
  const rows: Inputs[] = [];
  const lines = ['回転速度,送り速度,材料,摩耗量'];
  for (let i = 0; i < 24; i++) {
    const speed = 1000 + (i % 6) * 1000;
    const feed = 500 + ((i * 7) % 8) * 400;
    const material = i % 3 === 0 ? 'Alumi' : 'Steel';
    const wear = Math.exp(
      -7 + speed * 2e-4 + feed * 1.5e-4 + (material === 'Steel' ? 0.4 : 0) + (((i * 13) % 7) - 3) * 0.03,
    );
    lines.push(`${speed},${feed},${material},${wear.toPrecision(8)}`);
    rows.push({ 回転速度: speed, 送り速度: feed, 材料: material });
  }
  return { csv: lines.join('\n') + '\n', rows };
}

let backend: TestBackend;
let dir: string;
beforeAll(async () => {
  backend = await startTestBackend();
  dir = mkdtempSync(join(tmpdir(), 'zs-calculator-'));
});
afterAll(async () => {
  await backend?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('linear workbook calculator', () => {
  it('recalculated by LibreOffice, predicts what the engine fitted', async () => {
    const soffice = findSoffice();
    if (!soffice) throw new Error('LibreOffice (soffice) is missing: run scripts/install-test-deps.sh');
    const client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
    const { csv, rows } = brushCsv();
    const presign = await uploadText(client, 'brush.csv', csv);
    await client.createJob({
      job_id: presign.job_id,
      job_type: 'linear_analysis',
      input_key: presign.key,
      parameters: {
        target_column: '摩耗量',
        feature_columns: ['回転速度', '送り速度', '材料'],
        model: '回転速度 * 送り速度 + 材料',
        transform: 'log',
        standardize: true,
        models_to_use: ['ols'],
        outer_splits: 4,
        cv_splits: 3,
      },
    });
    const status = await client.waitForJob(presign.job_id, { timeoutMs: 60_000 });
    expect(status.status, JSON.stringify(status.error)).toBe('completed');
    const result = await client.getResult(presign.job_id);
    if (result.job_type !== 'linear_analysis') throw new Error('wrong job type');
    const target = result.body.targets[0]!;
    expect(target.transform.name).toBe('log');
    expect(target.terms).toEqual(['(Intercept)', '回転速度', '送り速度', '回転速度:送り速度', '材料[Steel]']);

    const artifacts = await client.listArtifacts(presign.job_id);
    const xlsx = await client.download(
      presign.job_id,
      artifacts.artifacts.find((a) => a.file_name === 'linear-analysis.xlsx')!.file_key,
    );
    const calculator = linearWorkbookSheetNames('ja')[4]!;
    const names = namedCells(await load(xlsx.bytes));
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    mkdirSync(inDir);
    const checked = target.rows.slice(0, 6);
    for (const [k, r] of checked.entries()) {
      const inputs = rows[r.row - 2]!;
      writeFileSync(
        join(inDir, `row-${k}.xlsx`),
        await withInputs(xlsx.bytes, calculator, inputs, [r.fitted!], null),
      );
    }
    convert(
      soffice,
      checked.map((_, k) => join(inDir, `row-${k}.xlsx`)),
      outDir,
      true,
    );
    let worst = 0;
    for (const [k, r] of checked.entries()) {
      const out = await load(readFileSync(join(outDir, `row-${k}.xlsx`)));
      const got = numberResult(out.getWorksheet(calculator)!.getCell(names.get('pred_1')!));
      const rel = Math.abs(got - r.fitted!) / Math.abs(r.fitted!);
      worst = Math.max(worst, rel);
      expect(rel, `row ${r.row}: LibreOffice ${got}, engine ${r.fitted}`).toBeLessThan(1e-9);
    }
    console.log(
      `calculator vs engine, ${checked.length} rows: max relative difference ${worst.toExponential(2)}`,
    );
  });
});

describe('linear_analysis jobs', () => {
  it('analyses several targets in one job, a 0/1 target with logistic regression', async () => {
    const client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
    const lines = ['回転速度,送り速度,摩耗量,バリ除去'];
    for (let i = 0; i < 40; i++) {
      const speed = 1000 + (i % 8) * 900;
      const feed = 500 + ((i * 3) % 7) * 450;
      const wear = 0.002 + speed * 2e-6 + feed * 1e-6 + ((i * 17) % 5) * 1e-5;
      lines.push(`${speed},${feed},${wear},${speed + ((i * 31) % 9) * 400 > 4500 ? 1 : 0}`);
    }
    const presign = await uploadText(client, 'two-targets.csv', lines.join('\n') + '\n');
    await client.createJob({
      job_id: presign.job_id,
      job_type: 'linear_analysis',
      input_key: presign.key,
      parameters: { target_columns: ['摩耗量', 'バリ除去'], feature_columns: ['回転速度', '送り速度'] },
    });
    const status = await client.waitForJob(presign.job_id, { timeoutMs: 60_000 });
    expect(status.status, JSON.stringify(status.error)).toBe('completed');
    const result = await client.getResult(presign.job_id);
    if (result.job_type !== 'linear_analysis') throw new Error('wrong job type');
    expect(result.body.targets.map((t) => [t.target, t.family])).toEqual([
      ['摩耗量', 'gaussian'],
      ['バリ除去', 'binomial'],
    ]);
    expect(result.body.targets[0]!.candidates.map((c) => c.model)).toEqual([
      'ols',
      'ridge',
      'lasso',
      'elastic_net',
    ]);
    expect(result.body.targets[1]!.metrics.oof_roc_auc).not.toBeNull();
  });

  it('a formula naming an unknown column fails the job with a message naming it', async () => {
    const client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
    const presign = await uploadText(client, 'f.csv', brushCsv().csv);
    await client.createJob({
      job_id: presign.job_id,
      job_type: 'linear_analysis',
      input_key: presign.key,
      parameters: { target_column: '摩耗量', model: '回転速度 + 切込量' },
    });
    const status = await client.waitForJob(presign.job_id, { timeoutMs: 60_000 });
    expect(status.status).toBe('failed');
    expect(status.error?.code).toBe('ZS_ERR_INPUT');
    expect(status.error?.message).toContain('切込量');
    expect(status.attempts).toBe(1);
  });
});
