/** A linear analysis result: run details, warnings, one tab per target, and the output files. */
import { useState } from 'react';
import type { Artifact } from '../../../src-shared/api/index.js';
import { useLanguage, useT } from '../../i18n/useT.js';
import { formatDateTime } from '../../shared/format.js';
import { ArtifactsList } from './ArtifactsList.js';
import type { LinearResultEnvelope } from './decode-result.js';
import { LinearTargetView } from './LinearTargetView.js';

export function LinearResultView({
  result,
  artifacts,
}: {
  result: LinearResultEnvelope;
  artifacts: Artifact[];
}) {
  const t = useT();
  const { language } = useLanguage();
  const [active, setActive] = useState(0);
  const targets = result.body.targets;
  const current = targets[Math.min(active, targets.length - 1)]!;
  const v = result.body.validation;

  return (
    <div className="result-view" data-testid="linear-result">
      <p className="help">
        {t('result.run', {
          finished: formatDateTime(result.finished_at, language),
          engine: result.engine_version,
          outer: v.outer_splits,
          inner: v.inner_splits,
          metric: v.selection_metric,
          seed: v.random_seed,
        })}
      </p>
      {result.warnings.length > 0 && (
        <ul className="warnings" aria-label={t('result.warnings')}>
          {result.warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      )}
      {targets.length > 1 && (
        <div role="tablist" aria-label={t('result.targets')} className="tabs">
          {targets.map((target, i) => (
            <button
              key={target.target}
              type="button"
              role="tab"
              id={`target-tab-${i}`}
              aria-selected={i === active}
              aria-controls="target-panel"
              onClick={() => setActive(i)}
            >
              {target.target}
            </button>
          ))}
        </div>
      )}
      <div
        id="target-panel"
        role={targets.length > 1 ? 'tabpanel' : undefined}
        aria-labelledby={targets.length > 1 ? `target-tab-${active}` : undefined}
      >
        <LinearTargetView key={current.target} target={current} index={active} />
      </div>
      <ArtifactsList jobId={result.job_id} artifacts={artifacts} />
    </div>
  );
}
