/** Open, cancel and re-run buttons of one job, with the reason when an action could not be done. */
import { isTerminal } from '../../../src-shared/api/job-status.js';
import type { JobStatus } from '../../../src-shared/api/index.js';
import { useApi } from '../../api/useApi.js';
import { useT } from '../../i18n/useT.js';
import { jobHash } from '../../shared/useHashRoute.js';
import { useJobActions } from './useJobActions.js';

interface Props {
  job: JobStatus;
  showOpen: boolean;
}

export function JobActions({ job, showOpen }: Props) {
  const t = useT();
  const { connection } = useApi();
  const { cancel, rerun, problem, busy } = useJobActions();
  const short = job.job_id.slice(0, 8);
  const online = connection !== 'disconnected';
  return (
    <div className="job-actions">
      {showOpen && (
        <a className="button-link" href={jobHash(job.job_id)} aria-label={t('jobs.openOf', { id: short })}>
          {t('jobs.open')}
        </a>
      )}
      {!isTerminal(job.status) && (
        <button
          type="button"
          className="secondary"
          disabled={!online}
          aria-label={t('jobs.cancelOf', { id: short })}
          onClick={() => void cancel(job)}
        >
          {t('jobs.cancel')}
        </button>
      )}
      {isTerminal(job.status) && (
        <button
          type="button"
          className="secondary"
          disabled={!online || busy}
          aria-label={t('jobs.rerunOf', { id: short })}
          onClick={() =>
            void rerun(job).then((id) => {
              if (id) window.location.hash = jobHash(id);
            })
          }
        >
          {t('jobs.rerun')}
        </button>
      )}
      {problem && (
        <span className="inline-error" role="alert">
          {problem.code === 'input_missing'
            ? t('jobs.inputMissing')
            : t('jobs.actionFailed', { message: problem.message })}
        </span>
      )}
    </div>
  );
}
