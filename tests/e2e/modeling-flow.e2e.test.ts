/**
 * The modelling job types through the built UI's own forms, on a real backend: a `nonlinear_analysis` job (its
 * parity plot must draw every out-of-fold row of result.json, its SHAP importance one bar per feature), a `pareto`
 * job (the view's front = result.json's), and a `prediction` job applying the finished nonlinear model to a new
 * table (its row count), and a `classification` job (OK/NG with its positive value chosen from the preview; the
 * view's confusion matrix, decision counts and ROC curve = result.json's). Small on purpose: 60–80 rows, 2 models,
 * 3 outer × 3 inner folds, 3–4 trials.
 * Screenshots: test-results/nonlinear-*.png, pareto-form.png, pareto-ui-result.png, prediction-*.png,
 * classification-form.png, classification-result.png.
 *
 * Needs `dist/renderer` (`npm run build`) and /usr/bin/chromium; missing either is a failure, never a skip.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationBody } from '../../src-shared/api/classification-result.js';
import { NonlinearAnalysisBody } from '../../src-shared/api/nonlinear-result.js';
import { ParetoBody } from '../../src-shared/api/pareto-result.js';
import { PredictionBody } from '../../src-shared/api/prediction-result.js';
import { createApiClient } from '../../src-shared/client/api-client.js';
import type { ApiClient } from '../../src-shared/client/api-client.js';
import {
  UI_TIMEOUT_MS,
  dropFile,
  plotTraceCounts,
  seriousA11yViolations,
  startBrowserSession,
  submitForm,
  waitConnected,
  waitJobCompleted,
} from '../support/browser-session.js';
import type { BrowserSession } from '../support/browser-session.js';

let session: BrowserSession;
let page: Page;
let client: ApiClient;
let nonlinearJobId = '';

const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n') + '\r\n');

/** 60 brush runs: wear depends nonlinearly on speed, feed and depth (deterministic wobble as noise). */
function wearStudy(): Uint8Array {
  const lines = ['回転速度,送り速度,切込量,摩耗量'];
  for (let i = 0; i < 60; i++) {
    const rpm = 1000 + 200 * (i % 7);
    const feed = 300 + 75 * (Math.floor(i / 7) % 6);
    const depth = 0.2 + 0.1 * (i % 3);
    const wobble = (((i * 37) % 11) - 5) / 40;
    const wear = 0.5 + ((rpm - 1600) / 600) ** 2 + Math.sin(feed / 120) + 4 * depth * depth + wobble;
    lines.push([rpm, feed, depth.toFixed(1), wear.toFixed(4)].join(','));
  }
  return csv(lines);
}

/** 60 runs with three responses on a coarse grid (ties and duplicates on purpose). */
function tradeOffStudy(): Uint8Array {
  const lines = ['回転速度,送り速度,摩耗量,上面ダレ量,加工速度'];
  for (let i = 0; i < 60; i++) {
    const rpm = 1000 + 200 * (i % 6);
    const feed = 300 + 100 * (Math.floor(i / 6) % 5);
    const wear = Math.round(rpm / 400 + feed / 200 + ((i * 7) % 5));
    const sag = Math.round(12 - rpm / 300 + ((i * 3) % 4));
    const speed = Math.round(feed / 50 + ((i * 11) % 6));
    lines.push([rpm, feed, wear, sag, speed].join(','));
  }
  return csv(lines);
}

/** 12 untested conditions inside the training ranges. */
function newConditions(): Uint8Array {
  const lines = ['回転速度,送り速度,切込量'];
  for (let i = 0; i < 12; i++) lines.push([1100 + 100 * (i % 10), 350 + 25 * (i % 12), 0.3].join(','));
  return csv(lines);
}

/** 80 inspected parts: NG when pressure and temperature are high together (a deterministic wobble blurs the edge). */
function inspectionStudy(): Uint8Array {
  const lines = ['圧力,温度,判定'];
  for (let i = 0; i < 80; i++) {
    const pressure = 10 + ((i * 7) % 20);
    const temperature = 20 + ((i * 13) % 15);
    const wobble = (((i * 37) % 11) - 5) / 4;
    const score = (pressure - 19.5) / 5 + (temperature - 27) / 4 + wobble;
    lines.push([pressure, temperature, score > 0 ? 'NG' : 'OK'].join(','));
  }
  return csv(lines);
}

async function resultBody(jobId: string): Promise<unknown> {
  const { artifacts } = await client.listArtifacts(jobId);
  const file = artifacts.find((a) => a.file_name === 'result.json')!;
  return JSON.parse(new TextDecoder().decode((await client.download(jobId, file.file_key)).bytes)).body;
}

/** Opens the home page with a dropped file previewed and the form of `jobType` shown. */
async function startForm(bytes: Uint8Array, fileName: string, jobType: string, formTestId: string) {
  await page.goto(session.url);
  await waitConnected(page);
  await dropFile(page, bytes, fileName);
  await page.getByTestId('preview-table').waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByTestId('job-type-picker').selectOption(jobType);
  const form = page.getByTestId(formTestId);
  await form.waitFor({ timeout: UI_TIMEOUT_MS });
  return form;
}

beforeAll(async () => {
  session = await startBrowserSession({ name: 'modeling-e2e' });
  page = session.page;
  client = createApiClient({ baseUrl: session.url });
}, 90_000);

afterAll(async () => {
  await session?.close();
});

describe.sequential('modelling jobs through the UI forms (web mode)', () => {
  it('runs nonlinear_analysis from its form and draws the parity plot and SHAP of result.json', async () => {
    const form = await startForm(wearStudy(), '摩耗試験.csv', 'nonlinear_analysis', 'nonlinear-form');
    await page.getByTestId('target-picker').getByLabel('摩耗量').check();
    const models = form.locator('[data-field="models_to_use"]');
    expect(await models.getByRole('checkbox', { checked: true }).count()).toBe(2);
    await form.locator('[data-field="outer_splits"] input').fill('3');
    await form.locator('[data-field="cv_splits"] input').fill('3');
    await form.locator('[data-field="n_trials"] input').fill('4');
    await session.shot('nonlinear-form');
    expect(await seriousA11yViolations(page)).toEqual([]);
    nonlinearJobId = await submitForm(page, 'nonlinear-form');
    await waitJobCompleted(page);

    const status = await client.getStatus(nonlinearJobId);
    expect(status.parameters).toMatchObject({
      target_columns: ['摩耗量'],
      models_to_use: ['random_forest', 'gradient_boosting'],
      outer_splits: 3,
      cv_splits: 3,
      n_trials: 4,
    });
    const body = NonlinearAnalysisBody.parse(await resultBody(nonlinearJobId));
    const target = body.targets[0]!;
    const oofRows = target.oof.predicted.filter((p) => p !== null).length;
    expect(oofRows).toBe(60);

    await page.getByTestId('nonlinear-result').waitFor({ timeout: UI_TIMEOUT_MS });
    expect((await plotTraceCounts(page, 'parity'))[0]).toBe(oofRows);
    expect(await page.locator('[data-plot="parity"]').getAttribute('data-points')).toBe(String(oofRows));
    expect(
      await page.getByTestId('plot-parity').locator('.scatterlayer .trace').first().locator('.point').count(),
    ).toBe(oofRows);
    expect(target.shap).not.toBeNull();
    expect((await plotTraceCounts(page, 'shap-importance'))[0]).toBe(body.features.length);
    expect(await page.getByTestId('plot-shap-importance').locator('.barlayer .trace .point').count()).toBe(
      body.features.length,
    );
    expect((await plotTraceCounts(page, 'shap-beeswarm'))[0]).toBe(
      target.shap!.rows.length * body.features.length,
    );
    await plotTraceCounts(page, 'shap-dependence');
    const folds = page.locator('[data-table="nl-folds-0"] tbody tr');
    expect(await folds.count()).toBe(target.folds.length);
    await session.shot('nonlinear-result');
    await session.shot('nonlinear-shap', page.getByTestId('shap-section'));
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 240_000);

  it('runs pareto from its form and shows the front of result.json', async () => {
    const form = await startForm(tradeOffStudy(), 'トレードオフ.csv', 'pareto', 'pareto-form');
    await form.getByRole('button', { name: '目的を追加' }).click();
    const rows = form.getByTestId('objective-row');
    const objectives = [
      ['摩耗量', 'minimize'],
      ['上面ダレ量', 'minimize'],
      ['加工速度', 'maximize'],
    ] as const;
    for (const [i, [column, direction]] of objectives.entries()) {
      const row = rows.nth(i);
      await row.locator(`[data-field="objective-${i}"] select`).selectOption(column);
      await row.locator('select').nth(1).selectOption(direction);
    }
    await session.shot('pareto-form');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const jobId = await submitForm(page, 'pareto-form');
    await waitJobCompleted(page);
    expect((await client.getStatus(jobId)).parameters).toMatchObject({
      objectives: objectives.map(([column, direction]) => ({ column, direction })),
    });
    const body = ParetoBody.parse(await resultBody(jobId));
    expect(body.n_evaluated).toBe(60);

    const view = page.getByTestId('pareto-result');
    await view.waitFor({ timeout: UI_TIMEOUT_MS });
    await view
      .getByText(`60 点中 ${body.n_front} 点がパレート解です`, { exact: false })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    for (const id of ['pair-0-1', 'pair-0-2', 'pair-1-2']) {
      expect((await plotTraceCounts(page, id))[0]).toBe(body.n_front);
    }
    await session.shot('pareto-ui-result');
  }, 180_000);

  it('predicts new conditions with the finished nonlinear model, chosen in the prediction form', async () => {
    expect(nonlinearJobId).not.toBe('');
    const form = await startForm(newConditions(), '新条件.csv', 'prediction', 'prediction-form');
    const picker = form.getByTestId('model-job-picker');
    await picker
      .locator(`option[value="${nonlinearJobId}"]`)
      .waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    await picker.selectOption(nonlinearJobId);
    await session.shot('prediction-form');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const jobId = await submitForm(page, 'prediction-form');
    await waitJobCompleted(page);
    const body = PredictionBody.parse(await resultBody(jobId));
    expect(body.model_job_id).toBe(nonlinearJobId);
    expect(body.n).toBe(12);

    const view = page.getByTestId('prediction-result');
    await view.waitFor({ timeout: UI_TIMEOUT_MS });
    await view.getByText(`${body.n} 行 × ${body.columns.length} 列`, { exact: false }).waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    await session.shot('prediction-result');
  }, 180_000);

  it('runs classification from its form and shows the confusion matrix, decisions and ROC of result.json', async () => {
    const form = await startForm(inspectionStudy(), '検査結果.csv', 'classification', 'classification-form');
    await form.locator('[data-field="target_column"] select').selectOption('判定');
    // The positive value is offered from the preview's values of the target column.
    const positive = form.locator('[data-field="positive_label"] select');
    await positive.locator('option[value="NG"]').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    expect(await positive.locator('option').allTextContents()).toEqual(expect.arrayContaining(['OK', 'NG']));
    await positive.selectOption('NG');
    const models = form.locator('[data-field="models_to_use"]');
    expect(await models.getByRole('checkbox').count()).toBe(3);
    expect(await models.getByRole('checkbox', { checked: true }).count()).toBe(2);
    await form.locator('[data-field="outer_splits"] input').fill('3');
    await form.locator('[data-field="cv_splits"] input').fill('3');
    await form.locator('[data-field="n_trials_inner"] input').fill('3');
    // 40 rows per class: looser error rates so the P and N verdicts are feasible, not all gray.
    await form.locator('[data-field="alpha"] input').fill('0.2');
    await form.locator('[data-field="beta"] input').fill('0.2');
    await form.locator('[data-field="confidence"] input').fill('0.9');
    await session.shot('classification-form');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const jobId = await submitForm(page, 'classification-form');
    await waitJobCompleted(page);

    expect((await client.getStatus(jobId)).parameters).toMatchObject({
      target_column: '判定',
      positive_label: 'NG',
      models_to_use: ['gradient_boosting', 'logistic_regression'],
      outer_splits: 3,
      cv_splits: 3,
      n_trials_inner: 3,
      alpha: 0.2,
      beta: 0.2,
      confidence: 0.9,
    });
    const body = ClassificationBody.parse(await resultBody(jobId));
    expect(body).toMatchObject({ target: '判定', positive_label: 'NG', negative_label: 'OK', n: 80 });

    const view = page.getByTestId('classification-result');
    await view.waitFor({ timeout: UI_TIMEOUT_MS });
    const cells = async (tableId: string) =>
      (await view
        .locator(`[data-table="${tableId}"] tbody tr`)
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].slice(1).map((td) => Number(td.textContent))),
        )) as number[][];
    const c = body.confusion;
    expect(await cells('class-confusion')).toEqual([
      [c.tp, c.fn],
      [c.fp, c.tn],
    ]);
    const tw = body.three_way;
    expect(await cells('class-three-way')).toEqual(
      [tw.p, tw.n, tw.gray].map((k) => [k.positive, k.negative]),
    );
    expect(c.tp + c.fn + c.fp + c.tn).toBe(body.n);
    expect(body.thresholds.tau_pos.feasible).toBe(true);
    expect(c.tp).toBeGreaterThan(0);
    expect((await plotTraceCounts(page, 'roc'))[0]).toBe(body.curves.roc.fpr.length);
    expect((await plotTraceCounts(page, 'pr'))[0]).toBe(body.curves.pr.recall.length);
    expect(await view.locator('[data-cv]').count()).toBeGreaterThan(0);
    await session.shot('classification-result');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 240_000);

  it('raised no page errors or console errors', () => {
    expect(session.problems).toEqual([]);
  });
});
