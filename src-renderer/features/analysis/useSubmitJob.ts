/** Runs one submission with its upload progress, and lets the user cancel it while the file is uploading. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useApi } from '../../api/useApi.js';
import { submitJob } from './submit-job.js';
import type { SubmitInput } from './submit-job.js';

export type SubmitState =
  | { phase: 'idle' }
  | { phase: 'uploading'; sent: number; total: number }
  | { phase: 'creating' }
  | { phase: 'done'; jobId: string }
  | { phase: 'cancelled' }
  | { phase: 'error'; message: string };

export function useSubmitJob() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<SubmitState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const submit = useCallback(
    async (input: Omit<SubmitInput, 'onProgress' | 'signal' | 'onUploaded'>): Promise<string | null> => {
      if (!client) {
        setState({ phase: 'error', message: 'no backend' });
        return null;
      }
      const abort = new AbortController();
      controller.current = abort;
      setState(
        input.uploaded ? { phase: 'creating' } : { phase: 'uploading', sent: 0, total: input.file.size },
      );
      try {
        const jobId = await submitJob(client, {
          ...input,
          signal: abort.signal,
          onProgress: (sent, total) => setState({ phase: 'uploading', sent, total }),
          onUploaded: () => setState({ phase: 'creating' }),
        });
        setState({ phase: 'done', jobId });
        await queryClient.invalidateQueries({ queryKey: ['jobs'] });
        await queryClient.invalidateQueries({ queryKey: ['datasets'] });
        return jobId;
      } catch (error) {
        if (abort.signal.aborted) setState({ phase: 'cancelled' });
        else setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
        return null;
      } finally {
        controller.current = null;
      }
    },
    [client, queryClient],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { state, submit, cancel };
}
