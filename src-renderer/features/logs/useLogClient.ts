/** The experiment-log part of the API client, and the query keys every log screen shares so one change refreshes all. */
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import type { LogClient } from '../../../src-shared/client/log-client.js';
import { useApi } from '../../api/useApi.js';

export function useLogClient(): LogClient | null {
  const { client } = useApi();
  // A client without `logs` (a partial fake in a test, a build talking to an older backend) shows no log features.
  return (client as (ApiClient & { logs?: LogClient }) | null)?.logs ?? null;
}

export const logKeys = {
  all: ['logs'] as const,
  profiles: ['logs', 'profiles'] as const,
  list: ['logs', 'list'] as const,
  log: (logId: string) => ['logs', logId] as const,
  rows: (logId: string, ...rest: unknown[]) => ['logs', logId, 'rows', ...rest] as const,
  views: (logId: string) => ['logs', logId, 'views'] as const,
  revisions: (logId: string) => ['logs', logId, 'revisions'] as const,
};
