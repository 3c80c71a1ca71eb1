/** The experiment logs: every project's growing table of runs, and a new one created from a column dictionary. */
import { useQuery } from '@tanstack/react-query';
import { useLanguage, useT } from '../../i18n/useT.js';
import { formatDateTime } from '../../shared/format.js';
import { logHash } from '../../shared/useHashRoute.js';
import { CreateLogForm } from './CreateLogForm.js';
import { errorText } from './error-text.js';
import { logKeys, useLogClient } from './useLogClient.js';

export function LogsPage() {
  const t = useT();
  const { language } = useLanguage();
  const logs = useLogClient();
  const list = useQuery({
    queryKey: logKeys.list,
    queryFn: logs ? ({ signal }) => logs.listLogs({ signal }) : () => Promise.resolve([]),
    enabled: Boolean(logs),
  });

  return (
    <div className="logs-page">
      <p>
        <a href="#/">{t('nav.back')}</a>
      </p>
      <section className="panel" aria-labelledby="logs-title">
        <h2 id="logs-title">{t('logs.title')}</h2>
        <p className="help">{t('logs.intro')}</p>
        {!logs && <p role="status">{t('logs.unavailable')}</p>}
        {list.isError && (
          <p className="inline-error" role="alert">
            {t('logs.loadFailed', { message: errorText(list.error) })}
          </p>
        )}
        {list.data && list.data.length === 0 && <p className="help">{t('logs.empty')}</p>}
        {list.data && list.data.length > 0 && (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="logs-title">
            <table data-testid="log-list">
              <thead>
                <tr>
                  <th scope="col">{t('logs.name')}</th>
                  <th scope="col">{t('logs.profile')}</th>
                  <th scope="col" className="num">
                    {t('logs.rows')}
                  </th>
                  <th scope="col" className="num">
                    {t('logs.revision')}
                  </th>
                  <th scope="col">{t('logs.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((log) => (
                  <tr key={log.log_id} data-log-id={log.log_id}>
                    <td>
                      <a href={logHash(log.log_id)}>{log.name}</a>
                      {log.description && <div className="help">{log.description}</div>}
                    </td>
                    <td>
                      {log.profile.name[language]} (v{log.profile.version})
                    </td>
                    <td className="num">{log.row_count}</td>
                    <td className="num">{log.revision}</td>
                    <td>{formatDateTime(log.updated_at, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {logs && <CreateLogForm logs={logs} />}
    </div>
  );
}
