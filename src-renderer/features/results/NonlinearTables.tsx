/**
 * A nonlinear target's tables: the candidate models' nested-CV scores (mean ± SD over outer folds), the model chosen
 * in each outer fold with that fold's scores, and the final model's tuned hyperparameters with the tuning of every
 * candidate on all rows. Each table exports as CSV.
 */
import type { NonlinearTarget } from '../../../src-shared/api/nonlinear-result.js';
import { useT } from '../../i18n/useT.js';
import { DataTable } from '../../shared/DataTable.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';
import { modelName } from './model-name.js';

type ModelRow = NonlinearTarget['models'][number];
type FoldRow = NonlinearTarget['folds'][number];
type TuningRow = NonlinearTarget['final']['tuning'][number];
type ParamValue = string | number | boolean | null;
const SCORES = ['mae', 'rmse', 'r2'] as const;
const LABEL = { r2: 'R²', rmse: 'RMSE', mae: 'MAE' } as const;

const paramText = (v: ParamValue) => (typeof v === 'number' ? formatNumber(v, 6) : String(v ?? '—'));
const paramsText = (params: Record<string, ParamValue>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${paramText(v)}`)
    .join(', ');

export function NonlinearTables({ target, index }: { target: NonlinearTarget; index: number }) {
  const t = useT();
  const name = target.target;
  const chosenCount = (model: string) => target.folds.filter((f) => f.chosen === model).length;

  const modelColumns: Column<ModelRow>[] = [
    { key: 'model', label: t('cand.model'), value: (r) => modelName(t, r.model) },
    ...SCORES.flatMap((s): Column<ModelRow>[] => [
      {
        key: s,
        label: `${LABEL[s]} (${t('metric.scope.oof')})`,
        numeric: true,
        value: (r) => r.mean[s],
        format: (r) => formatNumber(r.mean[s]),
      },
      {
        key: `${s}_sd`,
        label: `${LABEL[s]} SD`,
        numeric: true,
        value: (r) => r.sd[s],
        format: (r) => formatNumber(r.sd[s]),
      },
    ]),
    { key: 'chosen', label: t('nonlinear.chosenIn'), numeric: true, value: (r) => chosenCount(r.model) },
    {
      key: 'final',
      label: t('nonlinear.isFinal'),
      value: (r) => (r.model === target.final.model ? '✓' : ''),
    },
  ];
  const foldColumns: Column<FoldRow>[] = [
    { key: 'fold', label: t('nonlinear.fold'), numeric: true, value: (r) => r.fold },
    { key: 'chosen', label: t('nonlinear.chosen'), value: (r) => modelName(t, r.chosen) },
    { key: 'n_test', label: t('nonlinear.nTest'), numeric: true, value: (r) => r.n_test },
    ...SCORES.map((s): Column<FoldRow> => ({
      key: s,
      label: LABEL[s],
      numeric: true,
      value: (r) => r.scores[s],
      format: (r) => formatNumber(r.scores[s]),
    })),
  ];
  const params = Object.entries(target.final.params);
  const paramColumns: Column<[string, ParamValue]>[] = [
    { key: 'param', label: t('nonlinear.param'), value: (r) => r[0] },
    { key: 'value', label: t('nonlinear.value'), value: (r) => r[1], format: (r) => paramText(r[1]) },
  ];
  const tuningColumns: Column<TuningRow>[] = [
    { key: 'model', label: t('cand.model'), value: (r) => modelName(t, r.model) },
    {
      key: 'inner_rmse',
      label: t('nonlinear.innerRmse'),
      numeric: true,
      value: (r) => r.inner_rmse,
      format: (r) => formatNumber(r.inner_rmse),
    },
    { key: 'n_trials', label: t('nonlinear.nTrials'), numeric: true, value: (r) => r.n_trials },
    { key: 'n_pruned', label: t('nonlinear.nPruned'), numeric: true, value: (r) => r.n_pruned },
    { key: 'params', label: t('nonlinear.params'), value: (r) => paramsText(r.params) },
  ];

  return (
    <>
      <DataTable
        title={t('nonlinear.models')}
        tableId={`nl-models-${index}`}
        fileName={`${name}_models`}
        columns={modelColumns}
        rows={target.models}
      />
      <DataTable
        title={t('nonlinear.folds')}
        tableId={`nl-folds-${index}`}
        fileName={`${name}_folds`}
        columns={foldColumns}
        rows={target.folds}
      />
      <DataTable
        title={t('nonlinear.final', { model: modelName(t, target.final.model) })}
        tableId={`nl-final-${index}`}
        fileName={`${name}_hyperparameters`}
        columns={paramColumns}
        rows={params}
      />
      <DataTable
        title={t('nonlinear.tuning')}
        tableId={`nl-tuning-${index}`}
        fileName={`${name}_tuning`}
        columns={tuningColumns}
        rows={target.final.tuning}
      />
    </>
  );
}
