/**
 * The experiment log's loop through the built UI, in Debian's Chromium against a real backend (embedded mode):
 * create a log, add a design's runs to it from the optimization result view, import the filled-in experiment form
 * (built here with exceljs from the job's own experiment-form.xlsx) with its preview, re-import it to see
 * "nothing to change", filter the done runs and save the filter as a view, analyse the view with
 * `linear_analysis`, design the next runs (`optimization`) from the done rows (candidates generated from the levels they used, the done runs kept as the
 * existing design) and add those runs back to the log, and restore an earlier revision from the history. axe-core checks every log screen; screenshots go to test-results/log-*.png.
 *
 * The first design is defined from scratch in the New analysis form's factor editor (factors, the brush one-hot
 * group, no existing runs: the browser sends a header-only CSV); the API client only reads results back.
 *
 * Needs `dist/renderer` (`npm run build`) and /usr/bin/chromium; missing either is a failure, never a skip.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/client/api-client.js';
import type { ApiClient } from '../../src-shared/client/api-client.js';
import {
  seriousA11yViolations,
  startBrowserSession,
  UI_TIMEOUT_MS,
  waitConnected,
  waitJobCompleted,
} from '../support/browser-session.js';
import type { BrowserSession } from '../support/browser-session.js';

const BRUSHES = ['A13', 'A11', 'A21', 'A32'];
const MACHINING = ['回転速度', '送り速度', 'UPカット', '切込量', '突出量', '載せ率', 'パス数'];
const RUNS = 16;
/** Runs measured in the filled-in form; the rest stay planned. */
const MEASURED = 12;

let session: BrowserSession;
let page: Page;
let client: ApiClient;
let logId = '';
let designJobId = '';

async function checkA11y(where: string): Promise<void> {
  expect(await seriousA11yViolations(page), where).toEqual([]);
}

/** The design's form, filled in as the operator would: measurements and a date for the first MEASURED runs. */
async function filledForm(formBytes: Uint8Array): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(formBytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map((v) => (v === undefined ? '' : String(v)));
  const col = (name: string) => {
    const index = header.indexOf(name);
    if (index < 1) throw new Error(`the form has no column ${name}: ${header.join(', ')}`);
    return index;
  };
  for (let i = 0; i < MEASURED; i++) {
    const row = sheet.getRow(i + 2);
    row.getCell(col('上面ダレ量')).value = 0.12 + 0.02 * (i % 7);
    row.getCell(col('側面ダレ量')).value = 0.08 + 0.01 * (i % 5);
    row.getCell(col('摩耗量')).value = 0.001 * (1 + (i % 9));
    // Dates as the operators type them: some real Excel dates, some text.
    row.getCell(col('実験日')).value =
      i % 2 === 0 ? new Date(Date.UTC(2026, 10, 20 + (i % 4))) : `2026/11/${20 + (i % 4)}`;
    row.commit();
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The grid's row count line; poll it (expect.poll), as the rows are refetched after a change. */
async function gridTotal(): Promise<string> {
  const total = page.getByTestId('log-grid').getByTestId('grid-total');
  await total.waitFor({ timeout: UI_TIMEOUT_MS });
  return (await total.textContent()) ?? '';
}

beforeAll(async () => {
  session = await startBrowserSession({ name: 'log-e2e', acceptDownloads: true });
  page = session.page;
  client = createApiClient({ baseUrl: session.url });
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe.sequential('experiment log (web mode)', () => {
  it('creates a log from the logs page with the default brush-deburring profile', async () => {
    await page.goto(session.url);
    await waitConnected(page);
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '実験ログ' }).click();
    await page.waitForURL(/#\/logs$/);
    const form = page.getByTestId('create-log-form');
    await form.getByLabel('名前').fill('ライン1 バリ取り');
    await form.getByLabel('説明（任意）').fill('2026年11月 A11/A21 比較');
    expect(await form.getByLabel('列定義（プロファイル）').inputValue()).toBe('brush-deburring');
    await checkA11y('logs page');
    await session.shot('log-01-logs');
    await form.getByRole('button', { name: '作成' }).click();
    await page.waitForURL(/#\/logs\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
    logId = page.url().split('/').pop()!;
    expect(await page.getByTestId('log-facts').textContent()).toContain('行数：0');
  }, 120_000);

  it('adds the runs of a finished design to the log from the optimization result view', async () => {
    // Generated candidates with the brush one-hot group, defined in the form's factor editor (no data set).
    await page.goto(session.url);
    await waitConnected(page);
    await page.getByTestId('job-type-picker').selectOption('optimization');
    const form = page.getByTestId('optimization-form');
    await form.waitFor({ timeout: UI_TIMEOUT_MS });
    await form.getByRole('radio', { name: '因子と水準をここで定義して候補を作る' }).check();
    // No data set chosen: the design starts from scratch, said explicitly.
    expect(await form.getByRole('radio', { name: /実施済みの実験なし/ }).isChecked()).toBe(true);
    const factors: Array<{
      name: string;
      levels?: string;
      range?: [string, string, string];
      categorical?: true;
    }> = [
      { name: '直径', levels: '6, 15' },
      { name: '材料', levels: 'Steel、Alumi', categorical: true },
      { name: '線材長', levels: '50, 75' },
      { name: '線材本数', levels: '６、８' },
      { name: '回転速度', range: ['2000', '6000', '4000'] },
      { name: '送り速度', range: ['500', '2000', '1500'] },
      { name: 'UPカット', levels: '0, 1' },
      { name: '切込量', levels: '0.5, 1' },
      { name: '突出量', levels: '10, 20' },
      { name: '載せ率', levels: '0.4, 0.6' },
      { name: 'パス数', levels: '1, 2' },
    ];
    for (const [k, factor] of factors.entries()) {
      const row = k + 1;
      if (row > 1) await form.getByRole('button', { name: '因子を追加' }).click();
      await form.getByLabel(`因子 ${row}：名前`).fill(factor.name);
      if (factor.categorical) {
        await form.getByLabel(`因子 ${row}：種類`).selectOption('categorical');
      } else if (factor.levels) {
        await form.getByLabel(`因子 ${row}：水準の指定`).selectOption('list');
      }
      if (factor.range) {
        await form.getByLabel(`因子 ${row}：最小`).fill(factor.range[0]);
        await form.getByLabel(`因子 ${row}：最大`).fill(factor.range[1]);
        await form.getByLabel(`因子 ${row}：刻み`).fill(factor.range[2]);
      } else {
        await form.getByLabel(`因子 ${row}：水準`, { exact: true }).fill(factor.levels!);
      }
    }
    // The brush members come from the group (exactly one is 1), not from factor definitions.
    await form.getByRole('button', { name: 'ワンホットグループを追加' }).click();
    await form.getByLabel('ワンホットグループ 1 の列').fill(BRUSHES.join(', '));
    expect(await form.getByTestId('grid-points').textContent()).toBe(
      `格子点：${(4 * 2 ** 11).toLocaleString()} 点`,
    );
    await form.getByLabel('実験数').fill(String(RUNS));
    await form.getByLabel('開始点の数').fill('2');
    await checkA11y('factor editor');
    await session.shot('log-02-factor-editor');
    await form.getByTestId('start-analysis').click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
    designJobId = page.url().split('/').pop()!;
    await waitJobCompleted(page, 180_000);
    const status = await client.getStatus(designJobId);
    expect(status.status, JSON.stringify(status.error)).toBe('completed');
    expect(status.parameters).toMatchObject({
      num_points: RUNS,
      n_starts: 2,
      model: 'main_effects',
      one_hot_groups: [BRUSHES],
      factors: [
        { name: '直径', levels: [6, 15] },
        { name: '材料', type: 'categorical', levels: ['Steel', 'Alumi'] },
        { name: '線材長', levels: [50, 75] },
        { name: '線材本数', levels: [6, 8] },
        { name: '回転速度', min: 2000, max: 6000, step: 4000 },
        { name: '送り速度', min: 500, max: 2000, step: 1500 },
        { name: 'UPカット', levels: [0, 1] },
        { name: '切込量', levels: [0.5, 1] },
        { name: '突出量', levels: [10, 20] },
        { name: '載せ率', levels: [0.4, 0.6] },
        { name: 'パス数', levels: [1, 2] },
      ],
    });

    await page.goto(`${session.url}#/jobs/${designJobId}`);
    const add = page.getByTestId('add-runs-to-log');
    await add.waitFor({ timeout: 60_000 });
    await add.getByLabel('追加先の実験ログ').selectOption(logId);
    await add.getByRole('button', { name: 'この実験を実験ログに追加' }).click();
    const done = add.getByTestId('add-runs-done');
    await done.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await done.textContent()).toContain(`${RUNS} 件の実験を計画中として追加しました（版 1）`);
    await session.shot('log-02-add-runs', add);
    await done.getByRole('link', { name: '実験ログを開く' }).click();
    await page.waitForURL(new RegExp(`#/logs/${logId}$`));
    await expect.poll(gridTotal, { timeout: UI_TIMEOUT_MS }).toBe(`${RUNS} 行中 1〜${RUNS} 行目`);
    expect(await page.locator('[data-testid="log-grid"] tbody tr[data-status="planned"]').count()).toBe(RUNS);
  }, 240_000);

  it('imports the filled-in form: preview with counts and mapping, commit, and a re-import changes nothing', async () => {
    const { artifacts } = await client.listArtifacts(designJobId);
    const form = artifacts.find((a) => a.file_name === 'experiment-form.xlsx');
    expect(form, artifacts.map((a) => a.file_name).join(', ')).toBeTruthy();
    const filled = await filledForm((await client.download(designJobId, form!.file_key)).bytes);
    const file = {
      name: '実験フォーム_記入済み.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: filled,
    };

    await page
      .getByRole('navigation', { name: '実験ログの画面' })
      .getByRole('link', { name: '取り込み' })
      .click();
    await page.waitForURL(/\/import$/);
    await page.getByTestId('log-import').locator('input[type=file]').setInputFiles(file);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor({ timeout: 60_000 });
    const count = async (action: string) =>
      Number(await preview.locator(`[data-action="${action}"] dd`).first().textContent());
    // The measured runs fill in their planned rows (matched on every key column but the date).
    expect(await count('update')).toBe(MEASURED);
    expect(await count('insert')).toBe(0);
    expect(await count('rejected')).toBe(0);
    // The form's run number and source columns are not in the profile: shown as ignored.
    await preview.getByText(/列の対応/).click();
    expect(await preview.locator('[data-testid="column-mapping"] tr.ignored-column').count()).toBeGreaterThan(
      0,
    );
    await checkA11y('import preview');
    await session.shot('log-03-import-preview');

    await page.getByTestId('import-commit').click();
    const done = page.getByTestId('import-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain('版 2 として取り込みました');

    await done.getByRole('button', { name: '別のファイルを取り込む' }).click();
    await page.getByTestId('log-import').locator('input[type=file]').setInputFiles(file);
    const nothing = page.getByTestId('nothing-to-change');
    await nothing.waitFor({ timeout: 60_000 });
    expect(await nothing.textContent()).toContain('変更はありません');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'キャンセル' }).click();
  }, 180_000);

  it('filters the done runs by date (open end) and saves the filter as a view', async () => {
    await page
      .getByRole('navigation', { name: '実験ログの画面' })
      .getByRole('link', { name: 'データ' })
      .click();
    await page.waitForURL(new RegExp(`#/logs/${logId}$`));
    await expect.poll(gridTotal, { timeout: UI_TIMEOUT_MS }).toBe(`${RUNS} 行中 1〜${RUNS} 行目`);
    const filter = page.getByTestId('row-filter');
    await filter.getByLabel('開始日').fill('2026-11-20');
    await filter.getByRole('checkbox', { name: '実施済み' }).check();
    await filter.getByRole('button', { name: '適用' }).click();
    await page
      .getByTestId('grid-total')
      .filter({ hasText: `${MEASURED} 行中` })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('[data-testid="log-grid"] tbody tr[data-status="done"]').count()).toBe(
      MEASURED,
    );

    const views = page.getByTestId('saved-views');
    await views.getByLabel('いまの絞り込みをビューとして保存：名前').fill('11月 実施済み');
    await views.getByRole('button', { name: 'ビューを保存' }).click();
    await views
      .getByRole('button', { name: '11月 実施済み', exact: true })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(
      await views.getByRole('button', { name: '11月 実施済み', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await checkA11y('log rows');
    await session.shot('log-04-rows-filtered');

    // The export holds the view's rows: a header and one line per done run.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('log-use').getByRole('button', { name: 'CSV で書き出す' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = (await readFile(await download.path())).toString('utf8').replace(/^\ufeff/, '');
    const lines = csv.split(/\r?\n/).filter((line) => line !== '');
    expect(lines).toHaveLength(MEASURED + 1);
    expect(lines[0]).toContain('上面ダレ量');
  }, 120_000);

  it('analyses the view with linear_analysis, its provenance recorded in result.json', async () => {
    await page.getByTestId('analyse-rows').click();
    await page.waitForURL(/#\/$/, { timeout: UI_TIMEOUT_MS });
    const card = page.getByTestId('log-input');
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await card.textContent()).toContain(`${MEASURED} 行（11月 実施済み`);
    const form = page.getByTestId('linear-form');
    await form.getByTestId('target-picker').getByLabel('上面ダレ量').check();
    const features = form.getByTestId('feature-picker');
    for (const name of ['回転速度', '送り速度', '切込量']) await features.getByLabel(name).check();
    await checkA11y('analysis form with log rows');
    await session.shot('log-05-analysis-form');
    await form.getByTestId('start-analysis').click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
    const jobId = page.url().split('/').pop()!;
    await waitJobCompleted(page, 180_000);
    // The result view says where the rows came from.
    const detail = page.getByTestId('job-detail');
    await detail.getByTestId('linear-result').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await detail.getByTestId('log-source').textContent()).toContain(
      `実験ログ「ライン1 バリ取り」の ${MEASURED} 行（11月 実施済み`,
    );
    await checkA11y('linear result from log rows');
    const result = await client.getResult(jobId);
    expect(result.job_type).toBe('linear_analysis');
    expect(result.input_source).toMatchObject({
      kind: 'experiment_log',
      log_id: logId,
      view_name: '11月 実施済み',
      rows: MEASURED,
    });
  }, 240_000);

  it('designs the next runs (optimization) from the done rows of the log', async () => {
    await page.goto(`${session.url}#/logs/${logId}`);
    await gridTotal();
    await page.getByTestId('design-next').click();
    await page.waitForURL(/#\/$/, { timeout: UI_TIMEOUT_MS });
    const form = page.getByTestId('optimization-form');
    await form.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByTestId('job-type-picker').inputValue()).toBe('optimization');
    // The candidates are generated from the levels the done runs used; the done runs are the existing design.
    const source = form.getByTestId('candidate-source');
    expect(await source.getByRole('radio', { name: /水準の組合せから候補を作る/ }).isChecked()).toBe(true);
    expect(await form.getByTestId('candidate-file').textContent()).toContain('実施済みの実験');
    expect(await form.getByTestId('factor-picker').count()).toBe(0);
    await checkA11y('next design form');
    await session.shot('log-07-next-design-form');
    await form.getByLabel('実験数').fill('8');
    await form.getByTestId('start-analysis').click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
    const jobId = page.url().split('/').pop()!;
    await waitJobCompleted(page, 180_000);
    const status = await client.getStatus(jobId);
    expect(status.job_type).toBe('optimization');
    expect(status.parameters).toMatchObject({ num_points: 8, one_hot_groups: [BRUSHES] });
    const factorNames = (status.parameters as { factors: { name: string }[] }).factors.map((f) => f.name);
    for (const name of MACHINING) expect(factorNames).toContain(name);
    const result = await client.getResult(jobId);
    expect(result.input_source).toMatchObject({ log_id: logId, filter: { status: ['done'] } });
    if (result.job_type !== 'optimization') throw new Error(`unexpected ${result.job_type}`);
    // The done runs are kept as the existing design and 8 new runs are added to them.
    expect(result.body.n_existing).toBe(MEASURED);
    expect(result.body.n_new).toBe(8);
    const detail = page.getByTestId('job-detail');
    await detail.getByTestId('optimization-result').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await detail.getByTestId('log-source').textContent()).toContain('状態: 実施済み');

    // Closing the loop: the next runs go back into the log as planned rows.
    const add = detail.getByTestId('add-runs-to-log');
    await add.getByLabel('追加先の実験ログ').selectOption(logId);
    await add.getByRole('button', { name: 'この実験を実験ログに追加' }).click();
    const done = add.getByTestId('add-runs-done');
    await done.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await done.textContent()).toMatch(/\d+ 件の実験を計画中として追加しました（版 3）/);
    // A new run equal (on the key) to a run still planned is not planned twice.
    const added = (await client.logs.listRevisions(logId)).find((r) => r.revision === 3)!;
    expect(added).toMatchObject({ kind: 'planned_from_job', job_id: jobId });
    expect(added.summary.inserted + added.summary.unchanged + added.summary.updated).toBe(8);
  }, 240_000);

  it('restores the revision before the import from the history', async () => {
    await page.goto(`${session.url}#/logs/${logId}/history`);
    const history = page.getByTestId('log-history');
    await history.locator('tbody tr').first().waitFor({ timeout: UI_TIMEOUT_MS });
    const rows = history.locator('tbody tr');
    const revisions: (string | null)[] = [];
    for (let i = 0; i < (await rows.count()); i++)
      revisions.push(await rows.nth(i).getAttribute('data-revision'));
    expect(revisions).toEqual(['3', '2', '1']);
    await checkA11y('history');
    await session.shot('log-06-history');
    await history.getByRole('button', { name: '版 1 に戻す' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
    await checkA11y('restore dialog');
    await dialog.getByRole('button', { name: '戻す' }).click();
    await history.locator('tbody tr[data-revision="4"]').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await history.locator('tbody tr[data-revision="4"]').textContent()).toContain('版 1 に戻した');

    await page
      .getByRole('navigation', { name: '実験ログの画面' })
      .getByRole('link', { name: 'データ' })
      .click();
    await expect.poll(gridTotal, { timeout: UI_TIMEOUT_MS }).toBe(`${RUNS} 行中 1〜${RUNS} 行目`);
    expect(await page.locator('[data-testid="log-grid"] tbody tr[data-status="planned"]').count()).toBe(RUNS);
    expect(session.problems).toEqual([]);
  }, 120_000);
});
