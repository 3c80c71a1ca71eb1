/** Everything about one target of a linear analysis: figures, equation, coefficients, diagnostics, candidates. */
import { useMemo } from 'react';
import type { LinearTargetResult } from '../../../src-shared/api/linear-result.js';
import { useT } from '../../i18n/useT.js';
import { formatNumber } from '../../shared/format.js';
import { CandidatesTable } from './CandidatesTable.js';
import { CoefficientsTable } from './CoefficientsTable.js';
import {
  coefficientFigure,
  hasCodedCoefficients,
  parityFigure,
  parityUsesFitted,
  qqFigure,
  residualFigure,
} from './linear-figures.js';
import { MetricsCards } from './MetricsCards.js';
import { PlotFigure } from './PlotFigure.js';

export function LinearTargetView({ target, index }: { target: LinearTargetResult; index: number }) {
  const t = useT();
  const name = target.target;
  const figures = useMemo(() => {
    const usesFitted = parityUsesFitted(target);
    return {
      coefficients: coefficientFigure(target, {
        x: t('plot.term'),
        y: hasCodedCoefficients(target) ? t('plot.estimateCiCoded') : t('plot.estimateCi'),
        series: t('coef.estimate'),
      }),
      parity: parityFigure(target, {
        x: t('plot.actual', { target: name }),
        y: usesFitted ? t('plot.predictedMixed') : t('plot.predictedOof'),
        series: usesFitted ? t('plot.predictedMixed') : t('plot.predictedOof'),
      }),
      residuals: residualFigure(target, {
        x: t('plot.fitted'),
        y: t('plot.residual'),
        series: t('plot.residual'),
      }),
      qq: qqFigure(target, {
        x: t('plot.normalQuantile'),
        y: t('plot.studentized'),
        series: t('plot.studentized'),
      }),
    };
  }, [target, name, t]);

  return (
    <section className="target-view" aria-labelledby={`target-${index}-title`} data-target={name}>
      <h3 id={`target-${index}-title`}>{t('result.target', { target: name })}</h3>
      <p className="help">
        {t('result.summary', {
          model: t(`model.${target.selected.model}`),
          n: target.n,
          dropped: target.n_dropped,
          transform: target.transform.name,
        })}
        {target.selected.alpha !== null && <> alpha = {formatNumber(target.selected.alpha)}</>}
        {target.selected.reason && <> — {target.selected.reason}</>}
      </p>
      <MetricsCards metrics={target.metrics} />
      <div className="equation">
        <h4 id={`equation-${index}`}>{t('result.equation')}</h4>
        <code aria-labelledby={`equation-${index}`} data-testid="equation">
          {target.equation}
        </code>
      </div>
      <div className="plot-grid">
        <PlotFigure
          plotId="coefficients"
          title={t('plot.coefficients')}
          figure={figures.coefficients}
          fileName={`${name}_coefficients`}
        />
        <PlotFigure
          plotId="parity"
          title={t('plot.parity')}
          figure={figures.parity}
          fileName={`${name}_parity`}
        />
        <PlotFigure
          plotId="residuals"
          title={t('plot.residuals')}
          figure={figures.residuals}
          fileName={`${name}_residuals`}
        />
        <PlotFigure plotId="qq" title={t('plot.qq')} figure={figures.qq} fileName={`${name}_qq`} />
      </div>
      <CoefficientsTable rows={target.coefficients} target={name} tableId={`coef-${index}`} />
      <CandidatesTable target={target} tableId={`cand-${index}`} />
      {target.aliased_terms.length > 0 && (
        <p className="help">{t('result.aliased', { terms: target.aliased_terms.join(', ') })}</p>
      )}
    </section>
  );
}
