/**
 * The experiment log's round trip over real HTTP: design runs, plan them in a log, fill in the experiment form,
 * import it (preview, commit, idempotent re-import, partial re-import, undo), filter and save a view, analyse the
 * view, and design the next runs augmenting the done ones. Plus owner isolation and bad inputs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTokenAdmin } from '../../backend/app/token-admin.js';
import { ApiError, createApiClient, type ApiClient } from '../../src-shared/client/index.js';
import type { LogRow } from '../../src-shared/logs/experiment-log-api.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';
import { uploadText } from '../support/upload.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const VARIED = { 回転速度: [2000, 4000, 6000], 送り速度: [1000, 2000, 3000], 切込量: [0.5, 1, 1.5] } as const;
/** Every other key column of the brush profile, held at one level (the date comes with the measurements). */
const FIXED: Record<string, number | string> = {
  A13: 0,
  A11: 1,
  A21: 0,
  A32: 0,
  直径: 15,
  材料: 'Steel',
  線材長: 75,
  線材本数: 6,
  UPカット: 1,
  突出量: 15,
  載せ率: 0.5,
  パス数: 1,
};
const FACTORS = [
  ...Object.entries(VARIED).map(([name, levels]) => ({ name, levels: [...levels] })),
  ...Object.entries(FIXED).map(([name, v]) =>
    typeof v === 'string' ? { name, type: 'categorical' as const, levels: [v] } : { name, levels: [v] },
  ),
];
// Only the varied factors are in the model: the fixed ones have one level each.
const MODEL = '回転速度 + 送り速度 + 切込量';
const DATES = ['2025-03-03', '2025-03-04', '2025-03-05'];
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const excelSerial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH) / 86_400_000;

/** The "measured" wear: a known plane plus a small deterministic wobble. */
const wear = (v: Record<string, unknown>, run: number) =>
  0.01 +
  Number(v['回転速度']) / 100_000 +
  Number(v['送り速度']) / 200_000 +
  Number(v['切込量']) / 100 +
  (run % 3) * 1e-4;
const sag = (v: Record<string, unknown>) => Number(v['切込量']) * 0.05;

let backend: TestBackend;
let client: ApiClient;

async function uploadBytes(c: ApiClient, fileName: string, bytes: Uint8Array, contentType: string) {
  const presign = await c.presignUpload({
    filename: fileName,
    content_type: contentType,
    size_bytes: bytes.length,
  });
  await c.uploadFile(presign, bytes);
  return presign;
}

async function runOptimization(c: ApiClient, jobId: string, inputKey: string, numPoints: number) {
  await c.createJob({
    job_id: jobId,
    job_type: 'optimization',
    input_key: inputKey,
    parameters: { num_points: numPoints, model: MODEL, factors: FACTORS, n_starts: 3 },
  });
  const status = await c.waitForJob(jobId, { timeoutMs: 120_000 });
  expect(status.status, JSON.stringify(status.error)).toBe('completed');
  const result = await c.getResult(jobId);
  if (result.job_type !== 'optimization') throw new Error('not an optimization result');
  return result;
}

const comparable = (rows: readonly LogRow[]) =>
  rows
    .map(({ row_id, status, values, planned_by_job }) => ({ row_id, status, values, planned_by_job }))
    .sort((a, b) => (a.row_id < b.row_id ? -1 : 1));

async function expectApiError(promise: Promise<unknown>, status: number): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).status).toBe(status);
  return err as ApiError;
}

beforeAll(async () => {
  backend = await startTestBackend();
  client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
}, 120_000);
afterAll(async () => {
  await backend?.dispose();
});

describe('experiment log round trip over HTTP', () => {
  it('design → planned rows → filled form → import → filter → analyse the view → augment the done runs', async () => {
    const logs = client.logs;
    expect((await logs.listProfiles()).map((p) => p.id)).toContain('brush-deburring');
    const log = await logs.createLog({ name: 'ブラシ試験 2025/03' });
    expect(log).toMatchObject({ revision: 0, row_count: 0 });

    // 1. Design 15 runs and add them to the log as planned rows.
    const empty = await uploadText(
      client,
      'existing.csv',
      Object.keys(FIXED).concat(Object.keys(VARIED)).join(',') + '\n',
    );
    const design = await runOptimization(client, empty.job_id, empty.key, 15);
    const newRuns = design.body.runs.filter((r) => r.source === 'new');
    expect(newRuns).toHaveLength(15);
    const planned = await logs.planFromJob(log.log_id, empty.job_id);
    expect(planned).toMatchObject({ kind: 'planned_from_job', job_id: empty.job_id, revision: 1 });
    expect(planned.summary.inserted).toBe(15);
    const plannedRows = (await logs.listRows(log.log_id)).rows;
    expect(plannedRows.every((r) => r.status === 'planned' && r.planned_by_job === empty.job_id)).toBe(true);

    // 2. Fill in the experiment form: dates as a real date cell, an Excel serial and text, in turn.
    const formArtifact = (await client.listArtifacts(empty.job_id)).artifacts.find(
      (a) => a.file_name === 'experiment-form.xlsx',
    )!;
    const form = await client.download(empty.job_id, formArtifact.file_key);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map((v) => (v === undefined ? '' : String(v)));
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 1) throw new Error(`no column ${name} in the form: ${header.join(',')}`);
      return i;
    };
    const expectedDate = new Map<number, string>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const run = Number(row.getCell(col('No.')).value);
      const values = Object.fromEntries(Object.keys(VARIED).map((k) => [k, row.getCell(col(k)).value]));
      row.getCell(col('摩耗量')).value = wear(values, run);
      row.getCell(col('上面ダレ量')).value = sag(values);
      const date = DATES[run % 3]!;
      expectedDate.set(run, date);
      row.getCell(col('実験日')).value =
        run % 3 === 0 ? new Date(`${date}T00:00:00Z`) : run % 3 === 1 ? excelSerial(date) : date;
    }
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());
    const upload = await uploadBytes(client, '実験フォーム記入済.xlsx', filled, XLSX_TYPE);

    // 3. Preview, then commit: the planned rows get their dates and measurements.
    const preview = await logs.importFile(log.log_id, { input_key: upload.key });
    expect(preview.revision).toBeNull();
    expect(preview.preview.counts).toEqual({ insert: 0, update: 15, unchanged: 0, rejected: 0 });
    expect(preview.preview.base_revision).toBe(1);
    const committed = await logs.importFile(log.log_id, {
      input_key: upload.key,
      commit: true,
      note: '初回',
    });
    expect(committed.revision).toMatchObject({
      revision: 2,
      kind: 'import',
      file_name: '実験フォーム記入済.xlsx',
    });
    const done = (await logs.listRows(log.log_id)).rows;
    expect(done).toHaveLength(15);
    expect(done.every((r) => r.status === 'done')).toBe(true);
    expect(new Set(done.map((r) => r.values['実験日']))).toEqual(new Set(DATES));
    for (const r of done) expect(r.values['摩耗量']).toBeCloseTo(wear(r.values, 0), 2);
    expect(done[0]!.values['加工時間']).toBeCloseTo((100 / Number(done[0]!.values['送り速度'])) * 60, 6);

    // 4. The same file again changes nothing.
    const again = await logs.importFile(log.log_id, { input_key: upload.key, commit: true });
    expect(again.revision).toBeNull();
    expect(again.preview.counts).toEqual({ insert: 0, update: 0, unchanged: 15, rejected: 0 });

    // 5. A partial file (key + one response) updates that response and keeps every other column.
    const target = done[0]!;
    const keyColumns = log.key_columns;
    const partialCsv =
      [...keyColumns, '摩耗量'].join(',') +
      '\n' +
      [...keyColumns.map((k) => String(target.values[k])), '0.5'].join(',') +
      '\n';
    const partial = await uploadText(client, 'partial.csv', partialCsv);
    const before = comparable((await logs.listRows(log.log_id)).rows);
    const applied = await logs.importFile(log.log_id, { input_key: partial.key, commit: true });
    expect(applied.revision?.summary).toMatchObject({ inserted: 0, updated: 1 });
    expect(applied.preview.rows[0]!.changes).toEqual([
      { column: '摩耗量', before: target.values['摩耗量'], after: 0.5 },
    ]);
    const changed = (await logs.listRows(log.log_id)).rows.find((r) => r.row_id === target.row_id)!;
    expect(changed.values).toEqual({ ...target.values, 摩耗量: 0.5 });

    // 6. Undo: restoring revision 2 brings back exactly the rows before the partial import.
    const undo = await logs.restore(log.log_id, 2, 'undo partial');
    expect(undo).toMatchObject({ kind: 'restore', restored_to: 2, revision: 4 });
    expect(comparable((await logs.listRows(log.log_id)).rows)).toEqual(before);
    expect((await logs.listRevisions(log.log_id)).map((r) => r.kind)).toEqual([
      'restore',
      'import',
      'import',
      'planned_from_job',
    ]);

    // 7. Filters: a date range and a numeric range with one open bound each; then a saved view of both.
    const byDate = await logs.listRows(log.log_id, { filter: { date: { from: '2025-03-04' } } });
    expect(byDate.total).toBe(done.filter((r) => String(r.values['実験日']) >= '2025-03-04').length);
    const byRange = await logs.listRows(log.log_id, {
      filter: { ranges: [{ column: '回転速度', max: 4000 }] },
    });
    expect(byRange.total).toBe(done.filter((r) => Number(r.values['回転速度']) <= 4000).length);
    const filter = {
      date: { from: '2025-03-03', to: '2025-03-04' },
      ranges: [{ column: '摩耗量', min: 0 }],
    };
    const view = await logs.createView(log.log_id, '3日と4日', filter);
    const inView = await logs.listRows(log.log_id, { filter });
    expect(inView.total).toBe(done.filter((r) => String(r.values['実験日']) <= '2025-03-04').length);
    expect((await logs.listViews(log.log_id)).map((v) => v.name)).toEqual(['3日と4日']);

    // 8. The view as a linear_analysis input; result.json records where the rows came from.
    const input = await logs.makeJobInput(log.log_id, { view_id: view.view_id });
    expect(input.source).toEqual({
      kind: 'experiment_log',
      log_id: log.log_id,
      log_name: log.name,
      revision: 4,
      view_name: '3日と4日',
      filter,
      rows: inView.total,
    });
    await client.createJob({
      job_id: input.job_id,
      job_type: 'linear_analysis',
      input_key: input.input_key,
      parameters: {
        target_column: '摩耗量',
        feature_columns: Object.keys(VARIED),
        models_to_use: ['ols'],
        outer_splits: 3,
        cv_splits: 3,
      },
    });
    const analysed = await client.waitForJob(input.job_id, { timeoutMs: 120_000 });
    expect(analysed.status, JSON.stringify(analysed.error)).toBe('completed');
    const linear = await client.getResult(input.job_id);
    expect(linear.input_source).toEqual(input.source);

    // 9. The done runs as the existing design of the next optimization.
    const doneInput = await logs.makeJobInput(log.log_id, { filter: { status: ['done'] } });
    expect(doneInput.source.rows).toBe(15);
    const next = await runOptimization(client, doneInput.job_id, doneInput.input_key, 4);
    expect(next.input_source).toEqual(doneInput.source);
    const key = (v: Record<string, unknown>) =>
      Object.keys(VARIED)
        .map((k) => Number(v[k]))
        .join('|');
    const existing = next.body.runs.filter((r) => r.source === 'existing').map((r) => key(r.values));
    expect(existing.sort()).toEqual(done.map((r) => key(r.values)).sort());
    expect(next.body.runs.filter((r) => r.source === 'new')).toHaveLength(4);

    // 10. Export: CSV with BOM and the Japanese file name, XLSX of the view.
    const csv = await logs.exportRows(log.log_id, { format: 'csv' });
    expect(csv.fileName).toBe('ブラシ試験 2025_03.csv');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csv.bytes).split('\r\n').filter(Boolean)).toHaveLength(16);
    const xlsx = await logs.exportRows(log.log_id, { format: 'xlsx', view_id: view.view_id });
    expect(xlsx.contentType).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(inView.total + 1);

    await logs.deleteView(log.log_id, view.view_id);
    expect(await logs.listViews(log.log_id)).toEqual([]);
  }, 400_000);

  it('names the problem: an unknown filter column (422), a row breaking the one-hot rule (rejected in the preview)', async () => {
    const log = await client.logs.createLog({ name: 'bad inputs' });
    const err = await expectApiError(
      client.logs.listRows(log.log_id, { filter: { ranges: [{ column: '存在しない列', min: 1 }] } }),
      422,
    );
    expect(err.message).toContain('存在しない列');

    const columns = [
      '実験日',
      'A13',
      'A11',
      'A21',
      'A32',
      '直径',
      '材料',
      '線材長',
      '線材本数',
      '回転速度',
      '送り速度',
      'UPカット',
      '切込量',
      '突出量',
      '載せ率',
      'パス数',
      '摩耗量',
    ];
    const good = ['2025-03-03', 0, 1, 0, 0, 15, 'Steel', 75, 6, 2000, 1000, 1, 0.5, 15, 0.5, 1, 0.03];
    const twoBrushes = ['2025-03-03', 1, 1, 0, 0, 15, 'Steel', 75, 6, 4000, 1000, 1, 0.5, 15, 0.5, 1, 0.04];
    const file = await uploadText(
      client,
      'one-hot.csv',
      [columns, good, twoBrushes].map((r) => r.join(',')).join('\n') + '\n',
    );
    const preview = await client.logs.importFile(log.log_id, { input_key: file.key });
    expect(preview.preview.counts).toMatchObject({ insert: 1, rejected: 1 });
    const rejected = preview.preview.rows.find((r) => r.action === 'rejected')!;
    expect(rejected.row).toBe(3);
    expect(rejected.problems[0]).toMatchObject({ row: 3 });
    expect(`${rejected.problems[0]!.column} ${rejected.problems[0]!.message}`).toMatch(/A13|A11|ブラシ/);

    const unreadable = await uploadText(client, 'ragged.csv', 'a,b\n1,2,3\n');
    const tableErr = await expectApiError(
      client.logs.importFile(log.log_id, { input_key: unreadable.key }),
      422,
    );
    expect(tableErr.message).toMatch(/Row 2/);
    expect(tableErr.details).toMatchObject({ table_error: { code: 'ragged_row', row: 2 } });

    await client.logs.createView(log.log_id, 'same', {});
    await expectApiError(client.logs.createView(log.log_id, 'same', {}), 409);
    const restoreErr = await expectApiError(client.logs.restore(log.log_id, 5), 422);
    expect(restoreErr.message).toContain('revision');
    const noRows = await expectApiError(client.logs.makeJobInput(log.log_id, { filter: {} }), 422);
    expect(noRows.message).toContain('no row');
  }, 120_000);

  it('stores profiles as versions and creates logs with a chosen profile and key', async () => {
    const brush = (await client.logs.listProfiles()).find((p) => p.id === 'brush-deburring')!;
    const mine = { ...brush, id: 'my-brush', description: 'first' };
    expect((await client.logs.saveProfile(mine)).version).toBe(1);
    expect((await client.logs.saveProfile({ ...mine, description: 'second', version: 9 })).version).toBe(2);
    const log = await client.logs.createLog({
      name: 'v1',
      profile_id: 'my-brush',
      profile_version: 1,
      key_columns: ['実験日', '回転速度'],
    });
    expect(log.profile).toMatchObject({ id: 'my-brush', version: 1, description: 'first' });
    expect(log.key_columns).toEqual(['実験日', '回転速度']);
    const bad = await expectApiError(
      client.logs.createLog({ name: 'x', key_columns: ['回転速度', 'nope'] }),
      422,
    );
    expect(bad.message).toContain('key_columns.1');
    await expectApiError(client.logs.createLog({ name: 'x', profile_id: 'missing-profile' }), 422);
  }, 120_000);
});

describe('experiment logs under token authentication', () => {
  let teamServer: TestBackend;
  let dataDir: string;
  let alice: ApiClient;
  let bob: ApiClient;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-logs-auth-'));
    const admin = await openTokenAdmin({ ZEROSEC_DATA_DIR: dataDir });
    const made = { alice: await admin.tokens.create('alice'), bob: await admin.tokens.create('bob') };
    await admin.close();
    teamServer = await startTestBackend({ ZEROSEC_AUTH: 'tokens' }, { dataDir });
    alice = createApiClient({ baseUrl: teamServer.url, token: made.alice.token, retryBaseDelayMs: 20 });
    bob = createApiClient({ baseUrl: teamServer.url, token: made.bob.token, retryBaseDelayMs: 20 });
  }, 120_000);
  afterAll(async () => {
    await teamServer?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("another user's log answers 404 everywhere, and their uploads cannot be imported", async () => {
    const log = await alice.logs.createLog({ name: 'alice only' });
    expect((await bob.logs.listLogs()).map((l) => l.log_id)).not.toContain(log.log_id);
    await expectApiError(bob.logs.getLog(log.log_id), 404);
    await expectApiError(bob.logs.listRows(log.log_id), 404);
    await expectApiError(bob.logs.listRevisions(log.log_id), 404);
    await expectApiError(bob.logs.createView(log.log_id, 'v', {}), 404);
    await expectApiError(bob.logs.exportRows(log.log_id, { format: 'csv' }), 404);
    await expectApiError(bob.logs.restore(log.log_id, 0), 404);
    const bobsFile = await uploadText(bob, 'bob.csv', '実験日,摩耗量\n2025-03-03,1\n');
    const err = await expectApiError(alice.logs.importFile(log.log_id, { input_key: bobsFile.key }), 422);
    expect(err.message).toContain('input_key');
    expect((await alice.logs.getLog(log.log_id)).name).toBe('alice only');
  });
});
