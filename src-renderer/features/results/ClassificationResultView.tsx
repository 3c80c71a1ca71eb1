/** A pass/fail classifier: its honest metrics and the two thresholds that split scores into positive, gray, negative. */
import type { Artifact } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import { ExportCsvButton } from '../../shared/ExportCsvButton.js';
import { formatNumber } from '../../shared/format.js';
import { ArtifactsList } from './ArtifactsList.js';
import type { ClassificationResult } from './decode-result.js';
import { MetricsCards } from './MetricsCards.js';
import { ResultHeader } from './ResultHeader.js';

export function ClassificationResultView({
  result,
  artifacts,
}: {
  result: ClassificationResult;
  artifacts: Artifact[];
}) {
  const t = useT();
  const { body, parameters } = result;
  const { tau_pos: pos, tau_neg: neg } = body.thresholds;
  const csvRows = [
    ...Object.entries(body.metrics).map(([name, value]) => [name, value] as const),
    ['tau_pos', pos] as const,
    ['tau_neg', neg] as const,
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
          model: body.model,
          positive: String(parameters.positive_label),
          alpha: parameters.alpha,
        })}
      </p>
      <h3 id="class-thresholds">{t('class.thresholds')}</h3>
      <ul className="metric-cards" aria-labelledby="class-thresholds">
        <li className="metric-card" data-metric="tau_pos">
          <span className="metric-scope">{t('class.tauPos.help', { value: formatNumber(pos) })}</span>
          <span className="metric-name">τ+</span>
          <span className="metric-value">{formatNumber(pos)}</span>
        </li>
        <li className="metric-card" data-metric="tau_neg">
          <span className="metric-scope">{t('class.tauNeg.help', { value: formatNumber(neg) })}</span>
          <span className="metric-name">τ−</span>
          <span className="metric-value">{formatNumber(neg)}</span>
        </li>
      </ul>
      {pos !== null && neg !== null && (
        <p className="help">{t('class.gray', { neg: formatNumber(neg), pos: formatNumber(pos) })}</p>
      )}
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
      <ArtifactsList jobId={result.job_id} artifacts={artifacts} />
    </div>
  );
}
