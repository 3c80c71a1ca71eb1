/** The page frame: header, offline banner, the routed page, and the job-watching that runs whatever page is open. */
import { JobDetail } from './features/jobs/JobDetail.js';
import { useJobEndEffects } from './features/jobs/useJobEndEffects.js';
import { useJobs } from './features/jobs/useJobs.js';
import { useJobWatchers } from './features/jobs/useJobWatchers.js';
import { LogPage } from './features/logs/LogPage.js';
import { LogsPage } from './features/logs/LogsPage.js';
import { OfflineBanner } from './features/offline/OfflineBanner.js';
import { SettingsPanel } from './features/settings/SettingsPanel.js';
import { Header } from './shell/Header.js';
import { HomePage } from './shell/HomePage.js';
import { useHashRoute } from './shared/useHashRoute.js';

function JobBackground() {
  const jobs = useJobs();
  useJobWatchers(jobs.data?.source === 'server' ? jobs.data.jobs : undefined);
  useJobEndEffects(jobs.data?.jobs, jobs.data?.source);
  return null;
}

export function App() {
  const { route } = useHashRoute();
  return (
    <>
      <Header />
      <OfflineBanner />
      <JobBackground />
      <main>
        {route.page === 'home' && <HomePage />}
        {route.page === 'job' && <JobDetail key={route.jobId} jobId={route.jobId} />}
        {route.page === 'settings' && <SettingsPanel />}
        {route.page === 'logs' && <LogsPage />}
        {route.page === 'log' && <LogPage key={route.logId} logId={route.logId} tab={route.tab} />}
      </main>
    </>
  );
}
