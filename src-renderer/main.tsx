/** Mounts the UI with its app-wide services: server-state caching, the API client, the UI language and theme. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider.js';
import { App } from './App.js';
import { applyTheme } from './features/settings/useTheme.js';
import { I18nProvider } from './i18n/I18nProvider.js';
import { registerOfflineShell } from './platform/register-offline-shell.js';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Lists poll; a failed poll is shown as "not connected" (and the offline cache) rather than retried at length.
    queries: { retry: 1, refetchOnWindowFocus: true },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

applyTheme();
registerOfflineShell();

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiProvider>
        <I18nProvider>
          <App />
        </I18nProvider>
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
