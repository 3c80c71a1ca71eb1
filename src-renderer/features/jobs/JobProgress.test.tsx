// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src-shared/api/index.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { JobProgress } from './JobProgress.js';

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

const job = (patch: Partial<JobStatus>): JobStatus => ({
  job_id: '11111111-1111-4111-8111-111111111111',
  job_type: 'linear_analysis',
  status: 'running',
  progress: 50,
  stage: 'cross_validating',
  message: '摩耗量',
  error: null,
  attempts: 1,
  input_key: 'inputs/11111111-1111-4111-8111-111111111111/data.csv',
  parameters: {},
  created_at: new Date(Date.now() - 10_000).toISOString(),
  updated_at: new Date().toISOString(),
  started_at: new Date(Date.now() - 10_000).toISOString(),
  finished_at: null,
  ...patch,
});

describe('<JobProgress>', () => {
  it('shows the bar, the translated stage with what it works on, and the time left', () => {
    render(
      <TestProviders>
        <JobProgress job={job({})} />
      </TestProviders>,
    );
    const bar = screen.getByRole('progressbar', { name: 'Progress of job 11111111' }) as HTMLProgressElement;
    expect(bar.value).toBe(50);
    expect(screen.getByTestId('job-progress').textContent).toContain('Cross-validating (摩耗量)');
    expect(screen.getByText(/about (9|10|11) s left/)).toBeTruthy();
  });

  it('shows an unknown stage as written, and no stage or ETA once the job has ended', () => {
    const { rerender } = render(
      <TestProviders>
        <JobProgress job={job({ stage: 'something_new', message: null })} />
      </TestProviders>,
    );
    expect(screen.getByTestId('job-progress').textContent).toContain('something_new');
    rerender(
      <TestProviders>
        <JobProgress job={job({ status: 'completed', progress: 100 })} />
      </TestProviders>,
    );
    expect(screen.getByTestId('job-progress').textContent).toBe('100%');
  });
});
