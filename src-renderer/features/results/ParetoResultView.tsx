/**
 * A Pareto front: one 2-D view per pair of objectives, the parallel coordinates of the whole front, and the front as
 * a table (hover a point or a row for its full condition). Large fronts are drawn with WebGL.
 */
import { useMemo } from 'react';
import type { Artifact } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';
import { VirtualTable } from '../../shared/VirtualTable.js';
import { ArtifactsList } from './ArtifactsList.js';
import type { ParetoResult } from './decode-result.js';
import {
  frontColumns,
  MAX_PARCOORDS_LINES,
  pairwiseFigures,
  parcoordsFigure,
  rowText,
} from './pareto-figures.js';
import { PlotFigure } from './PlotFigure.js';
import { ResultHeader } from './ResultHeader.js';

type Row = ParetoResult['body']['front'][number];

export function ParetoResultView({ result, artifacts }: { result: ParetoResult; artifacts: Artifact[] }) {
  const t = useT();
  const body = result.body;
  const columns = useMemo(() => frontColumns(body), [body]);
  const direction = useMemo(() => ({ min: t('pareto.min'), max: t('pareto.max') }), [t]);
  const hover = useMemo(() => body.front.map((row) => rowText(row, columns)), [body, columns]);
  const pairs = useMemo(
    () =>
      pairwiseFigures(body, { direction, front: t('pareto.front'), pairFront: t('pareto.pairFront') }, hover),
    [body, direction, hover, t],
  );
  const parcoords = useMemo(() => parcoordsFigure(body, { direction }), [body, direction]);
  const tableColumns = useMemo(() => {
    const objectiveSet = new Set(body.objectives.map((o) => o.column));
    return columns.map((c): Column<Row> => ({
      key: c,
      label: objectiveSet.has(c)
        ? `${c} (${direction[body.objectives.find((o) => o.column === c)!.direction]})`
        : c,
      numeric: typeof body.front[0]?.[c] === 'number',
      value: (r) => r[c] ?? null,
      format: (r) => {
        const v = r[c];
        return typeof v === 'number' ? formatNumber(v, 6) : (v ?? '—');
      },
    }));
  }, [columns, body, direction]);
  return (
    <div className="result-view" data-testid="pareto-result">
      <ResultHeader
        finishedAt={result.finished_at}
        engine={result.engine_version}
        warnings={result.warnings}
      />
      <p className="help">
        {t('pareto.summary', {
          front: body.n_front,
          evaluated: body.n_evaluated,
          objectives: body.objectives.map((o) => `${o.column} (${direction[o.direction]})`).join(', '),
        })}
      </p>
      {body.plot?.thinned && (
        <p className="help" data-testid="pareto-thinned">
          {t('pareto.thinned', {
            shown: body.front.length,
            total: body.n_front,
            epsilon: formatNumber(body.plot.epsilon, 3),
          })}
        </p>
      )}
      {body.hypervolume && (
        <p className="help" data-testid="pareto-facts">
          {t('pareto.facts', {
            fronts: body.n_fronts ?? '—',
            hypervolume:
              formatNumber(body.hypervolume.value, 6) +
              (body.hypervolume.standard_error === null
                ? ''
                : ` ± ${formatNumber(body.hypervolume.standard_error, 2)}`),
            method: t(`pareto.method.${body.hypervolume.method}`),
            knee: body.knee?.row ?? '—',
          })}
        </p>
      )}
      <div className="plot-grid">
        {pairs.map((p) => (
          <PlotFigure
            key={p.key}
            plotId={`pair-${p.key}`}
            title={t('pareto.pair', { a: p.a.column, b: p.b.column })}
            figure={p.figure}
            fileName={`pareto_${p.a.column}_${p.b.column}`}
            bundle="strict"
          />
        ))}
      </div>
      {body.front.length > MAX_PARCOORDS_LINES && (
        <p className="help">
          {t('pareto.parcoordsSample', { shown: MAX_PARCOORDS_LINES, total: body.front.length })}
        </p>
      )}
      <PlotFigure
        plotId="parcoords"
        title={t('pareto.parcoords')}
        figure={parcoords}
        fileName="pareto_parallel_coordinates"
        height={420}
      />
      <VirtualTable
        title={t('pareto.table')}
        tableId="pareto-front"
        fileName="pareto_front"
        columns={tableColumns}
        rows={body.front}
        rowTitle={(row) => rowText(row, columns).replaceAll('<br>', '\n')}
      />
      <ArtifactsList jobId={result.job_id} artifacts={artifacts} />
    </div>
  );
}
