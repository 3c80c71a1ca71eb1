/**
 * Every change to a log (imports, restores, runs planned from a job) with who made it and what it did, and the
 * way back: restoring makes the rows exactly what they were after a revision, itself as a new revision, so a
 * restore can be undone the same way.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { LogClient } from '../../../src-shared/client/log-client.js';
import type { ExperimentLog, Revision } from '../../../src-shared/logs/experiment-log-api.js';
import { useLanguage, useT } from '../../i18n/useT.js';
import { formatDateTime } from '../../shared/format.js';
import { jobHash } from '../../shared/useHashRoute.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { errorText } from './error-text.js';
import { logKeys } from './useLogClient.js';

export function LogHistory({ logs, log }: { logs: LogClient; log: ExperimentLog }) {
  const t = useT();
  const { language } = useLanguage();
  const id = useId();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState<number | null>(null);
  const revisions = useQuery({
    queryKey: logKeys.revisions(log.log_id),
    queryFn: ({ signal }) => logs.listRevisions(log.log_id, { signal }),
  });
  const restore = useMutation({
    mutationFn: (revision: number) => logs.restore(log.log_id, revision),
    onSuccess: async () => {
      setAsked(null);
      await queryClient.invalidateQueries({ queryKey: logKeys.all });
    },
  });
  // Newest first: the question is usually "what did the last import do".
  const list = [...(revisions.data ?? [])].sort((a, b) => b.revision - a.revision);

  const what = (r: Revision) => {
    if (r.kind === 'restore') return t('logs.history.restoredTo', { revision: r.restored_to ?? 0 });
    if (r.kind === 'planned_from_job') return t('logs.history.fromJob');
    return r.file_name ?? '—';
  };

  return (
    <section className="panel log-history" aria-labelledby={`${id}-title`} data-testid="log-history">
      <h3 id={`${id}-title`}>{t('logs.history.title')}</h3>
      <p className="help">{t('logs.history.intro', { revision: log.revision })}</p>
      {revisions.isError && (
        <p className="inline-error" role="alert">
          {t('logs.loadFailed', { message: errorText(revisions.error) })}
        </p>
      )}
      {revisions.data && list.length === 0 && <p className="help">{t('logs.history.empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
          <table>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('logs.history.revision')}
                </th>
                <th scope="col">{t('logs.history.kind')}</th>
                <th scope="col">{t('logs.history.when')}</th>
                <th scope="col">{t('logs.history.who')}</th>
                <th scope="col">{t('logs.history.what')}</th>
                <th scope="col">{t('logs.history.counts')}</th>
                <th scope="col">{t('logs.history.note')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('logs.history.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.revision} data-revision={r.revision}>
                  <td className="num">{r.revision}</td>
                  <td>{t(`logs.history.kind.${r.kind}`)}</td>
                  <td>{formatDateTime(r.created_at, language)}</td>
                  <td>{r.created_by ?? t('logs.history.local')}</td>
                  <td>
                    {what(r)}
                    {r.job_id && (
                      <>
                        {' '}
                        <a href={jobHash(r.job_id)}>{t('logs.history.job', { id: r.job_id.slice(0, 8) })}</a>
                      </>
                    )}
                  </td>
                  <td>{t('logs.history.summary', { ...r.summary })}</td>
                  <td>{r.note ?? ''}</td>
                  <td>
                    {r.revision === log.revision ? (
                      <span className="help">{t('logs.history.current')}</span>
                    ) : (
                      <button type="button" className="secondary" onClick={() => setAsked(r.revision)}>
                        {t('logs.history.restoreTo', { revision: r.revision })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.revision > 0 && (
        <div className="button-row">
          <button type="button" className="secondary" onClick={() => setAsked(0)}>
            {t('logs.history.restoreEmpty')}
          </button>
        </div>
      )}
      {asked !== null && (
        <ConfirmDialog
          title={t('logs.history.confirmTitle', { revision: asked })}
          body={
            asked === 0
              ? t('logs.history.confirmEmpty')
              : t('logs.history.confirmBody', { revision: asked, current: log.revision })
          }
          confirmLabel={t('logs.history.confirm')}
          cancelLabel={t('logs.history.cancel')}
          busy={restore.isPending}
          error={restore.isError ? t('logs.history.failed', { message: errorText(restore.error) }) : null}
          onConfirm={() => restore.mutate(asked)}
          onCancel={() => {
            restore.reset();
            setAsked(null);
          }}
        />
      )}
    </section>
  );
}
