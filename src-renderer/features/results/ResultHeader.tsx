/** The lines every result view starts with: when and by which engine it was made, and the engine's warnings. */
import type { Warning } from '../../../src-shared/api/results.js';
import { useLanguage, useT } from '../../i18n/useT.js';
import { formatDateTime } from '../../shared/format.js';

export function ResultHeader({
  finishedAt,
  engine,
  warnings,
}: {
  finishedAt: string;
  engine: string;
  warnings: readonly Warning[];
}) {
  const t = useT();
  const { language } = useLanguage();
  return (
    <>
      <p className="help">
        {t('result.runInfo', { finished: formatDateTime(finishedAt, language), engine })}
      </p>
      {warnings.length > 0 && (
        <ul className="warnings" aria-label={t('result.warnings')}>
          {warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}
