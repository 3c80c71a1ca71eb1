/** The home page's data when it comes from an experiment log: which log, view and revision, how many rows. */
import { useT } from '../../i18n/useT.js';
import { logHash } from '../../shared/useHashRoute.js';
import { describeFilter } from './filter-summary.js';
import type { LogJobInput } from './log-input-store.js';

export function LogInputCard({ input, onRemove }: { input: LogJobInput; onRemove(): void }) {
  const t = useT();
  const { source } = input;
  return (
    <div className="notice log-input-card" data-testid="log-input" role="status">
      <p>
        {t('logs.input.summary', {
          log: source.log_name,
          view: source.view_name ?? t('logs.input.adHoc'),
          revision: source.revision,
          rows: source.rows,
        })}
      </p>
      <p className="help">{describeFilter(t, source.filter)}</p>
      <p className="help">{t('logs.input.help')}</p>
      <div className="button-row">
        <a href={logHash(source.log_id)}>{t('logs.input.open')}</a>
        <button type="button" className="secondary" onClick={onRemove}>
          {t('logs.input.remove')}
        </button>
      </div>
    </div>
  );
}
