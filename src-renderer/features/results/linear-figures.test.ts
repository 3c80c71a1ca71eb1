import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/linear-result.json';
import { LinearResultEnvelope } from './decode-result.js';
import { coefficientFigure, parityFigure, qqFigure, residualFigure } from './linear-figures.js';
import { normalQuantile, normalScores } from './normal-quantiles.js';

const target = LinearResultEnvelope.parse(fixture).body.targets[0]!;
const labels = { x: 'x', y: 'y', series: 's' };

describe('normal quantiles', () => {
  it('match the standard normal to 1e-8', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306, 8);
  });

  it('are symmetric Blom scores', () => {
    const scores = normalScores(5);
    expect(scores[2]).toBeCloseTo(0, 12);
    expect(scores[0]).toBeCloseTo(-scores[4]!, 12);
  });
});

describe('linear figures', () => {
  it('plot one parity point per row, using the fit where the out-of-fold value is missing', () => {
    const parity = parityFigure(target, labels);
    expect(parity.data[0]!.x).toEqual(target.rows.map((r) => r.actual));
    expect(parity.data[0]!.y[7]).toBe(target.rows[7]!.fitted);
    expect(parity.data[0]!.y[0]).toBe(target.rows[0]!.oof_predicted);
  });

  it('sort studentized residuals against normal scores, and plot residuals against the fit', () => {
    const qq = qqFigure(target, labels).data[0]!;
    expect(qq.y).toEqual([...target.rows.map((r) => r.studentized_residual!)].sort((a, b) => a - b));
    expect(residualFigure(target, labels).data[0]!.x).toHaveLength(target.rows.length);
  });

  it('draw coefficients with asymmetric CI bars, in coded units when the study has them', () => {
    const bars = coefficientFigure(target, labels).data[0]!;
    expect(bars.x).toEqual(['回転速度', '送り速度', '切込量']);
    const first = target.coefficients[1]!;
    expect((bars.error_y as { array: number[] }).array[0]).toBeCloseTo(first.ci_high! - first.estimate!, 12);
    const coded = [{ term: 'x', estimate: 1, std_error: 0.1, t: 10, p: 0, ci_low: 0.8, ci_high: 1.2 }];
    const codedBars = coefficientFigure({ ...target, coefficients_coded: coded }, labels).data[0]!;
    expect(codedBars.x).toEqual(['x']);
  });
});
