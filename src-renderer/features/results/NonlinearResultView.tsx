/**
 * A nonlinear analysis, as far as its result body goes today: the chosen model and cross-validated metrics per
 * target. Parity, importance and SHAP plots come with the engine's fuller body (and say nothing until then).
 */
import type { Artifact } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import { DataTable } from '../../shared/DataTable.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';
import { ArtifactsList } from './ArtifactsList.js';
import type { NonlinearResult } from './decode-result.js';
import { metricScope } from './MetricsCards.js';
import { ResultHeader } from './ResultHeader.js';

type TargetRow = NonlinearResult['body']['targets'][number];
const ORDER = { oof: 0, holdout: 1, in_sample: 2, other: 3 };

export function NonlinearResultView({
  result,
  artifacts,
}: {
  result: NonlinearResult;
  artifacts: Artifact[];
}) {
  const t = useT();
  const targets = result.body.targets;
  const metricNames = [...new Set(targets.flatMap((x) => Object.keys(x.metrics)))].sort(
    (a, b) => ORDER[metricScope(a)] - ORDER[metricScope(b)] || a.localeCompare(b),
  );
  const columns: Column<TargetRow>[] = [
    { key: 'target', label: t('nonlinear.target'), value: (r) => r.target },
    { key: 'model', label: t('cand.model'), value: (r) => r.model },
    ...metricNames.map((m): Column<TargetRow> => ({
      key: m,
      label: m,
      numeric: true,
      value: (r) => r.metrics[m] ?? null,
      format: (r) => formatNumber(r.metrics[m] ?? null),
    })),
  ];
  return (
    <div className="result-view" data-testid="nonlinear-result">
      <ResultHeader
        finishedAt={result.finished_at}
        engine={result.engine_version}
        warnings={result.warnings}
      />
      <p className="help">{t('nonlinear.scope')}</p>
      <DataTable
        title={t('nonlinear.metrics')}
        tableId="nonlinear-metrics"
        fileName="nonlinear_metrics"
        columns={columns}
        rows={targets}
      />
      <ArtifactsList jobId={result.job_id} artifacts={artifacts} />
    </div>
  );
}
