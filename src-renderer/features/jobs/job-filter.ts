/** The jobs list filters (status, type, free-text search over id, file name and columns). */
import type { JobStatus, JobStatusName, JobType } from '../../../src-shared/api/index.js';
import { inputFileName } from '../analysis/submit-job.js';

export interface JobFilter {
  status: JobStatusName | 'all';
  jobType: JobType | 'all';
  search: string;
}

export const NO_FILTER: JobFilter = { status: 'all', jobType: 'all', search: '' };

export function filterJobs(jobs: readonly JobStatus[], filter: JobFilter): JobStatus[] {
  const needle = filter.search.trim().toLowerCase();
  return jobs.filter((job) => {
    if (filter.status !== 'all' && job.status !== filter.status) return false;
    if (filter.jobType !== 'all' && job.job_type !== filter.jobType) return false;
    if (!needle) return true;
    const haystack = [job.job_id, inputFileName(job.input_key), JSON.stringify(job.parameters)]
      .join(' ')
      .toLowerCase();
    return haystack.includes(needle);
  });
}
