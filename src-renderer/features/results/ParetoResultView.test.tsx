// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as SaveFile from '../../shared/save-file.js';
import { TestProviders } from '../../shared/TestProviders.js';
import fixture from './__fixtures__/pareto-result.json';
import { decodeResult } from './decode-result.js';
import type { ParetoResult } from './decode-result.js';
import type { ParcoordsTrace, Trace } from './figure.js';
import { GL_THRESHOLD, pairFront, pairwiseFigures, parcoordsFigure } from './pareto-figures.js';
import { ParetoResultView } from './ParetoResultView.js';

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

const result = (decodeResult(fixture) as { result: ParetoResult }).result;
const labels = { direction: { min: 'min', max: 'max' }, front: 'front', pairFront: 'pair' };

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  saved.length = 0;
  bundles.length = 0;
});

describe('pareto figures', () => {
  it('draw one 2-D view per pair of objectives with every front point, and a staircase that respects min/max', () => {
    const pairs = pairwiseFigures(result.body, labels);
    const k = result.body.objectives.length;
    expect(pairs).toHaveLength((k * (k - 1)) / 2);
    for (const p of pairs) expect(p.figure.data[0]!.x).toHaveLength(result.body.n_front);
    // 摩耗量 (min) against 加工速度 (max): along the staircase x rises, so y must rise too (more speed costs wear).
    const [wear, , speed] = result.body.objectives;
    const stair = pairFront(result.body.front, wear!, speed!).map((i) => result.body.front[i]!);
    expect(stair.length).toBeGreaterThan(1);
    for (let i = 1; i < stair.length; i++) {
      expect(stair[i]!['摩耗量'] as number).toBeGreaterThanOrEqual(stair[i - 1]!['摩耗量'] as number);
      expect(stair[i]!['加工速度'] as number).toBeGreaterThan(stair[i - 1]!['加工速度'] as number);
    }
    // No point of the pair beats a staircase point in both objectives.
    for (const s of stair) {
      const better = result.body.front.some(
        (r) =>
          (r['摩耗量'] as number) <= (s['摩耗量'] as number) &&
          (r['加工速度'] as number) >= (s['加工速度'] as number) &&
          ((r['摩耗量'] as number) < (s['摩耗量'] as number) ||
            (r['加工速度'] as number) > (s['加工速度'] as number)),
      );
      expect(better).toBe(false);
    }
  });

  it('switch to WebGL for large fronts and draw maximised axes upside down in parallel coordinates', () => {
    const many = {
      ...result.body,
      front: Array.from(
        { length: GL_THRESHOLD + 1 },
        (_, i) => result.body.front[i % result.body.front.length]!,
      ),
    };
    expect(pairwiseFigures(many, labels)[0]!.figure.data[0]!.type).toBe('scattergl');
    expect(pairwiseFigures(result.body, labels)[0]!.figure.data[0]!.type).toBe('scatter');
    const par = parcoordsFigure(result.body, labels).data[0]!;
    const speed = par.dimensions.find((d) => d.label.startsWith('加工速度'))!;
    expect(speed.range![0]).toBeGreaterThan(speed.range![1]);
    expect(par.dimensions.map((d) => d.label)).toContain('回転速度');
  });
});

describe('<ParetoResultView>', () => {
  it('plots every front point in each pair and in parallel coordinates, with the full row on hover', async () => {
    const { container } = render(
      <TestProviders>
        <ParetoResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    await waitFor(() => expect(plotly.react).toHaveBeenCalledTimes(4));
    expect(bundles.every((b) => b === 'strict')).toBe(true);
    for (const plot of container.querySelectorAll('[data-plot^="pair-"]')) {
      expect(Number(plot.getAttribute('data-points'))).toBe(result.body.n_front);
    }
    expect(container.querySelector('[data-plot="parcoords"]')!.getAttribute('data-points')).toBe(
      String(result.body.n_front),
    );
    const call = plotly.react.mock.calls.find(
      (c) => (c as unknown[])[0] === screen.getByTestId('plot-pair-0-1'),
    ) as unknown as [HTMLElement, Trace[]];
    expect(call[1][0]!.text![0]).toContain('回転速度: ');
    expect(call[1][0]!.text![0]).toContain('加工速度: ');
    const parcoords = plotly.react.mock.calls.find(
      (c) => (c as unknown[])[0] === screen.getByTestId('plot-parcoords'),
    ) as unknown as [HTMLElement, ParcoordsTrace[]];
    expect(parcoords[1][0]!.dimensions[0]!.values).toHaveLength(result.body.n_front);
  });

  it('lists the front in a table whose rows show the full condition on hover, and exports it all as CSV', async () => {
    render(
      <TestProviders>
        <ParetoResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    const table = screen.getByRole('table', { name: 'Pareto-optimal points' });
    expect(table.getAttribute('aria-rowcount')).toBe(String(result.body.n_front + 1));
    const first = within(table)
      .getAllByRole('row')
      .find((r) => r.getAttribute('data-row') === '0')!;
    expect(first.getAttribute('title')).toContain('送り速度: ');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Pareto-optimal points' }));
    const lines = (await saved[0]!.blob.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(result.body.n_front + 1);
    expect(lines[0]).toBe(
      '摩耗量 (minimise),上面ダレ量 (minimise),加工速度 (maximise),回転速度,送り速度,切込量',
    );
  });
});

describe('parallel coordinates of a large front', () => {
  it('draw an even sample of at most MAX_PARCOORDS_LINES lines', async () => {
    const { evenSample, MAX_PARCOORDS_LINES } = await import('./pareto-figures.js');
    expect(evenSample(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(evenSample(10, 4)).toEqual([0, 2, 5, 7]);
    const many = {
      ...result.body,
      front: Array.from({ length: 3 * MAX_PARCOORDS_LINES }, (_, i) => ({
        ...result.body.front[0]!,
        回転速度: i,
      })),
    };
    const par = parcoordsFigure(many, labels).data[0]!;
    expect(par.dimensions[0]!.values).toHaveLength(MAX_PARCOORDS_LINES);
  });
});

describe('<ParetoResultView> of a real pareto job', () => {
  it('says when the plots are thinned, and shows the fronts, hypervolume and knee point', () => {
    const shown = result.body.front.slice(0, 40);
    const real: ParetoResult = {
      ...result,
      body: {
        ...result.body,
        n_front: 5000,
        front: shown,
        n_fronts: 12,
        plot: {
          rows: shown.map((_, i) => i + 2),
          crowding_distance: shown.map(() => null),
          thinned: true,
          epsilon: 0.0123,
        },
        hypervolume: {
          value: 1234.5,
          method: 'monte_carlo',
          standard_error: 1.5,
          samples: 1000,
          reference_point: {},
          reference_source: 'default',
          n_outside: 0,
        },
        knee: { row: 17, values: {}, method: 'extremes_hyperplane', distance: 0.2 },
      },
    };
    render(
      <TestProviders>
        <ParetoResultView result={real} artifacts={[]} />
      </TestProviders>,
    );
    expect(screen.getByTestId('pareto-thinned').textContent).toBe(
      'The front has 5000 points; the plots and the table show 40 of them, one per ε-box (ε = 0.0123 of each objective range). pareto.csv lists every row with its rank.',
    );
    expect(screen.getByTestId('pareto-facts').textContent).toBe(
      '12 ranked fronts. Hypervolume 1234.5 ± 1.5 (Monte Carlo estimate). Knee point: row 17.',
    );
  });

  it('shows neither line for a result without them (the fixture)', () => {
    render(
      <TestProviders>
        <ParetoResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    expect(screen.queryByTestId('pareto-thinned')).toBeNull();
    expect(screen.queryByTestId('pareto-facts')).toBeNull();
  });
});
