/** The app's providers for component tests: a fresh query cache, a given API client (or none), the chosen language. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../src-shared/client/api-client.js';
import { ApiContext } from '../api/ApiProvider.js';
import { I18nProvider } from '../i18n/I18nProvider.js';

export function TestProviders({
  children,
  client = null,
}: {
  children: ReactNode;
  client?: ApiClient | null;
}) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  const api = {
    client,
    baseUrl: client ? 'http://127.0.0.1:1' : null,
    connection: 'connected' as const,
    health: undefined,
    target: 'embedded' as const,
  };
  return (
    <QueryClientProvider client={queryClient}>
      <ApiContext.Provider value={api}>
        <I18nProvider>{children}</I18nProvider>
      </ApiContext.Provider>
    </QueryClientProvider>
  );
}
