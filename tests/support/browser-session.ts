/**
 * One end-to-end session: a real backend (embedded mode, fresh data folder) serving the built UI, and Debian's
 * Chromium driven by Playwright on it, with every page error and console error collected. Shared by the e2e files
 * so each starts, watches and stops the pair the same way; plus the page actions several of them need.
 *
 * Needs `dist/renderer` (`npm run build`) and /usr/bin/chromium; missing either is a failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import type { Browser, ConsoleMessage, Locator, Page } from 'playwright';
import { startBackend } from '../../backend/app/start-backend.js';
import type { RunningBackend } from '../../backend/app/start-backend.js';

/*
 * Browser globals used inside page.evaluate callbacks: this file is type-checked with Node's libs only, so they
 * are declared here, for this module alone.
 */
declare const document: {
  querySelector(selector: string): { dispatchEvent(event: unknown): boolean } | null;
};
declare const window: unknown;
declare const DataTransfer: new () => { items: { add(file: unknown): void } };
declare const DragEvent: new (
  type: string,
  init: { bubbles: boolean; cancelable: boolean; dataTransfer: unknown },
) => unknown;

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS_DIR = path.join(ROOT, 'test-results');
export const UI_TIMEOUT_MS = 30_000;
const require = createRequire(import.meta.url);

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSessionOptions {
  /** Names the temp data folder (`zerosec-<name>-`). */
  name: string;
  viewport?: { width: number; height: number };
  /** Default ja-JP: the analysts' machines report Japanese (headless Chromium says en-US). */
  locale?: string;
  acceptDownloads?: boolean;
  /** Extra backend environment (log level `warn` by default). */
  env?: Record<string, string>;
  /** Console errors this test expects (a 404 of a job only in the offline cache, say); true = not a problem. */
  expectedConsoleError?: (message: ConsoleMessage) => boolean;
}

export interface BrowserSession {
  /** The backend's URL, with a trailing slash: the UI's address. */
  url: string;
  page: Page;
  browser: Browser;
  backend: RunningBackend;
  dataDir: string;
  /** Page errors and unexpected console errors so far. */
  problems: string[];
  /** A screenshot at test-results/<name>.png, of the whole page or of one element; returns its path. */
  shot(name: string, element?: Locator): Promise<string>;
  /** Stops the backend only (to test offline behaviour); close() then leaves it alone. */
  stopBackend(): Promise<void>;
  /** Closes the browser, stops the backend and removes the data folder. */
  close(): Promise<void>;
}

export async function startBrowserSession(options: BrowserSessionOptions): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install -y chromium\`.`,
    );
  }
  if (!existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer/index.html is missing: build the UI first with `npm run build`.');
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `zerosec-${options.name}-`));
  let backend: RunningBackend | null = null;
  let browser: Browser | null = null;
  try {
    backend = await startBackend({
      mode: 'all',
      host: '127.0.0.1',
      port: 0,
      dataDir,
      env: { ZEROSEC_LOG_LEVEL: 'warn', ...options.env },
    });
    if (!backend.url) throw new Error('startBackend({ mode: "all" }) returned no URL');
    const url = backend.url.endsWith('/') ? backend.url : `${backend.url}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      locale: options.locale ?? 'ja-JP',
      viewport: options.viewport ?? { width: 1280, height: 900 },
      acceptDownloads: options.acceptDownloads ?? false,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error' || options.expectedConsoleError?.(message)) return;
      problems.push(`console: ${message.text()} (${message.location().url})`);
    });
    let backendStopped = false;
    const running = backend;
    const openBrowser = browser;
    return {
      url,
      page,
      browser: openBrowser,
      backend: running,
      dataDir,
      problems,
      async shot(name, element) {
        await mkdir(SHOTS_DIR, { recursive: true });
        const file = path.join(SHOTS_DIR, `${name}.png`);
        if (element) await element.screenshot({ path: file });
        else await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      async stopBackend() {
        if (backendStopped) return;
        backendStopped = true;
        await running.close();
      },
      async close() {
        await openBrowser.close();
        if (!backendStopped) {
          backendStopped = true;
          await running.close();
        }
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await backend?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Waits until the page shows it is connected to the backend. */
export async function waitConnected(page: Page): Promise<void> {
  await page
    .locator('[data-testid="connection"][data-state="connected"]')
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Drops a file on the drop zone with a real `drop` event carrying a DataTransfer, as a user dragging it would. */
export async function dropFile(page: Page, bytes: Uint8Array, name: string): Promise<void> {
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
    { bytes: [...bytes], name },
  );
}

/** Submits the New analysis form and returns the new job's id (the page then shows the job). */
export async function submitForm(page: Page, formTestId: string): Promise<string> {
  await page.getByTestId(formTestId).getByTestId('start-analysis').click();
  await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT_MS });
  return page.url().split('/').pop()!;
}

/** Waits until the job shown on the page has completed (a failed job fails the wait with its message). */
export async function waitJobCompleted(page: Page, timeout = 120_000): Promise<void> {
  const status = page.getByTestId('job-detail').getByTestId('job-status');
  await status.and(page.locator('[data-status="completed"], [data-status="failed"]')).waitFor({ timeout });
  if ((await status.getAttribute('data-status')) === 'failed') {
    throw new Error(`the job failed: ${await page.getByTestId('job-detail').textContent()}`);
  }
}

/** Points in each trace of a Plotly chart, read from the chart itself once drawn. */
export async function plotTraceCounts(page: Page, plotId: string): Promise<number[]> {
  const host = page.getByTestId(`plot-${plotId}`);
  await host.locator('.main-svg').first().waitFor({ timeout: UI_TIMEOUT_MS });
  return host.evaluate((el) => (el as unknown as { data: { x: unknown[] }[] }).data.map((t) => t.x.length));
}

/** axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate() goes through the DevTools protocol, so the page's CSP does not block the injected engine.
  await page.evaluate(source);
  return page.evaluate(async () => {
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }
    const axe = (window as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
