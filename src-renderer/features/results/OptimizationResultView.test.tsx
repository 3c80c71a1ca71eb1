// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatNumber } from '../../shared/format.js';
import type * as SaveFile from '../../shared/save-file.js';
import { TestProviders } from '../../shared/TestProviders.js';
import fixture from './__fixtures__/optimization-result.json';
import { decodeResult } from './decode-result.js';
import type { OptimizationResult } from './decode-result.js';
import { OptimizationResultView } from './OptimizationResultView.js';

const plotly = vi.hoisted(() => ({
  react: vi.fn(async () => undefined),
  purge: vi.fn(),
  downloadImage: vi.fn(async () => ''),
}));
const bundles = vi.hoisted(() => [] as string[]);
vi.mock('./load-plotly.js', () => ({
  loadPlotly: (bundle = 'basic') => {
    bundles.push(bundle);
    return Promise.resolve(plotly);
  },
}));
const saved = vi.hoisted(() => [] as { blob: Blob; name: string }[]);
vi.mock('../../shared/save-file.js', async (original) => ({
  ...(await original<typeof SaveFile>()),
  saveBlob: (blob: Blob, name: string) => saved.push({ blob, name }),
}));

const decoded = decodeResult(fixture);
const result = (decoded as { result: OptimizationResult }).result;

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  saved.length = 0;
  bundles.length = 0;
});

const view = () =>
  render(
    <TestProviders>
      <OptimizationResultView result={result} artifacts={[]} />
    </TestProviders>,
  );

describe('<OptimizationResultView>', () => {
  it('plots candidates, existing and new runs, the FDS curve and the correlations, with the counts of result.json', async () => {
    const { container } = view();
    await waitFor(() => expect(plotly.react).toHaveBeenCalledTimes(3));
    const projection = container.querySelector('[data-plot="projection"]')!;
    const { projection: p } = result.body;
    expect(projection.getAttribute('data-trace-points')).toBe(
      `${p.candidates.length},${p.existing.length},${p.selected.length}`,
    );
    expect(container.querySelector('[data-plot="fds"]')!.getAttribute('data-points')).toBe(
      String(result.body.fds.fraction.length),
    );
    const k = result.body.correlation.terms.length;
    expect(container.querySelector('[data-plot="correlation"]')!.getAttribute('data-points')).toBe(
      String(k * k),
    );
    // The heatmap needs the full (strict, CSP-safe) bundle; the scatter plots do not.
    expect(bundles).toContain('strict');
    expect(bundles).toContain('basic');
  });

  it('lists every run (existing and new) with its factor values, the criteria and the VIFs', () => {
    view();
    const runs = screen.getByRole('table', { name: 'Runs' });
    const rows = within(runs).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(result.body.runs.length);
    expect(rows.filter((r) => r.textContent!.includes('already done'))).toHaveLength(result.body.n_existing);
    expect(rows.filter((r) => r.textContent!.includes('new'))).toHaveLength(result.body.n_new);
    expect(within(runs).getByRole('columnheader', { name: '回転速度' })).toBeTruthy();
    expect(document.querySelector('[data-metric="d_efficiency"]')!.textContent).toContain(
      `${formatNumber(result.body.criteria.d_efficiency)} %`,
    );
    for (const key of ['log_det', 'a', 'i', 'g_efficiency']) {
      expect(document.querySelector(`[data-metric="${key}"]`)).toBeTruthy();
    }
    const vif = screen.getByRole('table', { name: 'Variance inflation factors (VIF)' });
    expect(within(vif).getAllByRole('row')).toHaveLength(result.body.vif.length + 1);
  });

  it('exports the runs as CSV and each plot as PNG/SVG', async () => {
    view();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Runs' }));
    expect(saved[0]!.name).toBe('design_runs.csv');
    const lines = (await saved[0]!.blob.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(['Run', 'Kind', 'Candidate', ...result.body.factors].join(','));
    expect(lines).toHaveLength(result.body.runs.length + 1);
    const svg = await screen.findByRole('button', { name: 'Save Correlation between terms as SVG' });
    await waitFor(() => expect((svg as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(svg);
    expect(plotly.downloadImage).toHaveBeenCalledWith(
      screen.getByTestId('plot-correlation'),
      expect.objectContaining({ format: 'svg', filename: 'design_correlation' }),
    );
  });
});
