/**
 * The live size of the candidate grid the factors give, what shrinks it, and a warning when it is beyond what the
 * server generates (so the engineer makes the steps coarser before waiting for a job that fails).
 */
import { useT } from '../../i18n/useT.js';
import { MAX_CANDIDATES, MAX_COMBINATIONS } from '../../../src-shared/api/candidate-limits.js';
import { gridPointCount } from './factor-design.js';
import type { FactorDesignDraft } from './factor-design.js';

export function GridPointCount({ design }: { design: FactorDesignDraft }) {
  const t = useT();
  const count = gridPointCount(design);
  return (
    <div className="grid-point-count" data-testid="grid-point-count">
      <p aria-live="polite" data-testid="grid-points">
        {count === null ? t('factors.grid.incomplete') : t('factors.grid', { count: count.toLocaleString() })}
      </p>
      <p className="help">{t('factors.grid.help')}</p>
      {count !== null && count > MAX_CANDIDATES && (
        <p className="field-error" role="alert" data-testid="grid-too-large">
          {t('factors.grid.tooMany', {
            limit: MAX_CANDIDATES.toLocaleString(),
            combinations: MAX_COMBINATIONS.toLocaleString(),
          })}
        </p>
      )}
    </div>
  );
}
