// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as SaveFile from '../../shared/save-file.js';
import { TestProviders } from '../../shared/TestProviders.js';
import fixture from './__fixtures__/classification-result.json';
import { calibrationFigure, prFigure, rocFigure } from './classification-figures.js';
import { ClassificationResultView } from './ClassificationResultView.js';
import { decodeResult } from './decode-result.js';
import type { ClassificationResult } from './decode-result.js';

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

const result = (decodeResult(fixture) as { result: ClassificationResult }).result;
const body = result.body;

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  saved.length = 0;
});

const csvLines = async (i: number) =>
  (await saved[i]!.blob.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

describe('classification figures', () => {
  const labels = {
    fpr: 'fpr',
    tpr: 'tpr',
    recall: 'recall',
    precision: 'precision',
    predicted: 'predicted',
    observed: 'observed',
    chance: 'chance',
    perfect: 'perfect',
    model: 'model',
  };
  it('draw every curve point with a reference line', () => {
    const roc = rocFigure(body.curves, 0.9, labels);
    expect(roc.data[0]!.x).toEqual(body.curves.roc.fpr);
    expect(roc.data[0]!.name).toBe('model (AUC 0.900)');
    expect(roc.data[1]!.y).toEqual([0, 1]);
    const pr = prFigure(body.curves, 0.25, labels);
    expect(pr.data[0]!.y).toEqual(body.curves.pr.precision);
    expect(pr.data[1]!.y).toEqual([0.25, 0.25]);
    const cal = calibrationFigure(body.curves, labels);
    expect(cal.data[0]!.x).toHaveLength(body.curves.calibration.counts.length);
    expect(cal.data[0]!.text![0]).toBe(`n = ${body.curves.calibration.counts[0]}`);
  });
});

describe('<ClassificationResultView>', () => {
  it('shows thresholds with their guarantees, the gray zone, OOD gate, mean ± sd, decisions and curves', async () => {
    render(
      <TestProviders>
        <ClassificationResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    const pos = document.querySelector('[data-metric="tau_pos"]')!.textContent!;
    expect(pos).toContain('0.712');
    expect(pos).toContain('false-positive rate ≤ 0.05 with 0.95 confidence');
    expect(document.querySelector('[data-metric="tau_neg"]')!.textContent).toContain('0.184');
    expect(screen.getByText('Probabilities between 0.184 and 0.712 are gray (no decision).')).toBeTruthy();
    expect(screen.getByTestId('class-ood').textContent).toContain(`${body.ood.n_flagged} out-of-fold rows`);
    const auc = document.querySelector('[data-cv="roc_auc"]')!.textContent!;
    expect(auc).toContain(`${body.cv.mean.roc_auc!.toPrecision(4).replace(/0+$/, '')} ± `);
    expect(document.querySelector('[data-cv="pr_auc"]')!.textContent).toContain('— ± —');
    for (const name of Object.keys(body.metrics))
      expect(document.querySelector(`[data-metric="${name}"]`), name).toBeTruthy();
    expect(document.querySelector('[data-metric="oof_mcc"]')!.textContent).toContain('—');

    const decisions = screen.getByRole('table', { name: 'Out-of-fold decisions against the actual class' });
    const rows = within(decisions).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'DecisionActual NGActual OK',
      `P${body.three_way.p.positive}${body.three_way.p.negative}`,
      `N${body.three_way.n.positive}${body.three_way.n.negative}`,
      `gray${body.three_way.gray.positive}${body.three_way.gray.negative}`,
    ]);
    const confusion = screen.getByRole('table', { name: 'Confusion matrix at τ+ (P against the rest)' });
    expect(within(confusion).getAllByRole('row')[1]!.textContent).toBe(
      `Actual NG${body.confusion.tp}${body.confusion.fn}`,
    );
    expect(within(screen.getByRole('table', { name: 'Outer folds' })).getAllByRole('row')).toHaveLength(
      body.cv.folds.length + 1,
    );
    for (const id of ['roc', 'pr', 'calibration']) expect(screen.getByTestId(`plot-${id}`)).toBeTruthy();
    await waitFor(() => expect(plotly.react).toHaveBeenCalledTimes(3));

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Metrics' }));
    const lines = await csvLines(0);
    expect(lines).toHaveLength(Object.keys(body.metrics).length + 1);
    expect(lines).toContain(`oof_roc_auc,${body.metrics.oof_roc_auc}`);
  });

  it('says when a threshold is infeasible and when there is no OOD gate', () => {
    const changed: ClassificationResult = {
      ...result,
      body: {
        ...body,
        thresholds: {
          ...body.thresholds,
          tau_pos: { ...body.thresholds.tau_pos, value: 1, feasible: false },
        },
        ood: { ...body.ood, available: false, threshold: null, reason: 'no numeric feature' },
      },
    };
    render(
      <TestProviders>
        <ClassificationResultView result={changed} artifacts={[]} />
      </TestProviders>,
    );
    expect(document.querySelector('[data-metric="tau_pos"]')!.textContent).toContain('never given');
    expect(screen.getByTestId('class-ood').textContent).toBe(
      'No out-of-distribution gate: no numeric feature',
    );
  });
});
