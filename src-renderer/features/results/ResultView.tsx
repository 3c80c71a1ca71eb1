/** Picks the view for a finished job's result.json, or says why it cannot show it. */
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/useT.js';
import { ArtifactsList } from './ArtifactsList.js';
import { ClassificationResultView } from './ClassificationResultView.js';
import { decodeResult } from './decode-result.js';
import { LinearResultView } from './LinearResultView.js';
import { OptimizationResultView } from './OptimizationResultView.js';
import { ParetoResultView } from './ParetoResultView.js';
import { PredictionResultView } from './PredictionResultView.js';
import { useResult } from './useResult.js';

/** Loaded with the first nonlinear result: its tables and SHAP plots need not weigh on the app's first render. */
const NonlinearResultView = lazy(() =>
  import('./NonlinearResultView.js').then((m) => ({ default: m.NonlinearResultView })),
);

export function ResultView({ jobId }: { jobId: string }) {
  const t = useT();
  const result = useResult(jobId, true);
  if (result.isPending) return <p role="status">{t('result.loading')}</p>;
  if (result.isError) {
    return (
      <p className="inline-error" role="alert">
        {t('result.loadFailed', { message: result.error.message })}
      </p>
    );
  }
  const decoded = decodeResult(result.data.result);
  switch (decoded.kind) {
    case 'linear':
      return <LinearResultView result={decoded.result} artifacts={result.data.artifacts} />;
    case 'optimization':
      return <OptimizationResultView result={decoded.result} artifacts={result.data.artifacts} />;
    case 'nonlinear_analysis':
      return (
        <Suspense fallback={<p role="status">{t('result.loading')}</p>}>
          <NonlinearResultView result={decoded.result} artifacts={result.data.artifacts} />
        </Suspense>
      );
    case 'classification':
      return <ClassificationResultView result={decoded.result} artifacts={result.data.artifacts} />;
    case 'prediction':
      return <PredictionResultView result={decoded.result} artifacts={result.data.artifacts} />;
    case 'pareto':
      return <ParetoResultView result={decoded.result} artifacts={result.data.artifacts} />;
    case 'unsupported_version':
      return (
        <>
          <p className="notice" role="status" data-testid="unsupported-result">
            {t('result.unsupportedVersion', { version: decoded.schemaVersion })}
          </p>
          <ArtifactsList jobId={jobId} artifacts={result.data.artifacts} />
        </>
      );
    case 'unsupported_type':
      return (
        <>
          <p className="notice" role="status" data-testid="unsupported-result">
            {t('result.unsupportedType', { type: decoded.jobType })}
          </p>
          <ArtifactsList jobId={jobId} artifacts={result.data.artifacts} />
        </>
      );
    default:
      return (
        <p className="inline-error" role="alert" data-testid="unsupported-result">
          {t('result.invalid')}
        </p>
      );
  }
}
