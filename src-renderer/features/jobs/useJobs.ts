/**
 * The job history: from the server every 2 s (the fallback when a job's event stream is down), saved to the
 * offline cache on each answer, and read back from that cache when the backend is unreachable.
 */
import { useQuery } from '@tanstack/react-query';
import type { JobStatus } from '../../../src-shared/api/index.js';
import { useApi } from '../../api/useApi.js';
import { loadJobs, saveJobs } from '../offline/result-cache.js';

export const JOBS_POLL_MS = 2000;
export const JOBS_LIMIT = 200;

export interface JobList {
  jobs: JobStatus[];
  source: 'server' | 'cache';
}

export const jobsQueryKey = (baseUrl: string | null) => ['jobs', baseUrl] as const;

export function useJobs() {
  const { client, baseUrl } = useApi();
  return useQuery<JobList>({
    queryKey: jobsQueryKey(baseUrl),
    enabled: baseUrl !== null,
    queryFn: async ({ signal }) => {
      try {
        if (!client) throw new Error('no backend');
        const { jobs } = await client.listJobs({ limit: JOBS_LIMIT }, { signal });
        void saveJobs(jobs).catch(() => {});
        return { jobs, source: 'server' };
      } catch (error) {
        const cached = await loadJobs().catch(() => []);
        if (cached.length === 0) throw error;
        return { jobs: cached, source: 'cache' };
      }
    },
    refetchInterval: JOBS_POLL_MS,
    retry: false,
  });
}
