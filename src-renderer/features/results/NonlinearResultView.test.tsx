// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as SaveFile from '../../shared/save-file.js';
import { TestProviders } from '../../shared/TestProviders.js';
import fixture from './__fixtures__/nonlinear-result.json';
import { decodeResult } from './decode-result.js';
import type { NonlinearResult } from './decode-result.js';
import { NonlinearResultView } from './NonlinearResultView.js';

const plotly = vi.hoisted(() => ({
  react: vi.fn(async () => undefined),
  purge: vi.fn(),
  downloadImage: vi.fn(async () => ''),
}));
vi.mock('./load-plotly.js', () => ({ loadPlotly: () => Promise.resolve(plotly) }));
const saved = vi.hoisted(() => [] as { blob: Blob; name: string }[]);
vi.mock('../../shared/save-file.js', async (original) => ({
  ...(await original<typeof SaveFile>()),
  saveBlob: (blob: Blob, name: string) => saved.push({ blob, name }),
}));

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  saved.length = 0;
});

const result = (decodeResult(fixture) as { result: NonlinearResult }).result;
const [first, second] = result.body.targets as [
  NonlinearResult['body']['targets'][0],
  NonlinearResult['body']['targets'][0],
];
const plot = (id: string) => document.querySelector(`[data-plot="${id}"]`)!;
const csvLines = async (i: number) =>
  (await saved[i]!.blob.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

function renderView() {
  return render(
    <TestProviders>
      <NonlinearResultView result={result} artifacts={[]} />
    </TestProviders>,
  );
}

describe('<NonlinearResultView>', () => {
  it('shows every target side by side, a missing metric as a dash, and exports them as CSV', async () => {
    renderView();
    const table = screen.getByRole('table', { name: 'Metrics per target' });
    expect(within(table).getAllByRole('row')).toHaveLength(result.body.targets.length + 1);
    expect(screen.getByRole('list', { name: 'Warnings' }).textContent).toContain('30 rows');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Metrics per target' }));
    const lines = await csvLines(0);
    expect(lines[0]!.startsWith('Target,Model,oof_mae,oof_r2,oof_r2_fold_mean')).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it('draws the first target: OOF scores with fold spread, in-sample apart, parity = OOF rows, bars = features', () => {
    renderView();
    const oof = screen.getByRole('list', { name: /Nested cross-validation/ });
    expect(within(oof).getAllByRole('listitem')).toHaveLength(3);
    expect(oof.querySelector('[data-metric="oof_r2"]')!.textContent).toContain('per fold:');
    const inSample = screen.getByRole('list', { name: /in-sample, optimistic/ });
    expect(inSample.querySelectorAll('[data-scope="in_sample"]')).toHaveLength(2);
    expect(plot('parity').getAttribute('data-points')).toBe(String(first.oof.row.length));
    expect(plot('shap-importance').getAttribute('data-points')).toBe(String(result.body.features.length));
    expect(plot('shap-beeswarm').getAttribute('data-points')).toBe(
      String(first.shap!.rows.length * result.body.features.length),
    );
    expect(plot('shap-dependence').getAttribute('data-points')).toBe(String(first.shap!.rows.length));
  });

  it('has one row per candidate model, per outer fold and per tuned hyperparameter', () => {
    renderView();
    const rows = (name: string | RegExp) =>
      within(screen.getByRole('table', { name })).getAllByRole('row').length - 1;
    expect(rows(/Models compared/)).toBe(first.models.length);
    expect(rows('Outer folds')).toBe(first.folds.length);
    expect(rows(/Final hyperparameters/)).toBe(Object.keys(first.final.params).length);
    expect(rows('Tuning on all rows')).toBe(first.final.tuning.length);
    const folds = within(screen.getByRole('table', { name: 'Outer folds' })).getAllByRole('row');
    expect(folds[1]!.textContent).toContain(first.folds[0]!.n_test.toString());
  });

  it('switches the dependence plot between features', () => {
    renderView();
    const select = screen.getByLabelText('Feature of the dependence plot') as HTMLSelectElement;
    expect(select.options).toHaveLength(result.body.features.length);
    fireEvent.change(select, { target: { value: '2' } });
    expect(screen.getByText(`Dependence: ${result.body.features[2]}`)).toBeTruthy();
  });

  it('shows the second target in its tab: rows without an OOF value left out, no SHAP said plainly', () => {
    renderView();
    fireEvent.click(screen.getByRole('tab', { name: second.target }));
    expect(screen.getByRole('heading', { name: `Target: ${second.target}` })).toBeTruthy();
    const withOof = second.oof.predicted.filter((p) => p !== null).length;
    expect(withOof).toBeLessThan(second.oof.row.length);
    expect(plot('parity').getAttribute('data-points')).toBe(String(withOof));
    expect(screen.getByTestId('no-shap').textContent).toContain('Gaussian process');
    expect(document.querySelector('[data-plot="shap-importance"]')).toBeNull();
  });
});
