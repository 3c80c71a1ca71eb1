/** Picks the view for a finished job's result.json, or says why it cannot show it. */
import { lazy, Suspense } from 'react';
import type { Artifact } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import type { Translate } from '../../i18n/useT.js';
import { LogSourceLine } from '../logs/LogSourceLine.js';
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
  // Rows from an experiment log: say which, above whatever view shows the result.
  const source = 'result' in decoded ? decoded.result.input_source : undefined;
  const view = resultBody(decoded, result.data.artifacts, jobId, t);
  return source ? (
    <>
      <LogSourceLine source={source} />
      {view}
    </>
  ) : (
    view
  );
}

function resultBody(
  decoded: ReturnType<typeof decodeResult>,
  artifacts: Artifact[],
  jobId: string,
  t: Translate,
) {
  switch (decoded.kind) {
    case 'linear':
      return <LinearResultView result={decoded.result} artifacts={artifacts} />;
    case 'optimization':
      return <OptimizationResultView result={decoded.result} artifacts={artifacts} />;
    case 'nonlinear_analysis':
      return (
        <Suspense fallback={<p role="status">{t('result.loading')}</p>}>
          <NonlinearResultView result={decoded.result} artifacts={artifacts} />
        </Suspense>
      );
    case 'classification':
      return <ClassificationResultView result={decoded.result} artifacts={artifacts} />;
    case 'prediction':
      return <PredictionResultView result={decoded.result} artifacts={artifacts} />;
    case 'pareto':
      return <ParetoResultView result={decoded.result} artifacts={artifacts} />;
    case 'unsupported_version':
      return (
        <>
          <p className="notice" role="status" data-testid="unsupported-result">
            {t('result.unsupportedVersion', { version: decoded.schemaVersion })}
          </p>
          <ArtifactsList jobId={jobId} artifacts={artifacts} />
        </>
      );
    case 'unsupported_type':
      return (
        <>
          <p className="notice" role="status" data-testid="unsupported-result">
            {t('result.unsupportedType', { type: decoded.jobType })}
          </p>
          <ArtifactsList jobId={jobId} artifacts={artifacts} />
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
