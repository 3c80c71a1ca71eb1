/**
 * The analyst's path through the built UI, in Debian's Chromium against a real backend started in-process, as a
 * new user would take it: drop a Shift-JIS CSV (a real `drop` event carrying a DataTransfer), read the preview
 * with its Japanese headers, run `linear_analysis`, watch it reach 100 %, see the result, export a CSV, design an
 * experiment (`optimization`) on a dropped UTF-8 candidate grid and read its runs and PCA plot, then stop
 * the backend, reload, and find the finished result again from the offline cache. axe-core checks every screen.
 *
 * Needs `dist/renderer` (`npx vite build`) and /usr/bin/chromium; missing either is a failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { chromium } from 'playwright';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../backend/app/start-backend.js';
import { LinearAnalysisBody } from '../../src-shared/api/linear-result.js';
import { OptimizationBody } from '../../src-shared/api/optimization-result.js';
import { createApiClient } from '../../src-shared/client/api-client.js';
import type { ApiClient } from '../../src-shared/client/api-client.js';

/*
 * The browser globals that the callbacks run inside the page use: this file is type-checked with Node's libs only
 * (tsconfig.json), so they are declared here, for this module alone.
 */
interface InPageRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface InPageDatabase {
  transaction(
    stores: string[],
    mode: 'readwrite',
  ): {
    objectStore(name: string): { put(value: unknown, key: string): void };
    oncomplete: (() => void) | null;
  };
  close(): void;
}
declare const indexedDB: { open(name: string): InPageRequest<InPageDatabase> };
declare const document: {
  querySelector(selector: string): { dispatchEvent(event: unknown): boolean } | null;
};
declare const DataTransfer: new () => { items: { add(file: unknown): void } };
declare const DragEvent: new (
  type: string,
  init: { bubbles: boolean; cancelable: boolean; dataTransfer: unknown },
) => unknown;
declare const navigator: { serviceWorker: { ready: Promise<unknown> } };
declare const Notification: { permission: string };
declare const window: unknown;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(root, 'test-results');
const UI_TIMEOUT_MS = 30_000;
const FIXTURE_PATH = path.join(root, 'src-renderer/features/results/__fixtures__/linear-result.json');
const HEADERS = ['回転速度', '送り速度', '切込量', '摩耗量'];

let backend: Awaited<ReturnType<typeof startBackend>> | null = null;
let browser: Browser | null = null;
let page: Page;
let dataDir: string | null = null;
let url: string;
let client: ApiClient;
let jobId = '';
let backendStopped = false;
const pageProblems: string[] = [];

/** 24 runs of a plausible wear study, written as a Japanese Excel would: Shift-JIS, CRLF. */
function shiftJisCsv(): Buffer {
  const lines = [HEADERS.join(',')];
  for (let i = 0; i < 24; i++) {
    const rpm = 1200 + 300 * (i % 5);
    const feed = 300 + 150 * (Math.floor(i / 5) % 4);
    const depth = 0.2 + 0.1 * ((i * 3 + 1) % 4);
    const wobble = (((i * 37) % 11) - 5) / 20;
    const wear = 0.002 * rpm - 0.004 * feed + 6 * depth + 1.5 + wobble;
    lines.push([rpm, feed, depth.toFixed(1), wear.toFixed(3)].join(','));
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'Shift_JIS');
}

async function shot(name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `analyst-${name}.png`), fullPage: true });
}

/** axe-core in the page; returns the serious and critical violations. */
async function seriousA11yViolations(): Promise<string[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate() goes through the DevTools protocol, so the page's CSP does not block the injected engine.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function downloadText(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install -y chromium\`.`,
    );
  }
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer/index.html is missing: build the UI first with `npx vite build`.');
  }
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-analyst-e2e-'));
  backend = await startBackend({
    mode: 'all',
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env: { ZEROSEC_LOG_LEVEL: 'warn' },
  });
  if (!backend.url) throw new Error('startBackend({ mode: "all" }) returned no URL');
  url = backend.url.endsWith('/') ? backend.url : `${backend.url}/`;
  client = createApiClient({ baseUrl: url });

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    locale: 'ja-JP',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    // Expected: the fixture job is unknown to the server (404, then read from the cache), and a stopped backend.
    if (
      where.includes(FIXTURE_JOB_ID) ||
      OTHER_FIXTURE_JOB_IDS.some((id) => where.includes(id)) ||
      (backendStopped && message.text().includes('Failed to load resource'))
    )
      return;
    pageProblems.push(`console: ${message.text()} (${where})`);
  });
});

afterAll(async () => {
  await browser?.close();
  if (!backendStopped) await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const FIXTURE_JOB_ID = '6f1c2a8e-4b7d-4e2a-9c1f-3d5b7a9e0c21';
/** Job ids of the other fixtures (make-result-fixtures.mjs): unknown to the server, so its 404s are expected. */
const OTHER_FIXTURE_JOB_IDS = [
  '0b7e3c1a-2d4f-4a6b-8c9d-1e2f3a4b5c6d',
  '1c8f4d2b-3e5a-4b7c-9d0e-2f3a4b5c6d7e',
  '2d9a5e3c-4f6b-4c8d-8e1f-3a4b5c6d7e8f',
  '3e0b6f4d-5a7c-4d9e-9f2a-4b5c6d7e8f90',
  '4f1c7a5e-6b8d-4e0f-8a3b-5c6d7e8f9012',
];

describe.sequential('analyst flow (web mode)', () => {
  it('previews a dropped Shift-JIS CSV with its Japanese headers', async () => {
    await page.goto(url);
    await page
      .locator('[data-testid="connection"][data-state="connected"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    // The offline shell is ready before anything else happens, so the reload at the end can work without a backend.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    const bytes = [...shiftJisCsv()];
    await page.evaluate(
      ({ bytes, name }) => {
        const file = new File([new Uint8Array(bytes)], name, { type: 'text/csv' });
        const transfer = new DataTransfer();
        transfer.items.add(file);
        const zone = document.querySelector('[data-testid="drop-zone"]')!;
        for (const type of ['dragenter', 'dragover', 'drop']) {
          zone.dispatchEvent(
            new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }),
          );
        }
      },
      { bytes, name: '摩耗試験.csv' },
    );
    const table = page.getByTestId('preview-table');
    await table.waitFor({ timeout: UI_TIMEOUT_MS });
    const headers = await table.locator('thead tr').first().locator('th').allTextContents();
    expect(headers.slice(1)).toEqual(HEADERS);
    expect(await table.locator('caption').textContent()).toContain('shift_jis');
    expect(await table.locator('caption').textContent()).toContain('24 行');
    expect(await table.locator('tr.column-stats td').first().textContent()).toContain('数値');
    await shot('01-preview');
    expect(await seriousA11yViolations()).toEqual([]);
  }, 90_000);

  it('runs linear_analysis from the form and watches it reach 100 %', async () => {
    const form = page.getByTestId('linear-form');
    // Submitting without a target is refused in the page, before any request.
    await form.getByRole('button', { name: '解析を開始' }).click();
    await form.getByText('目的変数を 1 つ以上選んでください。').first().waitFor({ timeout: UI_TIMEOUT_MS });

    await page.getByTestId('target-picker').getByLabel('摩耗量').check();
    await form.getByRole('button', { name: '解析を開始' }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
    jobId = page.url().split('/').pop()!;

    const detail = page.getByTestId('job-detail');
    await detail.locator('[data-testid="job-status"][data-status="completed"]').waitFor({ timeout: 60_000 });
    await detail
      .locator('[data-testid="job-progress"][data-percent="100"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await detail.getByTestId('job-progress').textContent()).toContain('100%');
  }, 90_000);

  it('shows the real job result: plots whose point counts match result.json, and CSV export', async () => {
    const { artifacts } = await client.listArtifacts(jobId);
    const resultFile = artifacts.find((a) => a.file_name === 'result.json')!;
    const written = JSON.parse(
      new TextDecoder().decode((await client.download(jobId, resultFile.file_key)).bytes),
    );
    // The UI draws the per-target body of src-shared/api/linear-result.ts; the backend must write exactly that.
    const body = LinearAnalysisBody.parse(written.body);
    const target = body.targets[0]!;
    const isNum = (v: number | null) => typeof v === 'number' && Number.isFinite(v);

    const detail = page.getByTestId('job-detail');
    await detail.getByTestId('linear-result').waitFor({ timeout: UI_TIMEOUT_MS });
    await expectParityPoints(target.rows.filter((r) => isNum(r.oof_predicted) || isNum(r.fitted)).length);
    expect(await plotTracePoints('qq')).toBe(target.rows.filter((r) => isNum(r.studentized_residual)).length);
    expect(await plotTracePoints('residuals')).toBe(
      target.rows.filter((r) => isNum(r.fitted) && isNum(r.residual)).length,
    );
    expect(await detail.getByTestId('equation').textContent()).toBe(target.equation);

    const csv = await downloadText(() => detail.getByRole('button', { name: 'CSV 出力：係数' }).click());
    expect(csv.name).toBe('摩耗量_coefficients.csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('項,推定値,標準誤差,t 値,p 値,95% 信頼区間 下限,95% 信頼区間 上限');
    expect(lines).toHaveLength(target.coefficients.length + 1);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(target.coefficients.map((c) => c.term));

    // The job's own files download from the list.
    const artifactCsv = artifacts.find((a) => a.file_name.endsWith('.csv'))!;
    const file = await downloadText(() =>
      detail.getByRole('button', { name: `${artifactCsv.file_name} をダウンロード` }).click(),
    );
    expect(file.bytes.length).toBe(artifactCsv.size_bytes);
    await shot('02-job-result');
    expect(await seriousA11yViolations()).toEqual([]);
  }, 90_000);

  it('re-runs the finished job with the same parameters (the file is uploaded again from this browser)', async () => {
    const detail = page.getByTestId('job-detail');
    await detail.getByRole('button', { name: `ジョブ ${jobId.slice(0, 8)} を同じ条件で再実行` }).click();
    await page.waitForURL((u) => /#\/jobs\/[0-9a-f-]{36}$/.test(u.hash) && !u.hash.endsWith(jobId), {
      timeout: UI_TIMEOUT_MS,
    });
    const rerunId = page.url().split('/').pop()!;
    await page
      .getByTestId('job-detail')
      .locator('[data-testid="job-status"][data-status="completed"]')
      .waitFor({ timeout: 60_000 });
    const [before, after] = await Promise.all([client.getStatus(jobId), client.getStatus(rerunId)]);
    expect(after.parameters).toEqual(before.parameters);
    expect(after.input_key.split('/').pop()).toBe('摩耗試験.csv');
    await page.getByTestId('linear-result').waitFor({ timeout: UI_TIMEOUT_MS });
  }, 90_000);

  it('draws a two-target result (the fixture, put in the offline cache) with tabs and the in-sample fallback', async () => {
    const fixture = JSON.parse(await readFile(FIXTURE_PATH, 'utf8'));
    // Two targets and a row without an out-of-fold value: cases the real job above does not have.
    await page.evaluate(
      async ({ fixture, jobId }) => {
        const db = await new Promise<InPageDatabase>((resolve, reject) => {
          const request = indexedDB.open('zerosec-cache');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction(['jobs', 'results'], 'readwrite');
        const now = new Date().toISOString();
        tx.objectStore('jobs').put(
          {
            job_id: jobId,
            job_type: 'linear_analysis',
            status: 'completed',
            progress: 100,
            stage: null,
            message: null,
            error: null,
            attempts: 1,
            input_key: `inputs/${jobId}/brush-deburring.csv`,
            parameters: fixture.parameters,
            created_at: fixture.started_at,
            updated_at: now,
            started_at: fixture.started_at,
            finished_at: fixture.finished_at,
          },
          jobId,
        );
        tx.objectStore('results').put({ jobId, result: fixture, artifacts: [], cachedAt: now }, jobId);
        await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
        db.close();
      },
      { fixture, jobId: FIXTURE_JOB_ID },
    );
    await page.goto(`${url}#/jobs/${FIXTURE_JOB_ID}`);
    await page.getByTestId('linear-result').waitFor({ timeout: UI_TIMEOUT_MS });
    await expectParityPoints(fixture.body.targets[0].rows.length);
    const qq = await plotTracePoints('qq');
    expect(qq).toBe(fixture.body.targets[0].rows.length);

    await page.getByRole('tab', { name: '上面ダレ量' }).click();
    await page.getByRole('heading', { name: '目的変数：上面ダレ量' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await plotTracePoints('parity')).toBe(fixture.body.targets[1].rows.length);
    await page.getByRole('tab', { name: '摩耗量' }).click();

    const png = await downloadText(() =>
      page.getByRole('button', { name: '実測値と予測値 を PNG で保存' }).click(),
    );
    expect(png.name).toBe('摩耗量_parity.png');
    expect([...png.bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);

    await shot('03-linear-view');
    expect(await seriousA11yViolations()).toEqual([]);
  }, 90_000);

  it('draws the result views of the job types whose engines land later (fixtures put in the offline cache)', async () => {
    const dir = path.join(root, 'src-renderer/features/results/__fixtures__');
    const views = [
      ['optimization', 'optimization-result.json', 'optimization-result'],
      ['nonlinear_analysis', 'nonlinear-result.json', 'nonlinear-result'],
      ['classification', 'classification-result.json', 'classification-result'],
      ['prediction', 'prediction-result.json', 'prediction-result'],
      ['pareto', 'pareto-result.json', 'pareto-result'],
    ] as const;
    for (const [type, file, testId] of views) {
      const fixture = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
      await seedCachedJob(fixture);
      await page.goto(`${url}#/jobs/${fixture.job_id as string}`);
      await page.getByTestId(testId).waitFor({ timeout: UI_TIMEOUT_MS });
      if (type === 'optimization') {
        const host = page.getByTestId('plot-projection');
        await host.locator('.main-svg').first().waitFor({ timeout: UI_TIMEOUT_MS });
        const counts = await host.evaluate((el) =>
          (el as unknown as { data: { x: unknown[] }[] }).data.map((t) => t.x.length),
        );
        const p = fixture.body.projection;
        expect(counts).toEqual([p.candidates.length, p.existing.length, p.selected.length]);
        await page
          .getByTestId('plot-correlation')
          .locator('.main-svg')
          .first()
          .waitFor({ timeout: UI_TIMEOUT_MS });
        expect(await page.locator('[data-table="opt-runs"] tbody tr').count()).toBe(fixture.body.runs.length);
      }
      if (type === 'pareto') {
        for (const id of ['pair-0-1', 'pair-0-2', 'pair-1-2']) {
          expect(await plotTracePoints(id)).toBe(fixture.body.n_front);
        }
        await page
          .getByTestId('plot-parcoords')
          .locator('.main-svg')
          .first()
          .waitFor({ timeout: UI_TIMEOUT_MS });
      }
      await shot(`07-${type}-view`);
      expect(await seriousA11yViolations(), type).toEqual([]);
    }
  }, 120_000);

  it('designs an experiment: drops a candidate grid, runs optimization (6 runs, quadratic) and reads its result', async () => {
    await page.goto(url);
    await page
      .locator('[data-testid="connection"][data-state="connected"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    // A 3×3 candidate grid of two factors, as UTF-8 (with a BOM, as Excel writes "CSV UTF-8").
    const lines = ['回転速度,送り速度'];
    for (const rpm of [1200, 1500, 1800]) for (const feed of [300, 450, 600]) lines.push(`${rpm},${feed}`);
    const bytes = [...Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8')];
    await dropFile(bytes, '候補点.csv');
    const table = page.getByTestId('preview-table');
    await table.locator('caption').filter({ hasText: '9 行' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect((await table.locator('thead tr').first().locator('th').allTextContents()).slice(1)).toEqual([
      '回転速度',
      '送り速度',
    ]);

    await page.getByRole('combobox', { name: '解析の種類' }).selectOption('optimization');
    const form = page.getByTestId('optimization-form');
    await form.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await form.getByTestId('candidate-file').textContent()).toContain('候補点.csv');
    const factors = page.getByTestId('factor-picker');
    expect(await factors.getByLabel('回転速度').isChecked()).toBe(true);
    expect(await factors.getByLabel('送り速度').isChecked()).toBe(true);
    // An impossible number of runs is refused in the page, before any request.
    await form.getByLabel('実験数').fill('1');
    await form.getByText('2 以上の値にしてください。').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await form.getByLabel('実験数').fill('6');
    await form.getByLabel('モデルの項').selectOption('quadratic');
    await form.getByRole('button', { name: '解析を開始' }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
    const optJobId = page.url().split('/').pop()!;

    const detail = page.getByTestId('job-detail');
    await detail.locator('[data-testid="job-status"][data-status="completed"]').waitFor({ timeout: 60_000 });
    await detail
      .locator('[data-testid="job-progress"][data-percent="100"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await detail.getByTestId('job-progress').textContent()).toContain('100%');
    const status = await client.getStatus(optJobId);
    expect(status.job_type).toBe('optimization');
    expect(status.parameters).toMatchObject({
      num_points: 6,
      model: 'quadratic',
      feature_columns: ['回転速度', '送り速度'],
    });

    const { artifacts } = await client.listArtifacts(optJobId);
    const resultFile = artifacts.find((a) => a.file_name === 'result.json')!;
    const written = JSON.parse(
      new TextDecoder().decode((await client.download(optJobId, resultFile.file_key)).bytes),
    );
    const body = OptimizationBody.parse(written.body);
    expect(body.runs).toHaveLength(6);
    expect(body.n_candidates).toBe(9);

    await detail.getByTestId('optimization-result').waitFor({ timeout: UI_TIMEOUT_MS });
    const runs = page.locator('[data-table="opt-runs"] tbody tr');
    await runs.first().waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await runs.count()).toBe(body.runs.length);
    const host = page.getByTestId('plot-projection');
    await host.locator('.main-svg').first().waitFor({ timeout: UI_TIMEOUT_MS });
    const counts = await host.evaluate((el) =>
      (el as unknown as { data: { x: unknown[] }[] }).data.map((t) => t.x.length),
    );
    const p = body.projection;
    expect(counts).toEqual([p.candidates.length, p.existing.length, p.selected.length]);
    // Every run is drawn as a selected (new) or existing point of the PCA projection.
    expect(counts[1]! + counts[2]!).toBe(body.runs.length);
    expect(counts[2]).toBe(body.runs.filter((r) => r.source === 'new').length);
    await shot('08-optimization');
    expect(await seriousA11yViolations()).toEqual([]);
  }, 120_000);

  it('exports the job list as CSV', async () => {
    await page.goto(url);
    const table = page.getByTestId('jobs-table');
    await table
      .locator(`tr[data-job-id="${jobId}"][data-status="completed"]`)
      .waitFor({ timeout: UI_TIMEOUT_MS });
    const csv = await downloadText(() =>
      page.getByRole('button', { name: 'CSV 出力：最近のジョブ' }).click(),
    );
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8')).toContain(jobId);
    expect(csv.bytes.toString('utf8')).toContain('摩耗試験.csv');
  }, 60_000);

  it('switches language and theme in the settings', async () => {
    await page.getByRole('link', { name: '設定' }).click();
    await page.getByRole('heading', { name: '設定' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('combobox', { name: '表示言語' }).selectOption('en');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await page.getByRole('heading', { name: 'Settings' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    // Notifications are only asked for on a click here, never on load.
    expect(await page.evaluate(() => Notification.permission)).toBe('default');
    await page.goto(`${url}#/jobs/${FIXTURE_JOB_ID}`);
    await page.getByTestId('linear-result').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('plot-parity').locator('.main-svg').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await shot('06-linear-view-en-dark');
    expect(await seriousA11yViolations()).toEqual([]);
    await page.goto(`${url}#/settings`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
    await page.getByRole('combobox', { name: 'テーマ' }).selectOption('system');
  }, 60_000);

  it('keeps the job history and finished results browsable after the backend stops', async () => {
    // Set before closing: a request in flight while the server shuts down fails too (connection reset).
    backendStopped = true;
    await backend!.close();
    await page.goto(`${url}#/jobs/${jobId}`);
    await page.getByTestId('offline-banner').waitFor({ timeout: UI_TIMEOUT_MS });
    const detail = page.getByTestId('job-detail');
    await detail
      .locator('[data-testid="job-status"][data-status="completed"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await detail.getByTestId('linear-result').waitFor({ timeout: UI_TIMEOUT_MS });
    await detail.getByTestId('plot-parity').locator('.main-svg').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await shot('04-offline-job');

    await page.goto(`${url}#/jobs/${FIXTURE_JOB_ID}`);
    await page.getByTestId('linear-result').waitFor({ timeout: UI_TIMEOUT_MS });
    await expectParityPoints(JSON.parse(await readFile(FIXTURE_PATH, 'utf8')).body.targets[0].rows.length);

    await page.goto(url);
    await page.getByTestId('offline-banner').waitFor({ timeout: UI_TIMEOUT_MS });
    await page
      .locator(`[data-testid="jobs-table"] tr[data-job-id="${jobId}"]`)
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await shot('05-offline-home');
    expect(await seriousA11yViolations()).toEqual([]);
  }, 90_000);

  it('raised no page errors or unexpected console errors', () => {
    expect(pageProblems).toEqual([]);
  });
});

/** Puts a finished job and its result.json into the page's offline cache, as if it had been fetched before. */
async function seedCachedJob(fixture: {
  job_id: string;
  job_type: string;
  parameters: unknown;
  started_at: string;
  finished_at: string;
}): Promise<void> {
  await page.evaluate(async (fixture) => {
    const db = await new Promise<InPageDatabase>((resolve, reject) => {
      const request = indexedDB.open('zerosec-cache');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['jobs', 'results'], 'readwrite');
    const jobId = fixture.job_id;
    tx.objectStore('jobs').put(
      {
        job_id: jobId,
        job_type: fixture.job_type,
        status: 'completed',
        progress: 100,
        stage: null,
        message: null,
        error: null,
        attempts: 1,
        input_key: `inputs/${jobId}/data.csv`,
        parameters: fixture.parameters,
        created_at: fixture.started_at,
        updated_at: fixture.finished_at,
        started_at: fixture.started_at,
        finished_at: fixture.finished_at,
      },
      jobId,
    );
    tx.objectStore('results').put(
      { jobId, result: fixture, artifacts: [], cachedAt: fixture.finished_at },
      jobId,
    );
    await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
    db.close();
  }, fixture);
}

/** Drops a file on the drop zone with a real `drop` event carrying a DataTransfer, as a user dragging it would. */
async function dropFile(bytes: number[], name: string): Promise<void> {
  await page.evaluate(
    ({ bytes, name }) => {
      const file = new File([new Uint8Array(bytes)], name, { type: 'text/csv' });
      const transfer = new DataTransfer();
      transfer.items.add(file);
      const zone = document.querySelector('[data-testid="drop-zone"]')!;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    },
    { bytes, name },
  );
}

/** Points in the first trace of a Plotly chart, read from the chart itself. */
async function plotTracePoints(plotId: string): Promise<number> {
  const host = page.getByTestId(`plot-${plotId}`);
  await host.locator('.main-svg').first().waitFor({ timeout: UI_TIMEOUT_MS });
  return host.evaluate((el) => (el as unknown as { data: { x: unknown[] }[] }).data[0]!.x.length);
}

async function expectParityPoints(rows: number): Promise<void> {
  expect(await plotTracePoints('parity')).toBe(rows);
  expect(await page.locator('[data-plot="parity"]').getAttribute('data-points')).toBe(String(rows));
  // The drawn markers, not only the data handed to Plotly.
  expect(
    await page.getByTestId('plot-parity').locator('.scatterlayer .trace').first().locator('.point').count(),
  ).toBe(rows);
}
