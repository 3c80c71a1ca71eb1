/** A prediction job: its counts and per-target summary, and its rows (predicted values, uncertainty, flags) in a table that stays fast at 100,000 rows. */
import { useMemo } from 'react';
import type { Artifact } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';
import { jobHash } from '../../shared/useHashRoute.js';
import { VirtualTable } from '../../shared/VirtualTable.js';
import { ArtifactsList } from './ArtifactsList.js';
import type { PredictionResult } from './decode-result.js';
import { parsePredictionRows, rowsArtifact } from './prediction-rows.js';
import type { Cell } from './prediction-rows.js';
import { ResultHeader } from './ResultHeader.js';
import {
  PredictionCounts,
  PredictionFeaturesTable,
  PredictionTargetsTable,
} from './PredictionResultViewSummary.js';
import { useArtifactText } from './useArtifactText.js';

export function PredictionRowsTable({
  columns,
  rows,
  title,
}: {
  columns: readonly string[];
  rows: Cell[][];
  title?: string;
}) {
  const t = useT();
  const tableColumns = useMemo(
    () =>
      columns.map((name, i): Column<Cell[]> => ({
        key: `${i}:${name}`,
        label: name,
        numeric: typeof rows.find((r) => r[i] !== null)?.[i] === 'number',
        value: (r) => r[i],
        format: (r) => {
          const v = r[i];
          return typeof v === 'number' ? formatNumber(v, 6) : (v ?? '—');
        },
      })),
    [columns, rows],
  );
  return (
    <VirtualTable
      title={title ?? t('prediction.rows')}
      tableId="prediction-rows"
      fileName="predictions"
      columns={tableColumns}
      rows={rows}
    />
  );
}

export function PredictionResultView({
  result,
  artifacts,
}: {
  result: PredictionResult;
  artifacts: Artifact[];
}) {
  const t = useT();
  const body = result.body;
  const source = rowsArtifact(artifacts);
  const text = useArtifactText(result.job_id, source);
  const parsed = useMemo(
    () => (text.data === undefined ? null : parsePredictionRows(text.data, body.columns)),
    [text.data, body.columns],
  );
  return (
    <div className="result-view" data-testid="prediction-result">
      <ResultHeader
        finishedAt={result.finished_at}
        engine={result.engine_version}
        warnings={result.warnings}
      />
      <p className="help">
        {t('prediction.summary', { n: body.n, columns: body.columns.length })}{' '}
        <a href={jobHash(body.model_job_id)}>{t('prediction.modelJob')}</a>
      </p>
      {body.counts && <PredictionCounts counts={body.counts} />}
      {body.targets && body.targets.length > 0 && <PredictionTargetsTable targets={body.targets} />}
      {body.features && body.features.some((f) => f.type === 'numeric') && (
        <PredictionFeaturesTable features={body.features} />
      )}
      {!source && <p className="notice">{t('prediction.noRows')}</p>}
      {!parsed && body.preview && body.preview.length > 0 && (
        <PredictionRowsTable columns={body.columns} rows={body.preview} title={t('prediction.preview')} />
      )}
      {source && text.isPending && <p role="status">{t('prediction.loading')}</p>}
      {text.isError && (
        <p className="inline-error" role="alert">
          {t('result.loadFailed', { message: text.error.message })}
        </p>
      )}
      {parsed && parsed.missing.length > 0 && (
        <p className="notice">{t('prediction.missingColumns', { columns: parsed.missing.join(', ') })}</p>
      )}
      {parsed && parsed.rows.length !== body.n && (
        <p className="notice">{t('prediction.countMismatch', { rows: parsed.rows.length, n: body.n })}</p>
      )}
      {parsed && <PredictionRowsTable columns={body.columns} rows={parsed.rows} />}
      <ArtifactsList jobId={result.job_id} artifacts={artifacts} />
    </div>
  );
}
