/** A design of experiments: the runs to do (and those already done), its criteria, VIFs, and where the runs sit. */
import { useMemo } from 'react';
import type { Artifact } from '../../../src-shared/api/index.js';
import type { DesignRun } from '../../../src-shared/api/optimization-result.js';
import type { z } from 'zod';
import { useT } from '../../i18n/useT.js';
import { DataTable } from '../../shared/DataTable.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';
import { AddRunsToLog } from '../logs/AddRunsToLog.js';
import { ArtifactsList } from './ArtifactsList.js';
import { CriteriaCards } from './CriteriaCards.js';
import type { OptimizationResult } from './decode-result.js';
import { correlationFigure, fdsFigure, projectionFigure } from './optimization-figures.js';
import { PlotFigure } from './PlotFigure.js';
import { ResultHeader } from './ResultHeader.js';

type Run = z.infer<typeof DesignRun>;
type VifRow = OptimizationResult['body']['vif'][number];

/** A variance inflation factor above this is the usual sign of a term confounded with others. */
export const VIF_WARN = 10;

export function OptimizationResultView({
  result,
  artifacts,
}: {
  result: OptimizationResult;
  artifacts: Artifact[];
}) {
  const t = useT();
  const body = result.body;
  const figures = useMemo(
    () => ({
      projection: projectionFigure(body, {
        pc: 'PC',
        candidates: t('opt.candidates'),
        existing: t('opt.existing'),
        selected: t('opt.selected'),
      }),
      fds: fdsFigure(body, { x: t('opt.fdsFraction'), y: t('opt.fdsVariance'), series: t('opt.fds') }),
      correlation: correlationFigure(body, { name: t('opt.correlation') }),
    }),
    [body, t],
  );

  const runColumns: Column<Run>[] = [
    { key: 'run', label: t('opt.run'), numeric: true, value: (r) => r.run },
    {
      key: 'source',
      label: t('opt.source'),
      value: (r) => r.source,
      format: (r) => t(r.source === 'new' ? 'opt.source.new' : 'opt.source.existing'),
    },
    {
      key: 'candidate_index',
      label: t('opt.candidateIndex'),
      numeric: true,
      value: (r) => r.candidate_index,
      format: (r) => (r.candidate_index === null ? '—' : String(r.candidate_index + 1)),
    },
    ...body.factors.map((f): Column<Run> => ({
      key: `f:${f}`,
      label: f,
      numeric: true,
      value: (r) => r.values[f] ?? null,
      format: (r) => {
        const v = r.values[f];
        return typeof v === 'number' ? formatNumber(v, 6) : (v ?? '—');
      },
    })),
  ];
  const vifColumns: Column<VifRow>[] = [
    { key: 'term', label: t('coef.term'), value: (r) => r.term },
    {
      key: 'vif',
      label: 'VIF',
      numeric: true,
      value: (r) => r.vif,
      format: (r) =>
        formatNumber(r.vif) + (r.vif !== null && r.vif >= VIF_WARN ? ` ⚠ ${t('opt.vifHigh')}` : ''),
    },
  ];

  return (
    <div className="result-view" data-testid="optimization-result">
      <ResultHeader
        finishedAt={result.finished_at}
        engine={result.engine_version}
        warnings={result.warnings}
      />
      <p className="help">
        {t('opt.summary', {
          criterion: body.criterion,
          algorithm: body.algorithm,
          model: body.model,
          candidates: body.n_candidates,
          existing: body.n_existing,
          added: body.n_new,
          starts: body.starts,
          best: body.best_start,
        })}
      </p>
      <CriteriaCards criteria={body.criteria} />
      <DataTable
        title={t('opt.runs')}
        tableId="opt-runs"
        fileName="design_runs"
        columns={runColumns}
        rows={body.runs}
      />
      <AddRunsToLog jobId={result.job_id} />
      <div className="plot-grid">
        <PlotFigure
          plotId="projection"
          title={t('opt.projection')}
          figure={figures.projection}
          fileName="design_projection"
        />
        <PlotFigure plotId="fds" title={t('opt.fds')} figure={figures.fds} fileName="design_fds" />
        <PlotFigure
          plotId="correlation"
          title={t('opt.correlation')}
          figure={figures.correlation}
          fileName="design_correlation"
        />
      </div>
      <DataTable
        title={t('opt.vif')}
        tableId="opt-vif"
        fileName="design_vif"
        columns={vifColumns}
        rows={body.vif}
      />
      <ArtifactsList jobId={result.job_id} artifacts={artifacts} />
    </div>
  );
}
