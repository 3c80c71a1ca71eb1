/** One job's page: live progress while it runs, its error if it failed, its result once completed. */
import { useLanguage, useT } from '../../i18n/useT.js';
import { formatDateTime } from '../../shared/format.js';
import { inputFileName } from '../analysis/submit-job.js';
import { ResultView } from '../results/ResultView.js';
import { JobActions } from './JobActions.js';
import { JobProgress } from './JobProgress.js';
import { useJob } from './useJob.js';

export function JobDetail({ jobId }: { jobId: string }) {
  const t = useT();
  const { language } = useLanguage();
  const { job, isPending, error } = useJob(jobId);

  return (
    <section aria-labelledby="job-title" className="panel" data-testid="job-detail">
      <p>
        <a href="#/">{t('nav.back')}</a>
      </p>
      <h2 id="job-title">
        {job
          ? t('job.title', { type: t(`jobType.${job.job_type}`), id: jobId.slice(0, 8) })
          : jobId.slice(0, 8)}
      </h2>
      {isPending && <p role="status">{t('jobs.loading')}</p>}
      {!job && error && (
        <p className="inline-error" role="alert">
          {t('job.notFound', { message: error.message })}
        </p>
      )}
      {job && (
        <>
          <dl className="job-facts">
            <dt>{t('jobs.column.status')}</dt>
            <dd data-testid="job-status" data-status={job.status}>
              {t(`jobStatus.${job.status}`)}
            </dd>
            <dt>{t('jobs.column.file')}</dt>
            <dd>{inputFileName(job.input_key)}</dd>
            <dt>{t('jobs.column.created')}</dt>
            <dd>{formatDateTime(job.created_at, language)}</dd>
          </dl>
          <JobProgress job={job} />
          <JobActions job={job} showOpen={false} />
          {job.status === 'failed' && job.error && (
            <p className="inline-error" role="alert">
              {t('job.failed', { message: job.error.message })}
            </p>
          )}
          {job.status === 'completed' && <ResultView jobId={jobId} />}
        </>
      )}
    </section>
  );
}
