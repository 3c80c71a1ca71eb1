// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobStatus } from '../../../src-shared/api/index.js';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { JobActions } from './JobActions.js';

const running: JobStatus = {
  job_id: '11111111-1111-4111-8111-111111111111',
  job_type: 'linear_analysis',
  status: 'running',
  progress: 40,
  stage: 'fitting',
  message: null,
  error: null,
  attempts: 1,
  input_key: 'inputs/11111111-1111-4111-8111-111111111111/data.csv',
  parameters: { target_column: 'y' },
  created_at: '2026-11-30T00:00:00.000Z',
  updated_at: '2026-11-30T00:00:10.000Z',
  started_at: '2026-11-30T00:00:00.000Z',
  finished_at: null,
};

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

describe('<JobActions>', () => {
  it('cancels a running job (and offers no re-run until it has ended)', async () => {
    const client = { cancelJob: vi.fn().mockResolvedValue({ ...running, status: 'cancelled' }) };
    render(
      <TestProviders client={client as unknown as ApiClient}>
        <JobActions job={running} showOpen />
      </TestProviders>,
    );
    expect(screen.queryByRole('button', { name: /Re-run/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Open job 11111111' }).getAttribute('href')).toBe(
      '#/jobs/11111111-1111-4111-8111-111111111111',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel job 11111111' }));
    await waitFor(() => expect(client.cancelJob).toHaveBeenCalledWith(running.job_id));
  });

  it('says so when the file of a finished job is not in this browser to re-run it', async () => {
    const client = { presignUpload: vi.fn() };
    render(
      <TestProviders client={client as unknown as ApiClient}>
        <JobActions job={{ ...running, status: 'completed', progress: 100 }} showOpen={false} />
      </TestProviders>,
    );
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Re-run job 11111111 with the same parameters' }));
    expect(
      await screen.findByText('The original file is not in this browser. Drop the file again.'),
    ).toBeTruthy();
    expect(client.presignUpload).not.toHaveBeenCalled();
  });
});
