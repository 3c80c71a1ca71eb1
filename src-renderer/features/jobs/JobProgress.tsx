/** A job's progress bar with its stage and, while it runs, the estimated time left. */
import type { JobStatus } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import { useNow } from '../../shared/useNow.js';
import { estimateRemainingMs } from './eta.js';
import { stageLabel } from './stage-label.js';

export function JobProgress({ job }: { job: JobStatus }) {
  const t = useT();
  const now = useNow();
  const percent = Math.round(job.progress);
  const eta = estimateRemainingMs(job, now);
  const active = job.status === 'running' || job.status === 'uploading_outputs';
  const label = active ? stageLabel(t, job.stage) : '';
  // The message names what the stage works on (the target column, for a linear study).
  const stage =
    label && job.message ? t('jobs.stageWithMessage', { stage: label, message: job.message }) : label;
  return (
    <div className="job-progress" data-testid="job-progress" data-percent={percent}>
      <progress max={100} value={percent} aria-label={t('jobs.progressOf', { id: job.job_id.slice(0, 8) })} />
      <span className="percent">{percent}%</span>
      {stage && <span className="stage">{stage}</span>}
      {eta !== null && (
        <span className="eta">{t('jobs.eta', { seconds: Math.max(1, Math.round(eta / 1000)) })}</span>
      )}
    </div>
  );
}
