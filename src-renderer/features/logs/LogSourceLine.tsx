/** Under a result made from an experiment log: which log, view, revision and filter its rows came from. */
import type { LogInputSource } from '../../../src-shared/logs/experiment-log-api.js';
import { useT } from '../../i18n/useT.js';
import { logHash } from '../../shared/useHashRoute.js';
import { describeFilter } from './filter-summary.js';

export function LogSourceLine({ source }: { source: LogInputSource }) {
  const t = useT();
  return (
    <p className="help log-source" data-testid="log-source">
      {t('logs.source.line', {
        log: source.log_name,
        view: source.view_name ?? t('logs.input.adHoc'),
        revision: source.revision,
        rows: source.rows,
      })}{' '}
      ({describeFilter(t, source.filter)}) <a href={logHash(source.log_id)}>{t('logs.input.open')}</a>
    </p>
  );
}
