/**
 * A nonlinear target's scores: the nested-CV (out-of-fold) R², RMSE and MAE pooled over all rows, each with its mean
 * ± SD over the outer folds, then the final model's in-sample scores, in their own labelled group.
 */
import type { NonlinearTarget } from '../../../src-shared/api/nonlinear-result.js';
import { useT } from '../../i18n/useT.js';
import { formatNumber } from '../../shared/format.js';

const SCORES = ['r2', 'rmse', 'mae'] as const;
const LABEL = { r2: 'R²', rmse: 'RMSE', mae: 'MAE' } as const;

function meanSd(values: number[]): { mean: number | null; sd: number | null } {
  if (values.length === 0) return { mean: null, sd: null };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (values.length < 2) return { mean, sd: null };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

/** Mean and sample SD of one score over the outer folds (folds without that score left out). */
export function foldSpread(target: NonlinearTarget, score: (typeof SCORES)[number]) {
  return meanSd(target.folds.map((f) => f.scores[score]).filter((v): v is number => v !== null));
}

export function NonlinearMetrics({ target }: { target: NonlinearTarget }) {
  const t = useT();
  const inSample = Object.entries(target.metrics).filter(([name]) => name.startsWith('in_sample_'));
  return (
    <div className="nonlinear-metrics">
      <h4>{t('nonlinear.oofTitle')}</h4>
      <ul className="metric-cards" aria-label={t('nonlinear.oofTitle')}>
        {SCORES.map((score) => {
          const spread = foldSpread(target, score);
          return (
            <li key={score} className="metric-card" data-scope="oof" data-metric={`oof_${score}`}>
              <span className="metric-scope">{t('metric.scope.oof')}</span>
              <span className="metric-name">{LABEL[score]}</span>
              <span className="metric-value">{formatNumber(target.metrics[`oof_${score}`] ?? null)}</span>
              <span className="metric-scope" data-testid="fold-spread">
                {t('nonlinear.foldSpread', { mean: formatNumber(spread.mean), sd: formatNumber(spread.sd) })}
              </span>
            </li>
          );
        })}
      </ul>
      {inSample.length > 0 && (
        <>
          <h4>{t('nonlinear.inSampleTitle')}</h4>
          <ul className="metric-cards" aria-label={t('nonlinear.inSampleTitle')}>
            {inSample.map(([name, value]) => {
              const bare = name.replace(/^in_sample_/, '');
              return (
                <li key={name} className="metric-card" data-scope="in_sample" data-metric={name}>
                  <span className="metric-scope">{t('metric.scope.in_sample')}</span>
                  <span className="metric-name">{LABEL[bare as keyof typeof LABEL] ?? bare}</span>
                  <span className="metric-value">{formatNumber(value)}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
