/**
 * The four diagnostic plots and the coefficient chart of one linear target, as plain figure data (pure, so tests
 * can count points without a browser). The first trace of each figure is the data; later traces are guides.
 * SVG `scatter`, not `scattergl`: WebGL traces compile shaders with `new Function`, which the page's CSP forbids,
 * and a linear study has hundreds of rows, not hundreds of thousands.
 */
import type { LinearTargetResult } from '../../../src-shared/api/linear-result.js';
import { INTERCEPT_TERM } from '../../../src-shared/api/results.js';
import type { Figure, Trace } from './figure.js';
import { normalScores } from './normal-quantiles.js';

export interface AxisLabels {
  x: string;
  y: string;
  /** Name of the data trace (legend and hover). */
  series: string;
  reference?: string;
}

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function guide(x: number[], y: number[], name: string): Trace {
  return { type: 'scatter', mode: 'lines', x, y, name, line: { dash: 'dash', width: 1 }, hovertemplate: '' };
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** True when the result has coefficients in coded units (features centred and scaled), which compare across terms. */
export function hasCodedCoefficients(target: LinearTargetResult): boolean {
  return target.coefficients_coded.length > 0;
}

/**
 * Coefficients with their confidence intervals as error bars, in coded units when the study reports them (bars of
 * features on different scales are then comparable); the intercept is left out (its scale differs).
 */
export function coefficientFigure(target: LinearTargetResult, labels: AxisLabels): Figure {
  const source = hasCodedCoefficients(target) ? target.coefficients_coded : target.coefficients;
  const rows = source.filter((c) => c.term !== INTERCEPT_TERM && isNum(c.estimate));
  const estimate = rows.map((c) => c.estimate!);
  return {
    data: [
      {
        type: 'bar',
        name: labels.series,
        x: rows.map((c) => c.term),
        y: estimate,
        error_y: {
          type: 'data',
          symmetric: false,
          array: rows.map((c, i) => (isNum(c.ci_high) ? c.ci_high - estimate[i]! : 0)),
          arrayminus: rows.map((c, i) => (isNum(c.ci_low) ? estimate[i]! - c.ci_low : 0)),
          visible: true,
        },
      },
    ],
    layout: { xaxis: { title: labels.x }, yaxis: { title: labels.y }, showlegend: false },
  };
}

/** Actual against out-of-fold predicted (in-sample fitted where a row has no out-of-fold value), with y = x. */
export function parityFigure(target: LinearTargetResult, labels: AxisLabels): Figure {
  const points = target.rows.flatMap((r) => {
    const predicted = isNum(r.oof_predicted) ? r.oof_predicted : r.fitted;
    return isNum(predicted) ? [{ row: r.row, actual: r.actual, predicted }] : [];
  });
  const [lo, hi] = extent(points.flatMap((p) => [p.actual, p.predicted]));
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: labels.series,
        x: points.map((p) => p.actual),
        y: points.map((p) => p.predicted),
        text: points.map((p) => String(p.row)),
        hovertemplate: 'row %{text}<br>%{x} → %{y}<extra></extra>',
      },
      guide([lo, hi], [lo, hi], labels.reference ?? 'y = x'),
    ],
    layout: { xaxis: { title: labels.x }, yaxis: { title: labels.y } },
  };
}

/** Whether any parity point had to use the in-sample fit, so the axis can say so. */
export function parityUsesFitted(target: LinearTargetResult): boolean {
  return target.rows.some((r) => !isNum(r.oof_predicted) && isNum(r.fitted));
}

export function residualFigure(target: LinearTargetResult, labels: AxisLabels): Figure {
  const points = target.rows.filter((r) => isNum(r.fitted) && isNum(r.residual));
  const [lo, hi] = extent(points.map((r) => r.fitted!));
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: labels.series,
        x: points.map((r) => r.fitted!),
        y: points.map((r) => r.residual!),
        text: points.map((r) => String(r.row)),
        hovertemplate: 'row %{text}<br>%{x}, %{y}<extra></extra>',
      },
      guide([lo, hi], [0, 0], labels.reference ?? '0'),
    ],
    layout: { xaxis: { title: labels.x }, yaxis: { title: labels.y } },
  };
}

/** Studentized residuals, sorted, against normal scores; the line y = x is what normal residuals follow. */
export function qqFigure(target: LinearTargetResult, labels: AxisLabels): Figure {
  const points = target.rows
    .filter((r) => isNum(r.studentized_residual))
    .map((r) => ({ row: r.row, value: r.studentized_residual! }))
    .sort((a, b) => a.value - b.value);
  const scores = normalScores(points.length);
  const [lo, hi] = extent([...scores, ...points.map((p) => p.value)]);
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: labels.series,
        x: scores,
        y: points.map((p) => p.value),
        text: points.map((p) => String(p.row)),
        hovertemplate: 'row %{text}<br>%{x:.3f}, %{y:.3f}<extra></extra>',
      },
      guide([lo, hi], [lo, hi], labels.reference ?? 'y = x'),
    ],
    layout: { xaxis: { title: labels.x }, yaxis: { title: labels.y } },
  };
}
