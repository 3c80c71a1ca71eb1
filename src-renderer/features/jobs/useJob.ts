/** One job's live status: from the (live-updated) job list, else asked for, else from the offline cache. */
import { useQuery } from '@tanstack/react-query';
import type { JobStatus } from '../../../src-shared/api/index.js';
import { useApi } from '../../api/useApi.js';
import { loadCachedJob } from '../offline/result-cache.js';
import { JOBS_POLL_MS, useJobs } from './useJobs.js';

export function useJob(jobId: string): {
  job: JobStatus | undefined;
  isPending: boolean;
  error: Error | null;
} {
  const { client } = useApi();
  const list = useJobs();
  const inList = list.data?.jobs.find((j) => j.job_id === jobId);
  const single = useQuery({
    queryKey: ['job', jobId],
    enabled: !inList && !list.isPending,
    refetchInterval: JOBS_POLL_MS,
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        if (!client) throw new Error('no backend');
        return await client.getStatus(jobId, { signal });
      } catch (error) {
        const cached = await loadCachedJob(jobId).catch(() => undefined);
        if (cached) return cached;
        throw error;
      }
    },
  });
  return {
    job: inList ?? single.data,
    isPending: !inList && (list.isPending || single.isPending),
    error: inList ? null : single.error,
  };
}
