/**
 * A real `pareto` job seen in the built UI: the job runs on a real backend (in-process, embedded mode), and
 * Chromium opens it: the pareto view must show as many front points as result.json says, in every pairwise plot,
 * and say how many of how many rows are on the front. The job is submitted through the API client, as the New
 * analysis panel has no pareto form yet. Screenshot: test-results/pareto-job.png.
 *
 * Needs `dist/renderer` (`npm run build`) and /usr/bin/chromium; missing either is a failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../backend/app/start-backend.js';
import { ParetoBody } from '../../src-shared/api/pareto-result.js';
import { createApiClient } from '../../src-shared/client/api-client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const UI_TIMEOUT_MS = 30_000;

let backend: Awaited<ReturnType<typeof startBackend>> | null = null;
let browser: Browser | null = null;
let page: Page;
let dataDir: string | null = null;
let url: string;
const pageProblems: string[] = [];

/** 60 brush runs with three responses on a coarse grid (ties and duplicates on purpose). */
function studyCsv(): string {
  const lines = ['回転速度,送り速度,摩耗量,上面ダレ量,加工速度'];
  for (let i = 0; i < 60; i++) {
    const rpm = 1000 + 200 * (i % 6);
    const feed = 300 + 100 * (Math.floor(i / 6) % 5);
    const wear = Math.round(rpm / 400 + feed / 200 + ((i * 7) % 5));
    const sag = Math.round(12 - rpm / 300 + ((i * 3) % 4));
    const speed = Math.round(feed / 50 + ((i * 11) % 6));
    lines.push([rpm, feed, wear, sag, speed].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer/index.html is missing: build the UI first with `npm run build`.');
  }
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-pareto-e2e-'));
  backend = await startBackend({
    mode: 'all',
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env: { ZEROSEC_LOG_LEVEL: 'warn' },
  });
  if (!backend.url) throw new Error('startBackend({ mode: "all" }) returned no URL');
  url = backend.url.endsWith('/') ? backend.url : `${backend.url}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`console: ${message.text()}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('pareto job (web mode)', () => {
  it('runs on the backend and its view shows the front of result.json', async () => {
    const client = createApiClient({ baseUrl: url });
    const bytes = new TextEncoder().encode(studyCsv());
    const outcome = await client.submitAndWait({
      file: { name: 'pareto.csv', body: bytes, size: bytes.length, contentType: 'text/csv' },
      jobType: 'pareto',
      parameters: {
        objectives: [
          { column: '摩耗量', direction: 'minimize' },
          { column: '上面ダレ量', direction: 'minimize' },
          { column: '加工速度', direction: 'maximize' },
        ],
      },
    });
    expect(outcome.status.status).toBe('completed');
    const jobId = outcome.status.job_id;
    const { artifacts } = await client.listArtifacts(jobId);
    expect(artifacts.map((a) => a.file_name).sort()).toEqual(
      expect.arrayContaining(['pareto-summary.xlsx', 'pareto.csv', 'result.json']),
    );
    const resultFile = artifacts.find((a) => a.file_name === 'result.json')!;
    const written = JSON.parse(
      new TextDecoder().decode((await client.download(jobId, resultFile.file_key)).bytes),
    );
    const body = ParetoBody.parse(written.body);
    expect(body.n_evaluated).toBe(60);
    expect(body.front).toHaveLength(body.n_front);

    await page.goto(`${url}#/jobs/${jobId}`);
    const view = page.getByTestId('pareto-result');
    await view.waitFor({ timeout: UI_TIMEOUT_MS });
    await view.getByText(`60 点中 ${body.n_front} 点がパレート解です`, { exact: false }).waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    for (const id of ['pair-0-1', 'pair-0-2', 'pair-1-2']) {
      const host = page.getByTestId(`plot-${id}`);
      await host.locator('.main-svg').first().waitFor({ timeout: UI_TIMEOUT_MS });
      const points = await host.evaluate(
        (el) => (el as unknown as { data: { x: unknown[] }[] }).data[0]!.x.length,
      );
      expect(points).toBe(body.n_front);
    }
    expect(await page.getByTestId('pareto-facts').textContent()).toContain(
      `順位付きフロント ${body.n_fronts} 個`,
    );
    await mkdir(path.join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'test-results', 'pareto-job.png'), fullPage: true });
    expect(pageProblems).toEqual([]);
  }, 120_000);
});
