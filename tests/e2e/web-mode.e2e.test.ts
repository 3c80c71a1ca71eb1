/**
 * Proves web mode works end to end: the real backend serves the built UI, a real browser renders it in
 * Japanese, reaches the API, and switches to English. Runs where no display exists (CI, servers).
 *
 * Needs `dist/renderer` (run `npx vite build` first; `npm test` builds) and Debian's Chromium
 * (`apt-get install chromium`). Missing either is a failure with a message, never a skip.
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

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(root, 'test-results', 'web-mode.png');
const UI_TIMEOUT_MS = 20_000;

let backend: Awaited<ReturnType<typeof startBackend>> | null = null;
let browser: Browser | null = null;
let page: Page;
let dataDir: string | null = null;
let url: string;
/** Uncaught page exceptions and console errors (a CSP violation shows up here). */
const pageProblems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install -y chromium\` (Playwright's own browsers are not used).`,
    );
  }
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer/index.html is missing: build the UI first with `npx vite build`.');
  }

  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-e2e-'));
  // Hermetic: the embedded database whatever DATABASE_URL says, and only warnings in the test output.
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
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Headless Chromium reports en-US; the analysts' machines report Japanese.
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error')
      pageProblems.push(`console: ${message.text()} (${message.location().url})`);
  });
});

afterAll(async () => {
  await browser?.close();
  await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('web mode', () => {
  it('serves the UI in Japanese and connects to the backend', async () => {
    await page.goto(url);
    expect(await page.title()).toBe('0.00sec');
    await page.getByRole('heading', { level: 1, name: '0.00sec' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('heading', { name: '最近のジョブ' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');

    const connection = page.getByTestId('connection');
    await page
      .locator('[data-testid="connection"][data-state="connected"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await connection.textContent()).toContain('接続済み');
    // A fresh data folder has no jobs; the list still loaded from GET /api/v1/jobs.
    await page.getByText('ジョブはまだありません。').waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Recent jobs' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('connection').textContent()).toContain('Connected');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('raised no page errors or console errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
