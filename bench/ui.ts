/**
 * Prints the built UI's bundle sizes and how fast it first renders in Debian's Chromium, served by a real backend
 * (web mode): figures only, no assertions. Run `npx vite build && npx tsx bench/ui.ts` (`RUNS=10` for more runs).
 *
 * first contentful paint: the first text on screen (the header, drawn by React: index.html itself is empty);
 * app ready: until the jobs list has answered (the page is usable); result view: opening a finished linear job's page
 * until its four Plotly charts are drawn (Plotly, 4.5 MB, is fetched then); cold = a fresh browser profile each run.
 *
 * Pareto, 100,000 points: a pareto result.json with a 100,000-row front (3 objectives) is put into the page's offline
 * cache and its job page opened: render = until the three pairwise WebGL (`scattergl`) plots and the parallel
 * coordinates are drawn (strict Plotly bundle, under the page's CSP); hover = from moving the mouse onto a plot to
 * Plotly's hover event and its label; relayout = a drag-zoom on a 100,000-point plot until Plotly has redrawn it.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
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
    if (process.env.ONLY_PARETO === '1') {
      await paretoBench(backend.url!);
      return;
    }
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
    if (process.env.PARETO !== '0') await paretoBench(backend.url!);
  } finally {
    await browser.close();
    await backend.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const PARETO_JOB_ID = '5a2d8b6f-7c9e-4f1a-9b4c-6d7e8f901234';
const PARETO_POINTS = Number(process.env.PARETO_POINTS ?? 100_000);

/** A seeded front-like cloud: three objectives (two minimised, one maximised) and three conditions per row. */
function paretoResult(n: number): unknown {
  let a = 12345;
  const rand = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const front = Array.from({ length: n }, () => {
    const u = rand();
    const v = rand();
    return {
      摩耗量: 1 + 3 * u,
      上面ダレ量: 1 + 3 * (1 - u) * v,
      加工速度: 100 + 200 * u * (1 - v),
      回転速度: 1000 + 1200 * rand(),
      送り速度: 300 + 450 * rand(),
      切込量: 0.2 + 0.2 * rand(),
    };
  });
  const objectives = [
    { column: '摩耗量', direction: 'min' },
    { column: '上面ダレ量', direction: 'min' },
    { column: '加工速度', direction: 'max' },
  ];
  return {
    job_id: PARETO_JOB_ID,
    job_type: 'pareto',
    schema_version: 1,
    engine_version: 'bench',
    input_sha256: '0'.repeat(64),
    started_at: '2026-11-30T00:00:00.000Z',
    finished_at: '2026-11-30T00:00:01.000Z',
    warnings: [],
    parameters: { objectives },
    body: { objectives, n_evaluated: n, n_front: n, front },
  };
}

/* Browser globals the in-page callbacks use (this file is type-checked with Node's libs). */
interface InPageDb {
  transaction(
    stores: string[],
    mode: 'readwrite',
  ): {
    objectStore(name: string): { put(value: unknown, key: string): void };
    oncomplete: (() => void) | null;
  };
  close(): void;
}
declare const indexedDB: {
  open(name: string): {
    result: InPageDb;
    error: unknown;
    onsuccess: (() => void) | null;
    onerror: (() => void) | null;
  };
};
interface GraphDiv {
  on(event: string, handler: () => void): void;
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
}

async function paretoBench(url: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // WebGL without a GPU: Chromium's software renderer (SwiftShader through ANGLE).
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.includes(PARETO_JOB_ID)) problems.push(m.text());
    });
    await page.goto(url);
    await page.getByTestId('jobs-table').waitFor({ timeout: 30_000 });
    const result = paretoResult(PARETO_POINTS);
    await page.evaluate(
      async ({ result, jobId }) => {
        const db = await new Promise<InPageDb>((resolve, reject) => {
          const request = indexedDB.open('zerosec-cache');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction(['jobs', 'results'], 'readwrite');
        const r = result as { started_at: string; finished_at: string; parameters: unknown };
        tx.objectStore('jobs').put(
          {
            job_id: jobId,
            job_type: 'pareto',
            status: 'completed',
            progress: 100,
            stage: null,
            message: null,
            error: null,
            attempts: 1,
            input_key: `inputs/${jobId}/front.csv`,
            parameters: r.parameters,
            created_at: r.started_at,
            updated_at: r.finished_at,
            started_at: r.started_at,
            finished_at: r.finished_at,
          },
          jobId,
        );
        tx.objectStore('results').put({ jobId, result, artifacts: [], cachedAt: r.finished_at }, jobId);
        await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
        db.close();
      },
      { result, jobId: PARETO_JOB_ID },
    );
    const start = Date.now();
    await page.goto(`${url}#/jobs/${PARETO_JOB_ID}`);
    const pair = page.getByTestId('plot-pair-0-1');
    try {
      // Plotly marks a finished draw with its SVG layers; WebGL traces draw into the .gl-canvas-* canvases.
      for (const id of ['plot-pair-0-1', 'plot-pair-0-2', 'plot-pair-1-2', 'plot-parcoords']) {
        await page
          .getByTestId(id)
          .locator('.main-svg')
          .first()
          .waitFor({ state: 'attached', timeout: 120_000 });
      }
      await pair.locator('canvas.gl-canvas-context').first().waitFor({ state: 'attached', timeout: 120_000 });
    } catch (error) {
      await mkdir(path.join(root, 'test-results'), { recursive: true });
      await page.screenshot({ path: path.join(root, 'test-results', 'bench-pareto-failed.png') });
      console.error('pareto view did not render; page errors:', problems);
      throw error;
    }
    const rendered = Date.now() - start;
    const drawn = await pair.evaluate(
      (el) => (el as unknown as { data: { type: string; x: unknown[] }[] }).data[0],
    );
    const points = await page.locator('[data-plot="pair-0-1"]').getAttribute('data-points');

    // Hover: move onto the densest part of the first plot, wait for Plotly's hover event and its label.
    await pair.scrollIntoViewIfNeeded();
    const box = (await pair.boundingBox())!;
    await pair.evaluate((el) => {
      const g = el as unknown as GraphDiv & { __hovered?: number };
      g.on('plotly_hover', () => (g.__hovered = performance.now()));
    });
    const hovers: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.mouse.move(box.x + 5, box.y + 5);
      await page.waitForTimeout(100);
      const t0 = await page.evaluate(() => performance.now());
      await pair.evaluate((el) => delete (el as unknown as { __hovered?: number }).__hovered);
      await page.mouse.move(box.x + box.width * (0.3 + 0.1 * i), box.y + box.height * 0.5, { steps: 2 });
      await pair.locator('.hoverlayer .hovertext').first().waitFor({ timeout: 10_000 });
      const t1 = await pair.evaluate(
        (el) => (el as unknown as { __hovered?: number }).__hovered ?? performance.now(),
      );
      hovers.push(t1 - t0);
    }
    const hoverText = await pair.locator('.hoverlayer .hovertext').first().textContent();

    // Relayout: a drag-zoom over the middle of the plot, until Plotly reports the redraw.
    await pair.evaluate((el) => {
      const g = el as unknown as GraphDiv & { __relayout?: number };
      g.on('plotly_afterplot', () => (g.__relayout = performance.now()));
    });
    const relayouts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await pair.evaluate((el) => delete (el as unknown as { __relayout?: number }).__relayout);
      await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 5 });
      const t0 = await page.evaluate(() => performance.now());
      await page.mouse.up();
      await page.waitForFunction(
        (el) => (el as unknown as { __relayout?: number }).__relayout !== undefined,
        await pair.elementHandle(),
        { timeout: 30_000 },
      );
      const t1 = await pair.evaluate((el) => (el as unknown as { __relayout: number }).__relayout);
      relayouts.push(t1 - t0);
      await page.mouse.dblclick(box.x + box.width * 0.5, box.y + box.height * 0.5); // back to autoscale
      await page.waitForTimeout(300);
    }
    console.log(
      `pareto view, ${PARETO_POINTS.toLocaleString('en')} front points (3 objectives, WebGL, strict bundle):`,
    );
    console.log(
      `  trace type ${drawn?.type}, points in first plot ${drawn?.x.length} (data-points ${points})`,
    );
    console.log(
      `  render (3 pairwise plots + parallel coordinates + table)  ${rendered} ms (from opening the job page)`,
    );
    console.log(
      `  hover  median ${median(hovers).toFixed(0)} ms  max ${Math.max(...hovers).toFixed(0)} ms  (${hovers.length} moves; label: ${(hoverText ?? '').slice(0, 60)}…)`,
    );
    console.log(
      `  relayout (drag-zoom)  median ${median(relayouts).toFixed(0)} ms  max ${Math.max(...relayouts).toFixed(0)} ms  (${relayouts.length} zooms)`,
    );
    console.log(`  page errors: ${problems.length === 0 ? 'none' : problems.join(' | ')}`);
    await context.close();
  } finally {
    await browser.close();
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
