/** One experiment log: its rows (filter, views, analysis, export), importing a filled-in form, and its history. */
import { useQuery } from '@tanstack/react-query';
import { useLanguage, useT } from '../../i18n/useT.js';
import type { LogTab } from '../../shared/useHashRoute.js';
import { logHash } from '../../shared/useHashRoute.js';
import { errorText } from './error-text.js';
import { LogHistory } from './LogHistory.js';
import { LogImport } from './LogImport.js';
import { LogRowsTab } from './LogRowsTab.js';
import { logKeys, useLogClient } from './useLogClient.js';

const TABS: readonly LogTab[] = ['rows', 'import', 'history'];

export function LogPage({ logId, tab }: { logId: string; tab: LogTab }) {
  const t = useT();
  const { language } = useLanguage();
  const logs = useLogClient();
  const log = useQuery({
    queryKey: logKeys.log(logId),
    queryFn: logs ? ({ signal }) => logs.getLog(logId, { signal }) : () => Promise.reject(new Error('')),
    enabled: Boolean(logs),
  });

  return (
    <div className="log-page" data-testid="log-page">
      <p>
        <a href="#/logs">{t('logs.back')}</a>
      </p>
      {!logs && <p role="status">{t('logs.unavailable')}</p>}
      {log.isError && (
        <p className="inline-error" role="alert">
          {t('logs.loadFailed', { message: errorText(log.error) })}
        </p>
      )}
      {log.data && (
        <>
          <section className="panel log-summary" aria-labelledby="log-title">
            <h2 id="log-title">{log.data.name}</h2>
            {log.data.description && <p>{log.data.description}</p>}
            <p className="help" data-testid="log-facts">
              {t('logs.facts', {
                profile: `${log.data.profile.name[language]} (v${log.data.profile.version})`,
                rows: log.data.row_count,
                revision: log.data.revision,
              })}
            </p>
            <nav aria-label={t('logs.tabs')} className="tabs">
              {TABS.map((name) => (
                <a
                  key={name}
                  href={logHash(logId, name)}
                  className="tab-link"
                  aria-current={name === tab ? 'page' : undefined}
                >
                  {t(`logs.tab.${name}`)}
                </a>
              ))}
            </nav>
          </section>
          {logs && tab === 'rows' && <LogRowsTab logs={logs} log={log.data} />}
          {logs && tab === 'import' && <LogImport logs={logs} log={log.data} />}
          {logs && tab === 'history' && <LogHistory logs={logs} log={log.data} />}
        </>
      )}
    </div>
  );
}
