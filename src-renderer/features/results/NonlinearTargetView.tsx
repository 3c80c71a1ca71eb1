/** Everything about one target of a nonlinear analysis: scores, parity plot, model and fold tables, SHAP. */
import { useMemo } from 'react';
import type { NonlinearTarget } from '../../../src-shared/api/nonlinear-result.js';
import { useT } from '../../i18n/useT.js';
import { modelName } from './model-name.js';
import { nonlinearParityFigure } from './nonlinear-figures.js';
import { NonlinearMetrics } from './NonlinearMetrics.js';
import { NonlinearTables } from './NonlinearTables.js';
import { PlotFigure } from './PlotFigure.js';
import { ShapSection } from './ShapSection.js';

interface Props {
  target: NonlinearTarget;
  index: number;
  features: string[];
  grouping: 'replicates' | 'column';
}

export function NonlinearTargetView({ target, index, features, grouping }: Props) {
  const t = useT();
  const name = target.target;
  const parity = useMemo(
    () =>
      nonlinearParityFigure(target, {
        x: t('plot.actual', { target: name }),
        y: t('plot.predictedOof'),
        series: t('plot.predictedOof'),
        fold: (fold) => t('nonlinear.foldOf', { fold }),
      }),
    [target, name, t],
  );
  return (
    <section className="target-view" aria-labelledby={`nl-target-${index}-title`} data-target={name}>
      <h3 id={`nl-target-${index}-title`}>{t('result.target', { target: name })}</h3>
      <p className="help">
        {t('nonlinear.summary', {
          model: modelName(t, target.final.model),
          n: target.n,
          dropped: target.n_dropped,
          folds: target.folds.length,
          grouping: t(`nonlinear.grouping.${grouping}`),
        })}
      </p>
      <NonlinearMetrics target={target} />
      <PlotFigure plotId="parity" title={t('nonlinear.parity')} figure={parity} fileName={`${name}_parity`} />
      <NonlinearTables target={target} index={index} />
      {target.shap ? (
        <ShapSection key={name} shap={target.shap} features={features} target={target} />
      ) : (
        <p className="help" data-testid="no-shap">
          {t('nonlinear.noShap', { model: modelName(t, target.final.model) })}
        </p>
      )}
    </section>
  );
}
