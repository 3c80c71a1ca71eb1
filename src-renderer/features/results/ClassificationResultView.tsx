/** A pass/fail classifier: its honest (nested-CV) metrics with their spread, the verdict rules and what they did, and the ROC, precision–recall and calibration curves. */
import { useMemo } from 'react';
import type { Artifact } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import { DataTable, type Column } from '../../shared/DataTable.js';
import { ExportCsvButton } from '../../shared/ExportCsvButton.js';
import { formatNumber } from '../../shared/format.js';
import { ArtifactsList } from './ArtifactsList.js';
import { calibrationFigure, prFigure, rocFigure, type CurveLabels } from './classification-figures.js';
import { ClassificationDecisions } from './ClassificationDecisions.js';
import type { ClassificationResult } from './decode-result.js';
import { MetricsCards } from './MetricsCards.js';
import { PlotFigure } from './PlotFigure.js';
import { ResultHeader } from './ResultHeader.js';

type Fold = ClassificationResult['body']['cv']['folds'][number];
const SCORES = ['roc_auc', 'pr_auc', 'brier', 'fpr_at_tau_pos', 'coverage'] as const;

export function ClassificationResultView({
  result,
  artifacts,
}: {
  result: ClassificationResult;
  artifacts: Artifact[];
}) {
  const t = useT();
  const { body } = result;
  const labels: CurveLabels = {
    fpr: t('class.fpr'),
    tpr: t('class.tpr'),
    recall: t('class.recall'),
    precision: t('class.precision'),
    predicted: t('class.meanPredicted'),
    observed: t('class.observed'),
    chance: t('class.chance'),
    perfect: t('class.perfect'),
    model: t('class.model'),
  };
  const key = JSON.stringify(labels);
  const figures = useMemo(
    () => ({
      roc: rocFigure(body.curves, body.metrics.oof_roc_auc ?? null, labels),
      pr: prFigure(body.curves, body.n > 0 ? body.n_positive / body.n : 0, labels),
      calibration: calibrationFigure(body.curves, labels),
    }),
    // `labels` changes only with the language, which `key` tracks.
    [body, key],
  );
  const csvRows = Object.entries(body.metrics).map(([name, value]) => [name, value] as const);
  const foldColumns: Column<Fold>[] = [
    { key: 'fold', label: t('class.fold'), numeric: true, value: (f) => f.fold },
    { key: 'chosen', label: t('class.chosen'), value: (f) => f.chosen },
    { key: 'calibration', label: t('class.calibration'), value: (f) => f.calibration },
    { key: 'n_test', label: t('class.nTest'), numeric: true, value: (f) => f.n_test },
    {
      key: 'tau_pos',
      label: 'τ+',
      numeric: true,
      value: (f) => f.tau_pos,
      format: (f) => formatNumber(f.tau_pos),
    },
    {
      key: 'tau_neg',
      label: 'τ−',
      numeric: true,
      value: (f) => f.tau_neg,
      format: (f) => formatNumber(f.tau_neg),
    },
    ...SCORES.map((s): Column<Fold> => ({
      key: s,
      label: s,
      numeric: true,
      value: (f) => f.scores[s],
      format: (f) => formatNumber(f.scores[s]),
    })),
  ];
  return (
    <div className="result-view" data-testid="classification-result">
      <ResultHeader
        finishedAt={result.finished_at}
        engine={result.engine_version}
        warnings={result.warnings}
      />
      <p className="help">
        {t('class.summary', {
          target: body.target,
          positive: body.positive_label,
          negative: body.negative_label,
          model: body.model,
          n: body.n,
          positives: body.n_positive,
        })}
      </p>
      <p className="help">{t('class.scope')}</p>
      <h3 id="class-cv-mean">{t('class.cvMean')}</h3>
      <ul className="metric-cards" aria-labelledby="class-cv-mean">
        {SCORES.map((s) => (
          <li key={s} className="metric-card" data-scope="oof" data-cv={s}>
            <span className="metric-scope">{t('metric.scope.oof')}</span>
            <span className="metric-name">{s}</span>
            <span className="metric-value">
              {formatNumber(body.cv.mean[s])} ± {formatNumber(body.cv.sd[s])}
            </span>
          </li>
        ))}
      </ul>
      <ClassificationDecisions body={body} />
      <div className="plot-grid">
        <PlotFigure
          plotId="roc"
          title={t('class.roc')}
          figure={figures.roc}
          fileName={`${body.target}_roc`}
        />
        <PlotFigure plotId="pr" title={t('class.pr')} figure={figures.pr} fileName={`${body.target}_pr`} />
        <PlotFigure
          plotId="calibration"
          title={t('class.reliability')}
          figure={figures.calibration}
          fileName={`${body.target}_calibration`}
        />
      </div>
      <div className="table-head">
        <h3 id="class-metrics">{t('result.metrics')}</h3>
        <ExportCsvButton
          label={t('result.metrics')}
          fileName={`${body.target}_metrics`}
          header={[t('class.metric'), t('class.value')]}
          rows={csvRows}
        />
      </div>
      <MetricsCards metrics={body.metrics} />
      <DataTable
        title={t('class.cv')}
        tableId="class-folds"
        fileName={`${body.target}_folds`}
        columns={foldColumns}
        rows={body.cv.folds}
      />
      <ArtifactsList jobId={result.job_id} artifacts={artifacts} />
    </div>
  );
}
