/** Cancel and re-run: the two things a user does to a job from the list or its page. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { JobStatus } from '../../../src-shared/api/index.js';
import { useApi } from '../../api/useApi.js';
import { inputFileName, submitJob } from '../analysis/submit-job.js';
import { loadInput } from '../offline/result-cache.js';

export type ActionProblem = { code: 'input_missing' } | { code: 'failed'; message: string } | null;

export function useJobActions() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<ActionProblem>(null);
  const [busy, setBusy] = useState(false);

  const cancel = useCallback(
    async (job: JobStatus) => {
      if (!client) return;
      setProblem(null);
      try {
        await client.cancelJob(job.job_id);
        await queryClient.invalidateQueries({ queryKey: ['jobs'] });
      } catch (error) {
        setProblem({ code: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [client, queryClient],
  );

  /** Uploads the same file again (kept in this browser) and submits the same parameters; returns the new job id. */
  const rerun = useCallback(
    async (job: JobStatus): Promise<string | null> => {
      if (!client) return null;
      setProblem(null);
      const file = await loadInput(job.input_key).catch(() => undefined);
      if (!file) {
        setProblem({ code: 'input_missing' });
        return null;
      }
      setBusy(true);
      try {
        const jobId = await submitJob(client, {
          file,
          fileName: inputFileName(job.input_key),
          jobType: job.job_type,
          parameters: job.parameters,
        });
        await queryClient.invalidateQueries({ queryKey: ['jobs'] });
        return jobId;
      } catch (error) {
        setProblem({ code: 'failed', message: error instanceof Error ? error.message : String(error) });
        return null;
      } finally {
        setBusy(false);
      }
    },
    [client, queryClient],
  );

  return { cancel, rerun, problem, busy };
}
