/** The job history with live status, filters and per-job actions. */
import { useState } from 'react';
import { useLanguage, useT } from '../../i18n/useT.js';
import { ExportCsvButton } from '../../shared/ExportCsvButton.js';
import { formatDateTime } from '../../shared/format.js';
import { inputFileName } from '../analysis/submit-job.js';
import { JobActions } from './JobActions.js';
import { filterJobs, NO_FILTER } from './job-filter.js';
import type { JobFilter } from './job-filter.js';
import { JobFilters } from './JobFilters.js';
import { JobProgress } from './JobProgress.js';
import { useJobs } from './useJobs.js';

export function JobsPanel() {
  const t = useT();
  const { language } = useLanguage();
  const jobs = useJobs();
  const [filter, setFilter] = useState<JobFilter>(NO_FILTER);

  let body;
  if (jobs.isPending) body = <p>{t('jobs.loading')}</p>;
  else if (jobs.isError) body = <p role="alert">{t('jobs.error', { message: jobs.error.message })}</p>;
  else if (jobs.data.jobs.length === 0) body = <p>{t('jobs.empty')}</p>;
  else {
    const shown = filterJobs(jobs.data.jobs, filter);
    body = (
      <>
        <div className="button-row">
          <JobFilters filter={filter} onChange={setFilter} />
          <ExportCsvButton
            label={t('jobs.title')}
            fileName="jobs"
            header={[
              t('jobs.column.id'),
              t('jobs.column.type'),
              t('jobs.column.file'),
              t('jobs.column.created'),
              t('jobs.column.status'),
              t('jobs.column.progress'),
            ]}
            rows={shown.map((j) => [
              j.job_id,
              t(`jobType.${j.job_type}`),
              inputFileName(j.input_key),
              j.created_at,
              t(`jobStatus.${j.status}`),
              j.progress,
            ])}
          />
        </div>
        {jobs.data.source === 'cache' && <p className="help">{t('jobs.fromCache')}</p>}
        {shown.length === 0 ? (
          <p>{t('jobs.noMatch')}</p>
        ) : (
          <div className="table-scroll">
            <table className="jobs-table" data-testid="jobs-table">
              <thead>
                <tr>
                  <th scope="col">{t('jobs.column.id')}</th>
                  <th scope="col">{t('jobs.column.type')}</th>
                  <th scope="col">{t('jobs.column.file')}</th>
                  <th scope="col">{t('jobs.column.created')}</th>
                  <th scope="col">{t('jobs.column.status')}</th>
                  <th scope="col">{t('jobs.column.progress')}</th>
                  <th scope="col">{t('jobs.column.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((job) => (
                  <tr key={job.job_id} data-status={job.status} data-job-id={job.job_id}>
                    <td className="job-id" title={job.job_id}>
                      <code>{job.job_id.slice(0, 8)}</code>
                    </td>
                    <td>{t(`jobType.${job.job_type}`)}</td>
                    <td>{inputFileName(job.input_key)}</td>
                    <td>{formatDateTime(job.created_at, language)}</td>
                    <td>{t(`jobStatus.${job.status}`)}</td>
                    <td>
                      <JobProgress job={job} />
                    </td>
                    <td>
                      <JobActions job={job} showOpen />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="jobs-title" className="panel">
      <h2 id="jobs-title">{t('jobs.title')}</h2>
      {body}
    </section>
  );
}
