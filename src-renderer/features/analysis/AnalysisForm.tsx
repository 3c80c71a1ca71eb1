/**
 * The New analysis panel's form for the chosen job type. The forms of the modelling types are loaded when first
 * chosen, so the app's first render carries only the default (linear) and design-of-experiments forms.
 */
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/useT.js';
import type { FormJobType } from './JobTypePicker.js';
import type { JobFormProps } from './JobFormFrame.js';
import { LinearAnalysisForm } from './LinearAnalysisForm.js';
import { OptimizationForm } from './OptimizationForm.js';

const NonlinearAnalysisForm = lazy(() =>
  import('./NonlinearAnalysisForm.js').then((m) => ({ default: m.NonlinearAnalysisForm })),
);
const ClassificationForm = lazy(() =>
  import('./ClassificationForm.js').then((m) => ({ default: m.ClassificationForm })),
);
const ParetoForm = lazy(() => import('./ParetoForm.js').then((m) => ({ default: m.ParetoForm })));
const PredictionForm = lazy(() => import('./PredictionForm.js').then((m) => ({ default: m.PredictionForm })));

function Loaded({ jobType, ...props }: JobFormProps & { jobType: FormJobType }) {
  switch (jobType) {
    case 'optimization':
      return <OptimizationForm {...props} />;
    case 'nonlinear_analysis':
      return <NonlinearAnalysisForm {...props} />;
    case 'classification':
      return <ClassificationForm {...props} />;
    case 'pareto':
      return <ParetoForm {...props} />;
    case 'prediction':
      return <PredictionForm {...props} />;
    default:
      return <LinearAnalysisForm {...props} />;
  }
}

export function AnalysisForm(props: JobFormProps & { jobType: FormJobType }) {
  const t = useT();
  return (
    <Suspense
      fallback={
        <section className="panel" aria-busy="true">
          <h2>{t('analysis.title')}</h2>
          {props.picker}
        </section>
      }
    >
      <Loaded {...props} />
    </Suspense>
  );
}
