/** The first page: shows the backend is reachable and what the recent jobs are doing, until the full UI lands. */
import { skipToken, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createApiClient } from '../src-shared/client/api-client.js';
import type { Health, JobStatus } from '../src-shared/api/index.js';
import { LANGUAGES } from './i18n/messages.js';
import { useLanguage, useT } from './i18n/useT.js';
import { resolveBackend } from './platform/bridge.js';

const POLL_MS = 2000;
const RECENT_JOBS = 20;

type Connection = 'connecting' | 'connected' | 'degraded' | 'disconnected';

function useApi() {
  const backend = useQuery({ queryKey: ['backend'], queryFn: resolveBackend, staleTime: Infinity });
  const baseUrl = backend.data?.url;
  const token = backend.data?.token ?? undefined;
  const client = useMemo(() => (baseUrl ? createApiClient({ baseUrl, token }) : null), [baseUrl, token]);

  const health = useQuery({
    queryKey: ['health', baseUrl],
    queryFn: client ? () => client.health() : skipToken,
    refetchInterval: POLL_MS,
  });
  const jobs = useQuery({
    queryKey: ['jobs', baseUrl, RECENT_JOBS],
    queryFn: client ? () => client.listJobs({ limit: RECENT_JOBS }) : skipToken,
    refetchInterval: POLL_MS,
  });

  let connection: Connection = 'connecting';
  if (backend.isError || health.isError) connection = 'disconnected';
  else if (health.data) connection = health.data.status === 'ok' ? 'connected' : 'degraded';
  return { connection, health: health.data, jobs };
}

function LanguageSwitch() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={language === lang}
          onClick={() => setLanguage(lang)}
        >
          {t(`language.${lang}`)}
        </button>
      ))}
    </div>
  );
}

function ConnectionIndicator({ connection, health }: { connection: Connection; health: Health | undefined }) {
  const t = useT();
  return (
    <div className="connection" role="status" data-testid="connection" data-state={connection}>
      <span className="connection-dot" aria-hidden="true" />
      <span>{t('connection.state', { state: t(`connection.${connection}`) })}</span>
      {health && connection !== 'disconnected' && (
        <span className="connection-version">
          {t('connection.version', { version: health.version, mode: health.mode })}
        </span>
      )}
    </div>
  );
}

function JobRow({ job }: { job: JobStatus }) {
  const t = useT();
  const percent = Math.round(job.progress);
  return (
    <tr data-status={job.status}>
      <td className="job-id" title={job.job_id}>
        <code>{job.job_id.slice(0, 8)}</code>
      </td>
      <td>{t(`jobType.${job.job_type}`)}</td>
      <td>{t(`jobStatus.${job.status}`)}</td>
      <td>
        <progress max={100} value={percent} /> {percent}%
      </td>
    </tr>
  );
}

function JobList({ jobs }: { jobs: ReturnType<typeof useApi>['jobs'] }) {
  const t = useT();
  let body;
  if (jobs.isPending) body = <p>{t('jobs.loading')}</p>;
  else if (jobs.isError) body = <p role="alert">{t('jobs.error', { message: jobs.error.message })}</p>;
  else if (jobs.data.jobs.length === 0) body = <p>{t('jobs.empty')}</p>;
  else {
    body = (
      <table>
        <thead>
          <tr>
            <th scope="col">{t('jobs.column.id')}</th>
            <th scope="col">{t('jobs.column.type')}</th>
            <th scope="col">{t('jobs.column.status')}</th>
            <th scope="col">{t('jobs.column.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.data.jobs.map((job) => (
            <JobRow key={job.job_id} job={job} />
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <section aria-labelledby="jobs-title">
      <h2 id="jobs-title">{t('jobs.title')}</h2>
      {body}
    </section>
  );
}

export function App() {
  const t = useT();
  const { connection, health, jobs } = useApi();
  return (
    <>
      <header>
        <div>
          <h1>{t('app.name')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main>
        <ConnectionIndicator connection={connection} health={health} />
        <JobList jobs={jobs} />
      </main>
    </>
  );
}
