/** The fit's figures as cards, honest (out-of-fold) ones first and each labelled as out-of-fold or in-sample. */
import { useT } from '../../i18n/useT.js';
import { formatNumber } from '../../shared/format.js';

export function metricScope(name: string): 'oof' | 'in_sample' | 'holdout' | 'other' {
  if (name.startsWith('oof_')) return 'oof';
  if (name.startsWith('in_sample_')) return 'in_sample';
  if (name.startsWith('holdout_') || name.startsWith('test_')) return 'holdout';
  return 'other';
}

const ORDER = { oof: 0, holdout: 1, in_sample: 2, other: 3 };

export function MetricsCards({ metrics }: { metrics: Record<string, number | null> }) {
  const t = useT();
  const entries = Object.entries(metrics).sort(
    ([a], [b]) => ORDER[metricScope(a)] - ORDER[metricScope(b)] || a.localeCompare(b),
  );
  return (
    <ul className="metric-cards" aria-label={t('result.metrics')}>
      {entries.map(([name, value]) => {
        const scope = metricScope(name);
        const bare = name.replace(/^(oof_|in_sample_|holdout_|test_)/, '');
        return (
          <li key={name} className="metric-card" data-scope={scope} data-metric={name}>
            <span className="metric-scope">{t(`metric.scope.${scope}`)}</span>
            <span className="metric-name">{bare}</span>
            <span className="metric-value">{formatNumber(value)}</span>
          </li>
        );
      })}
    </ul>
  );
}
