/** When a job reaches its end: notify the user, and copy a completed job's result into the offline cache. */
import { useEffect, useRef } from 'react';
import { isTerminal } from '../../../src-shared/api/job-status.js';
import type { JobStatus } from '../../../src-shared/api/index.js';
import { useApi } from '../../api/useApi.js';
import { useT } from '../../i18n/useT.js';
import { cacheFinishedJob, loadResult } from '../offline/result-cache.js';
import { notifyIfAllowed } from './notify.js';

export function useJobEndEffects(
  jobs: readonly JobStatus[] | undefined,
  source: 'server' | 'cache' | undefined,
) {
  const { client } = useApi();
  const t = useT();
  const lastStatus = useRef(new Map<string, string>());
  const caching = useRef(new Set<string>());
  // One job at a time: a long history must not open hundreds of downloads at once.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    if (!jobs || source !== 'server') return;
    for (const job of jobs) {
      const before = lastStatus.current.get(job.job_id);
      lastStatus.current.set(job.job_id, job.status);
      if (before && !isTerminal(before as JobStatus['status']) && isTerminal(job.status)) {
        notifyIfAllowed(
          t('notify.title', { status: t(`jobStatus.${job.status}`) }),
          t('notify.body', { type: t(`jobType.${job.job_type}`), id: job.job_id.slice(0, 8) }),
        );
      }
      if (job.status === 'completed' && client && !caching.current.has(job.job_id)) {
        caching.current.add(job.job_id);
        queue.current = queue.current.then(() =>
          loadResult(job.job_id)
            .then((cached) => cached ?? cacheFinishedJob(client, job.job_id))
            .catch(() => caching.current.delete(job.job_id)),
        );
      }
    }
  }, [jobs, source, client, t]);
}
