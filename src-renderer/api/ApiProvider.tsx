/** Gives every feature the one API client for the configured backend, and whether that backend answers. */
import { skipToken, useQuery } from '@tanstack/react-query';
import { createContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { createApiClient } from '../../src-shared/client/api-client.js';
import type { ApiClient } from '../../src-shared/client/api-client.js';
import type { Health } from '../../src-shared/api/index.js';
import { useBackendSettings } from '../features/settings/backend-settings.js';
import { resolveBackend } from '../platform/bridge.js';

export const HEALTH_POLL_MS = 2000;

export type Connection = 'connecting' | 'connected' | 'degraded' | 'disconnected';

export interface ApiState {
  client: ApiClient | null;
  baseUrl: string | null;
  connection: Connection;
  health: Health | undefined;
  /** Which backend the settings chose: the embedded one (shell or serving origin) or a remote server. */
  target: 'embedded' | 'remote';
}

export const ApiContext = createContext<ApiState | null>(null);

export function ApiProvider({ children }: { children: ReactNode }) {
  const settings = useBackendSettings();
  const remote = settings.mode === 'remote' ? { url: settings.url, token: settings.token } : undefined;
  const backend = useQuery({
    queryKey: ['backend', settings],
    queryFn: () => resolveBackend(remote),
    staleTime: Infinity,
  });
  const baseUrl = backend.data?.url ?? null;
  const token = backend.data?.token ?? undefined;
  // Few retries: the UI falls back to its offline cache instead of waiting on a dead backend.
  const client = useMemo(
    () => (baseUrl ? createApiClient({ baseUrl, token, retries: 1, timeoutMs: 10_000 }) : null),
    [baseUrl, token],
  );
  const health = useQuery({
    queryKey: ['health', baseUrl],
    queryFn: client ? ({ signal }) => client.health({ signal }) : skipToken,
    refetchInterval: HEALTH_POLL_MS,
    retry: false,
  });

  let connection: Connection = 'connecting';
  if (backend.isError || health.isError) connection = 'disconnected';
  else if (health.data) connection = health.data.status === 'ok' ? 'connected' : 'degraded';

  const value = useMemo(
    () => ({ client, baseUrl, connection, health: health.data, target: settings.mode }),
    [client, baseUrl, connection, health.data, settings.mode],
  );
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}
