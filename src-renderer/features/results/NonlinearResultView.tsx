/**
 * A nonlinear analysis: run details and warnings, the scores of every target side by side, then one tab per target
 * with its honest (nested-CV) and in-sample scores, parity plot, model and fold tables, and SHAP explanation.
 */
import { useState } from 'react';
import type { Artifact } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import { DataTable } from '../../shared/DataTable.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';
import { ArtifactsList } from './ArtifactsList.js';
import type { NonlinearResult } from './decode-result.js';
import { metricScope } from './MetricsCards.js';
import { modelName } from './model-name.js';
import { NonlinearParetoSection } from './NonlinearParetoSection.js';
import { NonlinearTargetView } from './NonlinearTargetView.js';
import { ResultHeader } from './ResultHeader.js';
import { TargetTabs } from './TargetTabs.js';

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
  const [active, setActive] = useState(0);
  const { targets, features, grouping } = result.body;
  const current = targets[Math.min(active, targets.length - 1)];
  const metricNames = [...new Set(targets.flatMap((x) => Object.keys(x.metrics)))].sort(
    (a, b) => ORDER[metricScope(a)] - ORDER[metricScope(b)] || a.localeCompare(b),
  );
  const columns: Column<TargetRow>[] = [
    { key: 'target', label: t('nonlinear.target'), value: (r) => r.target },
    { key: 'model', label: t('cand.model'), value: (r) => modelName(t, r.model) },
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
      {current && (
        <TargetTabs
          names={targets.map((x) => x.target)}
          active={active}
          onSelect={setActive}
          idPrefix="nl-target"
        >
          <NonlinearTargetView
            key={current.target}
            target={current}
            index={active}
            features={features}
            grouping={grouping}
          />
        </TargetTabs>
      )}
      {result.body.pareto && <NonlinearParetoSection pareto={result.body.pareto} />}
      <ArtifactsList jobId={result.job_id} artifacts={artifacts} />
    </div>
  );
}
