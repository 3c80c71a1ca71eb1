/** A classifier's curves as plain figure data (pure, so tests count points without a browser): ROC, precision–recall and the reliability diagram, each from out-of-fold probabilities. */
import type { ClassificationBody } from '../../../src-shared/api/classification-result.js';
import type { Figure, Trace } from './figure.js';

export interface CurveLabels {
  fpr: string;
  tpr: string;
  recall: string;
  precision: string;
  predicted: string;
  observed: string;
  chance: string;
  perfect: string;
  model: string;
}

const diagonal = (name: string): Trace => ({
  type: 'scatter',
  x: [0, 1],
  y: [0, 1],
  mode: 'lines',
  name,
  line: { dash: 'dash', color: 'rgba(128,128,128,0.8)', width: 1 },
  hovertemplate: `${name}<extra></extra>`,
});

const unit = (title: string) => ({ title });

export function rocFigure(
  curves: ClassificationBody['curves'],
  auc: number | null,
  labels: CurveLabels,
): Figure {
  return {
    data: [
      {
        type: 'scatter',
        x: curves.roc.fpr,
        y: curves.roc.tpr,
        mode: 'lines',
        name: auc === null ? labels.model : `${labels.model} (AUC ${auc.toFixed(3)})`,
        line: { shape: 'hv' },
        hovertemplate: `${labels.fpr} %{x:.3f}<br>${labels.tpr} %{y:.3f}<extra></extra>`,
      },
      diagonal(labels.chance),
    ],
    layout: { xaxis: unit(labels.fpr), yaxis: unit(labels.tpr), showlegend: true },
  };
}

export function prFigure(
  curves: ClassificationBody['curves'],
  prevalence: number,
  labels: CurveLabels,
): Figure {
  return {
    data: [
      {
        type: 'scatter',
        x: curves.pr.recall,
        y: curves.pr.precision,
        mode: 'lines',
        name: labels.model,
        line: { shape: 'vh' },
        hovertemplate: `${labels.recall} %{x:.3f}<br>${labels.precision} %{y:.3f}<extra></extra>`,
      },
      {
        type: 'scatter',
        x: [0, 1],
        y: [prevalence, prevalence],
        mode: 'lines',
        name: labels.chance,
        line: { dash: 'dash', color: 'rgba(128,128,128,0.8)', width: 1 },
        hovertemplate: `${labels.chance} %{y:.3f}<extra></extra>`,
      },
    ],
    layout: { xaxis: unit(labels.recall), yaxis: unit(labels.precision), showlegend: true },
  };
}

export function calibrationFigure(curves: ClassificationBody['curves'], labels: CurveLabels): Figure {
  const c = curves.calibration;
  return {
    data: [
      {
        type: 'scatter',
        x: c.prob_pred,
        y: c.prob_true,
        mode: 'lines+markers',
        name: labels.model,
        text: c.counts.map((n) => `n = ${n}`),
        hovertemplate: `${labels.predicted} %{x:.3f}<br>${labels.observed} %{y:.3f}<br>%{text}<extra></extra>`,
      },
      diagonal(labels.perfect),
    ],
    layout: { xaxis: unit(labels.predicted), yaxis: unit(labels.observed), showlegend: true },
  };
}
