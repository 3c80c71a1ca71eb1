/**
 * From a finished design: its new runs become planned rows of an experiment log (one revision), so the measured
 * values imported later fill them in and they turn done.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useT } from '../../i18n/useT.js';
import { logHash } from '../../shared/useHashRoute.js';
import { errorText } from './error-text.js';
import { logKeys, useLogClient } from './useLogClient.js';

export function AddRunsToLog({ jobId }: { jobId: string }) {
  const t = useT();
  const id = useId();
  const logs = useLogClient();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState('');
  const list = useQuery({
    queryKey: logKeys.list,
    queryFn: logs ? ({ signal }) => logs.listLogs({ signal }) : () => Promise.resolve([]),
    enabled: Boolean(logs),
  });
  const logId = chosen || list.data?.[0]?.log_id || '';
  const plan = useMutation({
    mutationFn: () => {
      if (!logs) throw new Error(t('logs.unavailable'));
      return logs.planFromJob(logId, jobId);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: logKeys.all }),
  });

  // Without the log API (a test client, an older backend) there is nothing to offer.
  if (!logs) return null;
  const done = plan.isSuccess ? plan.data : null;

  return (
    <section className="panel add-runs" aria-labelledby={`${id}-title`} data-testid="add-runs-to-log">
      <h3 id={`${id}-title`}>{t('logs.plan.title')}</h3>
      {list.data && list.data.length === 0 ? (
        <p className="help">
          {t('logs.plan.noLogs')} <a href="#/logs">{t('logs.plan.createLog')}</a>
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-log`}>{t('logs.plan.log')}</label>
            <select id={`${id}-log`} value={logId} onChange={(event) => setChosen(event.target.value)}>
              {(list.data ?? []).map((log) => (
                <option key={log.log_id} value={log.log_id}>
                  {log.name}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button
              type="button"
              disabled={!logId || plan.isPending}
              onClick={() => plan.mutate()}
              data-testid="add-runs"
            >
              {t('logs.plan.add')}
            </button>
          </div>
        </>
      )}
      {done && (
        <p role="status" data-testid="add-runs-done">
          {t('logs.plan.done', { count: done.summary.inserted, revision: done.revision })}
          {/* A run equal on the key to one already in the log is not added twice: say so, or the counts look wrong. */}
          {done.summary.unchanged + done.summary.updated > 0 &&
            ` ${t('logs.plan.already', { count: done.summary.unchanged + done.summary.updated })}`}{' '}
          <a href={logHash(logId)}>{t('logs.plan.open')}</a>
        </p>
      )}
      {plan.isError && (
        <p className="inline-error" role="alert">
          {t('logs.plan.failed', { message: errorText(plan.error) })}
        </p>
      )}
    </section>
  );
}
