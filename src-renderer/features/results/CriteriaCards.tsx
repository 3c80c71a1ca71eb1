/** How good a design is, by every usual criterion, as cards (efficiencies in %, the rest as numbers). */
import type { OptimizationBody } from '../../../src-shared/api/optimization-result.js';
import { useT } from '../../i18n/useT.js';
import { formatNumber } from '../../shared/format.js';

const ORDER = ['d_efficiency', 'g_efficiency', 'log_det', 'a', 'i'] as const;

export function CriteriaCards({ criteria }: { criteria: OptimizationBody['criteria'] }) {
  const t = useT();
  return (
    <ul className="metric-cards criteria-cards" aria-label={t('opt.criteria')}>
      {ORDER.map((key) => {
        const value = criteria[key];
        const percent = key === 'd_efficiency' || key === 'g_efficiency';
        return (
          <li key={key} className="metric-card" data-metric={key}>
            <span className="metric-scope">{t(`opt.criterion.${key}.help`)}</span>
            <span className="metric-name">{t(`opt.criterion.${key}`)}</span>
            <span className="metric-value">
              {formatNumber(value)}
              {percent && value !== null ? ' %' : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
