/** Follows every unfinished job over its event stream (SSE) and writes each new status into the job list. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { isTerminal } from '../../../src-shared/api/job-status.js';
import type { JobStatus } from '../../../src-shared/api/index.js';
import { useApi } from '../../api/useApi.js';
import { jobsQueryKey } from './useJobs.js';
import type { JobList } from './useJobs.js';

export function useJobWatchers(jobs: readonly JobStatus[] | undefined): void {
  const { client, baseUrl } = useApi();
  const queryClient = useQueryClient();
  const watching = useRef(new Map<string, AbortController>());

  useEffect(() => {
    if (!client || !jobs) return;
    const open = new Set(jobs.filter((j) => !isTerminal(j.status)).map((j) => j.job_id));
    for (const [id, controller] of watching.current) {
      if (!open.has(id)) {
        controller.abort();
        watching.current.delete(id);
      }
    }
    for (const id of open) {
      if (watching.current.has(id)) continue;
      const controller = new AbortController();
      watching.current.set(id, controller);
      const apply = (status: JobStatus) =>
        queryClient.setQueryData<JobList>(jobsQueryKey(baseUrl), (list) =>
          list ? { ...list, jobs: list.jobs.map((j) => (j.job_id === status.job_id ? status : j)) } : list,
        );
      client
        .watchJob(id, { signal: controller.signal, onStatus: apply })
        .then(apply)
        .catch(() => {
          // The 2 s polling of the list carries on; a broken stream costs only latency.
        })
        .finally(() => {
          if (watching.current.get(id) === controller) watching.current.delete(id);
        });
    }
  }, [client, baseUrl, jobs, queryClient]);

  useEffect(() => {
    const active = watching.current;
    return () => {
      for (const controller of active.values()) controller.abort();
      active.clear();
    };
  }, []);
}
