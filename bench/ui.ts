/**
 * Prints the built UI's bundle sizes and how fast it first renders in Debian's Chromium, served by a real backend
 * (web mode): figures only, no assertions. Run `npx vite build && npx tsx bench/ui.ts` (`RUNS=10` for more runs).
 *
 * first contentful paint: the first text on screen (the header, drawn by React: index.html itself is empty);
 * app ready: until the jobs list has answered (the page is usable); result view: opening a finished linear job's page
 * until its four Plotly charts are drawn (Plotly, 4.5 MB, is fetched then); cold = a fresh browser profile each run.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { startBackend } from '../backend/app/start-backend.js';
import { createApiClient } from '../src-shared/client/api-client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist', 'renderer');
const RUNS = Number(process.env.RUNS ?? 5);
const CHROMIUM = '/usr/bin/chromium';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function bundleSizes(): Promise<void> {
  const assets = path.join(dist, 'assets');
  const files = (await readdir(assets)).filter((f) => !f.endsWith('.map')).sort();
  console.log('bundle (dist/renderer/assets)      raw        gzip');
  let initialRaw = 0;
  let initialGzip = 0;
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  for (const file of files) {
    const bytes = await readFile(path.join(assets, file));
    const gz = gzipSync(bytes).length;
    const initial = html.includes(`assets/${file}`);
    if (initial) {
      initialRaw += bytes.length;
      initialGzip += gz;
    }
    console.log(
      `  ${(file + (initial ? ' *' : '')).padEnd(32)} ${kb(bytes.length).padStart(10)} ${kb(gz).padStart(10)}`,
    );
  }
  const htmlSize = (await stat(path.join(dist, 'index.html'))).size;
  console.log(`  * loaded by index.html (${kb(htmlSize)}): ${kb(initialRaw)} raw, ${kb(initialGzip)} gzip`);
}

async function firstRender(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-bench-ui-'));
  const backend = await startBackend({
    mode: 'all',
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env: { ZEROSEC_LOG_LEVEL: 'warn' },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const client = createApiClient({ baseUrl: backend.url! });
    const sample = await readFile(path.join(root, 'resources', 'samples', 'brush-deburring.csv'));
    const { jobId } = await client.submitAndWait({
      file: { name: 'brush-deburring.csv', body: sample, size: sample.length, contentType: 'text/csv' },
      jobType: 'linear_analysis',
      parameters: { target_column: '摩耗量' },
      timeoutMs: 60_000,
    });
    const fcp: number[] = [];
    const ready: number[] = [];
    const result: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(backend.url!);
      await page.getByTestId('jobs-table').waitFor({ timeout: 30_000 });
      const readyAt = await page.evaluate(() => performance.now());
      const paint = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      );
      fcp.push(paint);
      ready.push(readyAt);
      const start = Date.now();
      await page.goto(`${backend.url!}#/jobs/${jobId}`);
      await page.locator('.plot-host .main-svg').nth(7).waitFor({ timeout: 60_000 });
      result.push(Date.now() - start);
      await context.close();
    }
    console.log(`first render in Chromium, cold, ${RUNS} runs (ms from navigation start):`);
    console.log(
      `  first contentful paint   median ${median(fcp).toFixed(0)}  min ${Math.min(...fcp).toFixed(0)}  max ${Math.max(...fcp).toFixed(0)}`,
    );
    console.log(
      `  app ready (jobs listed)  median ${median(ready).toFixed(0)}  min ${Math.min(...ready).toFixed(0)}  max ${Math.max(...ready).toFixed(0)}`,
    );
    console.log(
      `  result view (4 charts)   median ${median(result).toFixed(0)}  min ${Math.min(...result).toFixed(0)}  max ${Math.max(...result).toFixed(0)}  (from opening the job page)`,
    );
  } finally {
    await browser.close();
    await backend.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error('dist/renderer/index.html is missing: run `npx vite build` first.');
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  process.exit(1);
}
await bundleSizes();
await firstRender();
