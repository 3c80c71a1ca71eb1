/**
 * Launches the real desktop app with Playwright's `_electron`: the window opens on app://, the embedded backend
 * starts, the page reaches it through the CSP and CORS with its token, and the bridge is the only shell API.
 *
 * Needs Electron's binary (`node node_modules/electron/install.js` downloads it) and a display (or `xvfb-run`), plus
 * `npm run build`. Where the binary cannot be had (CI here: only the npm registry is reachable) it is skipped with
 * the reason printed. README "Desktop app" › "Electron smoke test" says how to run it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright';
import type { ElectronApplication, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Electron executable, or why the test cannot run here. */
function electronBinary(): { path: string } | { reason: string } {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      reason:
        'Electron binary not installed (run `node node_modules/electron/install.js` with internet access)',
    };
  }
  const executable = path.join(
    root,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  );
  if (!existsSync(executable)) return { reason: `Electron binary missing at ${executable}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return {
      reason: 'no display (run under `xvfb-run -a npx vitest run tests/e2e/electron-smoke.e2e.test.ts`)',
    };
  }
  if (!existsSync(path.join(root, 'dist', 'src-main', 'main.js')))
    return { reason: 'run `npm run build` first' };
  return { path: executable };
}

const binary = electronBinary();
const skipReason = 'reason' in binary ? binary.reason : null;
if (skipReason) console.log(`[electron-smoke] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'zerosec-electron-'));
    app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [root, `--user-data-dir=${path.join(tmp, 'user-data')}`],
      env: { ...process.env, ZEROSEC_DATA_DIR: path.join(tmp, 'data') } as Record<string, string>,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForURL('app://zerosec/index.html', { timeout: 120_000 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('shows the UI from app:// in a sandboxed, isolated window', async () => {
    await expect(page.title()).resolves.toContain('0.00sec');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    // No Node in the page (nodeIntegration off, sandboxed, isolated): only the bridge's functions.
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  });

  it('reaches the embedded backend with its token through CSP and CORS', async () => {
    const result = await page.evaluate(async () => {
      const bridge = (
        globalThis as unknown as { zeroSec: { getBackend(): Promise<{ url: string; token: string }> } }
      ).zeroSec;
      const { url, token } = await bridge.getBackend();
      const jobs = await fetch(`${url}/api/v1/jobs`, { headers: { authorization: `Bearer ${token}` } });
      const blocked = await fetch('https://example.com/').then(
        () => 'fetched',
        () => 'blocked',
      );
      return { url, status: jobs.status, blocked };
    });
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.status).toBe(200);
    expect(result.blocked).toBe('blocked');
  });

  it('refuses to open new windows', async () => {
    await page.evaluate(() =>
      (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'),
    );
    expect(app.windows()).toHaveLength(1);
  });
});
