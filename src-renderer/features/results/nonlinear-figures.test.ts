import { describe, expect, it } from 'vitest';
import { ResultEnvelope } from '../../../src-shared/api/results.js';
import fixture from './__fixtures__/nonlinear-result.json';
import {
  FOLD_COLOURS,
  beeswarmFigure,
  colourFeature,
  dependenceFigure,
  importanceFigure,
  importanceOrder,
  nonlinearParityFigure,
} from './nonlinear-figures.js';

const parsed = ResultEnvelope.parse(fixture);
if (parsed.job_type !== 'nonlinear_analysis') throw new Error('not a nonlinear fixture');
const { features, targets } = parsed.body;
const [withShap, withoutShap] = targets as [(typeof targets)[0], (typeof targets)[0]];
const shap = withShap.shap!;
const parityLabels = { x: 'x', y: 'y', series: 's', fold: (f: number) => `fold ${f}` };

describe('nonlinear figures', () => {
  it('parity: one marker per row with an OOF prediction, coloured by its outer fold, and the y = x guide', () => {
    const figure = nonlinearParityFigure(withShap, parityLabels);
    const [points, guide] = figure.data;
    expect(points!.x).toHaveLength(withShap.oof.row.length);
    expect(points!.x).toEqual(withShap.oof.actual);
    const colours = points!.marker!.color as string[];
    withShap.oof.fold.forEach((fold, i) => expect(colours[i]).toBe(FOLD_COLOURS[fold - 1]));
    expect(guide!.x[0]).toBe(Math.min(...withShap.oof.actual, ...(withShap.oof.predicted as number[])));
    // A row without an OOF prediction is left out, not drawn at 0.
    const missing = withoutShap.oof.predicted.filter((p) => p === null).length;
    expect(missing).toBeGreaterThan(0);
    expect(nonlinearParityFigure(withoutShap, parityLabels).data[0]!.x).toHaveLength(
      withoutShap.oof.row.length - missing,
    );
  });

  it('importance: one bar per feature, largest mean |SHAP| first', () => {
    const bars = importanceFigure(shap, features, { x: 'f', y: 'm' }).data[0]!;
    expect(bars.type).toBe('bar');
    expect(bars.x).toHaveLength(features.length);
    expect([...bars.y]).toEqual([...shap.mean_abs].sort((a, b) => b - a));
    expect(bars.x[0]).toBe(features[importanceOrder(shap)[0]!]);
  });

  it('beeswarm: every SHAP value once, on its feature row (most important on top), coloured in [0, 1]', () => {
    const figure = beeswarmFigure(shap, features, { x: 'shap', scale: 'v' });
    const trace = figure.data[0]!;
    expect(trace.x).toHaveLength(shap.rows.length * features.length);
    const order = importanceOrder(shap);
    const top = order[0]!;
    // The top feature's points sit around the highest row.
    const first = trace.y.slice(0, shap.rows.length);
    expect(first.every((y) => Math.abs(y - (features.length - 1)) < 0.31)).toBe(true);
    expect(trace.x.slice(0, shap.rows.length)).toEqual(shap.values.map((row) => row[top]));
    const axis = figure.layout.yaxis!;
    expect(axis.ticktext![axis.tickvals!.indexOf(features.length - 1)]).toBe(features[top]);
    const colours = trace.marker!.color as number[];
    expect(Math.min(...colours)).toBe(0);
    expect(Math.max(...colours)).toBe(1);
  });

  it('dependence: the chosen feature against its SHAP value, coloured by the strongest other feature', () => {
    const j = 1;
    const trace = dependenceFigure(shap, features, j, { y: 's', scale: (n) => n }).data[0]!;
    expect(trace.x).toEqual(shap.feature_values.map((row) => row[j]));
    expect(trace.y).toEqual(shap.values.map((row) => row[j]));
    const other = colourFeature(shap, j)!;
    expect(other).not.toBe(j);
    expect((trace.marker!.colorbar as { title: { text: string } }).title.text).toBe(features[other]);
  });
});
