/** The text of one of a job's output files: from the offline cache when present, else downloaded from the server. */
import { useQuery } from '@tanstack/react-query';
import type { Artifact } from '../../../src-shared/api/index.js';
import { useApi } from '../../api/useApi.js';
import { loadArtifact } from '../offline/result-cache.js';

export function useArtifactText(jobId: string, artifact: Artifact | undefined) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['artifact-text', jobId, artifact?.file_key],
    enabled: artifact !== undefined,
    staleTime: Infinity,
    retry: false,
    queryFn: async () => {
      const key = artifact!.file_key;
      const cached = await loadArtifact(jobId, key).catch(() => undefined);
      if (cached) return cached.text();
      if (!client) throw new Error('no backend');
      const file = await client.download(jobId, key);
      return new TextDecoder().decode(file.bytes);
    },
  });
}
