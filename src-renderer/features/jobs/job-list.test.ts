import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src-shared/api/index.js';
import { estimateRemainingMs } from './eta.js';
import { filterJobs, NO_FILTER } from './job-filter.js';

const job = (patch: Partial<JobStatus>): JobStatus => ({
  job_id: '11111111-1111-4111-8111-111111111111',
  job_type: 'linear_analysis',
  status: 'running',
  progress: 50,
  stage: 'fitting',
  message: null,
  error: null,
  attempts: 1,
  input_key: 'inputs/11111111-1111-4111-8111-111111111111/摩耗試験.csv',
  parameters: { target_column: '摩耗量' },
  created_at: '2026-11-30T00:00:00.000Z',
  updated_at: '2026-11-30T00:00:10.000Z',
  started_at: '2026-11-30T00:00:00.000Z',
  finished_at: null,
  ...patch,
});

describe('estimateRemainingMs', () => {
  it('extrapolates the elapsed time over the remaining progress', () => {
    const start = Date.parse('2026-11-30T00:00:00.000Z');
    expect(estimateRemainingMs(job({ progress: 25 }), start + 10_000)).toBe(30_000);
    expect(estimateRemainingMs(job({ progress: 50 }), start + 10_000)).toBe(10_000);
  });

  it('gives no estimate before there is enough progress, or for jobs that are not running', () => {
    const later = Date.parse('2026-11-30T00:01:00.000Z');
    expect(estimateRemainingMs(job({ progress: 1 }), later)).toBeNull();
    expect(estimateRemainingMs(job({ status: 'queued', started_at: null }), later)).toBeNull();
    expect(estimateRemainingMs(job({ status: 'completed', progress: 100 }), later)).toBeNull();
  });
});

describe('filterJobs', () => {
  const jobs = [
    job({}),
    job({
      job_id: '22222222-2222-4222-8222-222222222222',
      status: 'completed',
      input_key: 'inputs/x/other.csv',
    }),
    job({ job_id: '33333333-3333-4333-8333-333333333333', job_type: 'pareto', status: 'failed' }),
  ];
  const ids = (list: JobStatus[]) => list.map((j) => j.job_id[0]);

  it('filters by status and type', () => {
    expect(ids(filterJobs(jobs, NO_FILTER))).toEqual(['1', '2', '3']);
    expect(ids(filterJobs(jobs, { ...NO_FILTER, status: 'completed' }))).toEqual(['2']);
    expect(ids(filterJobs(jobs, { ...NO_FILTER, jobType: 'pareto' }))).toEqual(['3']);
  });

  it('searches ids, file names and parameters', () => {
    expect(ids(filterJobs(jobs, { ...NO_FILTER, search: '2222' }))).toEqual(['2']);
    expect(ids(filterJobs(jobs, { ...NO_FILTER, search: 'OTHER' }))).toEqual(['2']);
    expect(ids(filterJobs(jobs, { ...NO_FILTER, search: '摩耗試験' }))).toEqual(['1', '3']);
    expect(ids(filterJobs(jobs, { ...NO_FILTER, search: '摩耗量' }))).toEqual(['1', '2', '3']);
  });
});
