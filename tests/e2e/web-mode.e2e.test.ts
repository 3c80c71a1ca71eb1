/**
 * Proves web mode works end to end: the real backend serves the built UI, a real browser renders it in
 * Japanese, reaches the API, and switches to English. Runs where no display exists (CI, servers).
 *
 * Needs `dist/renderer` (run `npx vite build` first; `npm test` builds) and Debian's Chromium
 * (`apt-get install chromium`). Missing either is a failure with a message, never a skip.
 */
import path from 'node:path';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSession } from '../support/browser-session.js';
import type { BrowserSession } from '../support/browser-session.js';

const UI_TIMEOUT_MS = 20_000;

let session: BrowserSession;
let page: Page;
let url: string;

beforeAll(async () => {
  // Hermetic: the embedded database whatever DATABASE_URL says; uncaught page exceptions and console errors (a CSP
  // violation shows up there) are collected in session.problems.
  session = await startBrowserSession({ name: 'web-mode-e2e', viewport: { width: 1280, height: 800 } });
  page = session.page;
  url = session.url;
}, 90_000);

afterAll(async () => {
  await session?.close();
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

    expect(path.basename(await session.shot('web-mode'))).toBe('web-mode.png');
  });

  it('raised no page errors or console errors', () => {
    expect(session.problems).toEqual([]);
  });
});
