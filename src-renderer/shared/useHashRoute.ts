/** The page shown, kept in the URL hash so a reload (also offline) reopens the same job. */
import { useCallback, useEffect, useState } from 'react';

export type Route = { page: 'home' } | { page: 'job'; jobId: string } | { page: 'settings' };

export function parseHash(hash: string): Route {
  const job = /^#\/jobs\/([0-9a-f-]{36})$/i.exec(hash);
  if (job) return { page: 'job', jobId: job[1]!.toLowerCase() };
  if (hash === '#/settings') return { page: 'settings' };
  return { page: 'home' };
}

export const jobHash = (jobId: string) => `#/jobs/${jobId}`;

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
