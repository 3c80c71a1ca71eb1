/** The prediction job's summary from its result body: row counts, one row per target, and the rows outside each feature's training range. */
import type { PredictionBody } from '../../../src-shared/api/prediction-result.js';
import { useT } from '../../i18n/useT.js';
import { DataTable } from '../../shared/DataTable.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';

type Target = NonNullable<PredictionBody['targets']>[number];
type Feature = NonNullable<PredictionBody['features']>[number];

const COUNT_KEYS = ['rows', 'predicted', 'out_of_range', 'missing_value', 'unknown_category'] as const;

export function PredictionCounts({ counts }: { counts: NonNullable<PredictionBody['counts']> }) {
  const t = useT();
  return (
    <ul className="metric-cards" aria-label={t('prediction.counts')}>
      {COUNT_KEYS.map((k) => (
        <li key={k} className="metric-card" data-count={k}>
          <span className="metric-name">{t(`prediction.count.${k}`)}</span>
          <span className="metric-value">{counts[k].toLocaleString()}</span>
        </li>
      ))}
    </ul>
  );
}

const labelText = (r: Record<string, number> | null) =>
  r === null
    ? ''
    : Object.entries(r)
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ');

export function PredictionTargetsTable({ targets }: { targets: Target[] }) {
  const t = useT();
  const num = (key: 'n_predicted' | 'min' | 'mean' | 'max', label: string): Column<Target> => ({
    key,
    label,
    numeric: true,
    value: (r) => r[key],
    format: (r) => formatNumber(r[key]),
  });
  const columns: Column<Target>[] = [
    { key: 'target', label: t('prediction.col.target'), value: (r) => r.target },
    {
      key: 'kind',
      label: t('prediction.col.kind'),
      value: (r) => r.kind,
      format: (r) => t(`prediction.kind.${r.kind}`),
    },
    { key: 'learner', label: t('prediction.col.learner'), value: (r) => r.learner },
    { key: 'model_file', label: t('prediction.col.modelFile'), value: (r) => r.model_file },
    num('n_predicted', t('prediction.col.nPredicted')),
    num('min', t('prediction.col.min')),
    num('mean', t('prediction.col.mean')),
    num('max', t('prediction.col.max')),
    {
      key: 'uncertainty',
      label: t('prediction.col.uncertainty'),
      value: (r) => r.uncertainty,
      format: (r) => t(`prediction.uncertainty.${r.uncertainty ?? 'none'}`),
    },
    { key: 'labels', label: t('prediction.col.labels'), value: (r) => labelText(r.label_counts) },
  ];
  return (
    <DataTable
      title={t('prediction.targets')}
      tableId="prediction-targets"
      fileName="prediction_targets"
      columns={columns}
      rows={targets}
    />
  );
}

export function PredictionFeaturesTable({ features }: { features: Feature[] }) {
  const t = useT();
  const num = (key: 'min' | 'max' | 'n_below' | 'n_above', label: string): Column<Feature> => ({
    key,
    label,
    numeric: true,
    value: (r) => r[key],
    format: (r) => formatNumber(r[key]),
  });
  const columns: Column<Feature>[] = [
    { key: 'name', label: t('prediction.col.feature'), value: (r) => r.name },
    num('min', t('prediction.col.trainMin')),
    num('max', t('prediction.col.trainMax')),
    num('n_below', t('prediction.col.below')),
    num('n_above', t('prediction.col.above')),
  ];
  return (
    <DataTable
      title={t('prediction.features')}
      tableId="prediction-features"
      fileName="prediction_features"
      columns={columns}
      rows={features.filter((f) => f.type === 'numeric')}
    />
  );
}
