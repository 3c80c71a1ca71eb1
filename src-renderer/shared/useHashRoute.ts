/** The page shown, kept in the URL hash so a reload (also offline) reopens the same job. */
import { useCallback, useEffect, useState } from 'react';

export type LogTab = 'rows' | 'import' | 'history';

export type Route =
  | { page: 'home' }
  | { page: 'job'; jobId: string }
  | { page: 'settings' }
  | { page: 'logs' }
  | { page: 'log'; logId: string; tab: LogTab };

export function parseHash(hash: string): Route {
  const job = /^#\/jobs\/([0-9a-f-]{36})$/i.exec(hash);
  if (job) return { page: 'job', jobId: job[1]!.toLowerCase() };
  if (hash === '#/settings') return { page: 'settings' };
  if (hash === '#/logs') return { page: 'logs' };
  const log = /^#\/logs\/([0-9a-f-]{36})(?:\/(import|history))?$/i.exec(hash);
  if (log)
    return { page: 'log', logId: log[1]!.toLowerCase(), tab: (log[2] as LogTab | undefined) ?? 'rows' };
  return { page: 'home' };
}

export const jobHash = (jobId: string) => `#/jobs/${jobId}`;
export const logHash = (logId: string, tab: LogTab = 'rows') =>
  tab === 'rows' ? `#/logs/${logId}` : `#/logs/${logId}/${tab}`;

export function useHashRoute() {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((hash: string) => {
    window.location.hash = hash;
  }, []);
  return { route, navigate };
}
