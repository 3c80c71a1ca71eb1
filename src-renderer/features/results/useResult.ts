/** A finished job's result.json and artifacts: from the offline cache when present, else fetched and cached. */
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/useApi.js';
import { cacheFinishedJob, loadResult } from '../offline/result-cache.js';
import type { CachedResult } from '../offline/result-cache.js';

export function useResult(jobId: string, enabled: boolean) {
  const { client } = useApi();
  return useQuery<CachedResult>({
    queryKey: ['result', jobId],
    enabled,
    // A finished job's result never changes.
    staleTime: Infinity,
    retry: false,
    queryFn: async () => {
      const cached = await loadResult(jobId).catch(() => undefined);
      if (cached) return cached;
      if (!client) throw new Error('no backend');
      return cacheFinishedJob(client, jobId);
    },
  });
}
