// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LinearAnalysisBody } from '../../../src-shared/api/linear-result.js';
import { TestProviders } from '../../shared/TestProviders.js';
import fixture from './__fixtures__/linear-result.json';
import { decodeResult, LinearResultEnvelope } from './decode-result.js';
import { LinearResultView } from './LinearResultView.js';

const plotly = vi.hoisted(() => ({
  react: vi.fn(async () => undefined),
  purge: vi.fn(),
  downloadImage: vi.fn(async () => ''),
}));
vi.mock('./load-plotly.js', () => ({ loadPlotly: () => Promise.resolve(plotly) }));

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('linear result fixture', () => {
  it('is a valid result envelope with the per-target LinearAnalysisBody', () => {
    expect(LinearAnalysisBody.safeParse(fixture.body).error).toBeUndefined();
    expect(LinearResultEnvelope.safeParse(fixture).error).toBeUndefined();
    expect(decodeResult(fixture).kind).toBe('linear');
  });

  it('is told apart from the older single-target body', () => {
    const old = { ...fixture, body: { model: 'ols', target: 'y', coefficients: [] } };
    expect(decodeResult(old)).toEqual({
      kind: 'unsupported_version',
      jobType: 'linear_analysis',
      schemaVersion: '1',
    });
    expect(decodeResult({ ...fixture, job_type: 'spectral_analysis' })).toEqual({
      kind: 'unsupported_type',
      jobType: 'spectral_analysis',
    });
    // A known type whose body does not match its schema.
    expect(decodeResult({ ...fixture, job_type: 'pareto' })).toEqual({
      kind: 'unsupported_version',
      jobType: 'pareto',
      schemaVersion: '1',
    });
    expect(decodeResult(null)).toEqual({ kind: 'invalid' });
  });
});

describe('<LinearResultView>', () => {
  const result = LinearResultEnvelope.parse(fixture);
  const first = result.body.targets[0]!;

  it('draws every plot, with one parity point per row of result.json', async () => {
    const { container } = render(
      <TestProviders>
        <LinearResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    await waitFor(() => expect(plotly.react).toHaveBeenCalledTimes(4));
    const parity = container.querySelector('[data-plot="parity"]')!;
    expect(Number(parity.getAttribute('data-points'))).toBe(first.rows.length);
    const parityCall = plotly.react.mock.calls.find(
      (call) => (call as unknown[])[0] === screen.getByTestId('plot-parity'),
    ) as unknown as [HTMLElement, { x: number[]; y: number[] }[], { yaxis: { title: { text: string } } }];
    expect(parityCall[1][0]!.x).toHaveLength(first.rows.length);
    // Row 9 has no out-of-fold value: its point is the in-sample fit, and the axis says so.
    expect(parityCall[1][0]!.y[7]).toBe(first.rows[7]!.fitted);
    expect(parityCall[2].yaxis.title.text).toBe('Predicted (OOF; in-sample if missing)');
    const qq = container.querySelector('[data-plot="qq"]')!;
    expect(Number(qq.getAttribute('data-points'))).toBe(first.rows.length);
    // Coefficient bars leave the intercept out.
    const bars = container.querySelector('[data-plot="coefficients"]')!;
    expect(Number(bars.getAttribute('data-points'))).toBe(first.coefficients.length - 1);
  });

  it('shows coefficients, labelled metrics, the equation, candidates and one tab per target', () => {
    render(
      <TestProviders>
        <LinearResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    expect(screen.getByTestId('equation').textContent).toBe(first.equation);
    expect(screen.getAllByRole('row')).not.toHaveLength(0);
    expect(screen.getByRole('heading', { name: 'Coefficients' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Candidate models' })).toBeTruthy();
    const oof = document.querySelector('[data-metric="oof_r2"]')!;
    expect(oof.textContent).toContain('out-of-fold');
    expect(document.querySelector('[data-metric="in_sample_r2"]')!.textContent).toContain('in-sample');
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['摩耗量', '上面ダレ量']);
    fireEvent.click(tabs[1]!);
    expect(screen.getByRole('heading', { name: 'Target: 上面ダレ量' })).toBeTruthy();
  });

  it('exports PNG and SVG through Plotly', async () => {
    render(
      <TestProviders>
        <LinearResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    const png = await screen.findByRole('button', { name: 'Save Actual vs predicted as PNG' });
    await waitFor(() => expect((png as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(png);
    fireEvent.click(screen.getByRole('button', { name: 'Save Actual vs predicted as SVG' }));
    expect(plotly.downloadImage.mock.calls.map((c) => (c as unknown[])[1])).toEqual([
      expect.objectContaining({ format: 'png', filename: '摩耗量_parity' }),
      expect.objectContaining({ format: 'svg', filename: '摩耗量_parity' }),
    ]);
  });
});
