/** A nonlinear target's SHAP explanation: importance bars (mean |SHAP|), the beeswarm, and a dependence plot per feature. */
import { useId, useMemo, useState } from 'react';
import type { NonlinearTarget } from '../../../src-shared/api/nonlinear-result.js';
import { useT } from '../../i18n/useT.js';
import { beeswarmFigure, dependenceFigure, importanceFigure, importanceOrder } from './nonlinear-figures.js';
import { PlotFigure } from './PlotFigure.js';

type Shap = NonNullable<NonlinearTarget['shap']>;

export function ShapSection({
  shap,
  features,
  target,
}: {
  shap: Shap;
  features: string[];
  target: NonlinearTarget;
}) {
  const t = useT();
  const id = useId();
  const name = target.target;
  const order = useMemo(() => importanceOrder(shap), [shap]);
  const [feature, setFeature] = useState(order[0] ?? 0);
  const shapLabel = t('nonlinear.shapValue', { target: name });
  const figures = useMemo(
    () => ({
      importance: importanceFigure(shap, features, {
        x: t('nonlinear.feature'),
        y: t('nonlinear.meanAbsShap'),
      }),
      beeswarm: beeswarmFigure(shap, features, { x: shapLabel, scale: t('nonlinear.featureValueScale') }),
    }),
    [shap, features, shapLabel, t],
  );
  const dependence = useMemo(
    () => dependenceFigure(shap, features, feature, { y: shapLabel, scale: (other) => other }),
    [shap, features, feature, shapLabel],
  );
  return (
    <div className="shap-section" data-testid="shap-section">
      {shap.rows.length < target.n && (
        <p className="help">{t('nonlinear.shapSample', { shown: shap.rows.length, n: target.n })}</p>
      )}
      <div className="plot-grid">
        <PlotFigure
          plotId="shap-importance"
          title={t('nonlinear.importance')}
          figure={figures.importance}
          fileName={`${name}_shap_importance`}
        />
        <PlotFigure
          plotId="shap-beeswarm"
          title={t('nonlinear.beeswarm')}
          figure={figures.beeswarm}
          fileName={`${name}_shap_beeswarm`}
          height={Math.max(300, 60 + 40 * features.length)}
        />
      </div>
      <div className="field" data-field="dependence-feature">
        <label htmlFor={id}>{t('nonlinear.dependenceFeature')}</label>
        <select id={id} value={feature} onChange={(event) => setFeature(Number(event.target.value))}>
          {order.map((j) => (
            <option key={j} value={j}>
              {features[j]}
            </option>
          ))}
        </select>
      </div>
      <PlotFigure
        plotId="shap-dependence"
        title={t('nonlinear.dependence', { feature: features[feature] ?? '' })}
        figure={dependence}
        fileName={`${name}_shap_dependence_${features[feature] ?? feature}`}
      />
    </div>
  );
}
