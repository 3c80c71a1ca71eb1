// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestProviders } from '../../shared/TestProviders.js';
import { AddRunsToLog } from './AddRunsToLog.js';
import { fakeLogClient, testLog } from './fake-log-client.js';

const JOB_ID = '77777777-7777-4777-8777-777777777777';

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

describe('<AddRunsToLog>', () => {
  it('adds the design’s runs to the chosen log and links to it', async () => {
    const fake = fakeLogClient();
    const other = { ...testLog, log_id: '88888888-8888-4888-8888-888888888888', name: 'Line 9' };
    fake.logs.listLogs.mockResolvedValue([testLog, other]);
    fake.logs.planFromJob.mockResolvedValue({
      revision: 4,
      kind: 'planned_from_job',
      created_by: null,
      created_at: '2026-11-30T00:00:00.000Z',
      summary: { inserted: 6, updated: 0, unchanged: 2, rejected: 0, removed: 0 },
      file_name: null,
      restored_to: null,
      job_id: JOB_ID,
      note: null,
    });
    render(
      <TestProviders client={fake.client}>
        <AddRunsToLog jobId={JOB_ID} />
      </TestProviders>,
    );
    await screen.findByRole('option', { name: 'Line 9' });
    fireEvent.change(screen.getByLabelText('Experiment log'), { target: { value: other.log_id } });
    fireEvent.click(screen.getByRole('button', { name: 'Add these runs to the experiment log' }));
    const done = await screen.findByTestId('add-runs-done');
    expect(done.textContent).toContain(
      '6 runs added as planned (revision 4). (2 already in the log with the same conditions, not added again)',
    );
    expect(fake.logs.planFromJob).toHaveBeenCalledWith(other.log_id, JOB_ID);
    expect(screen.getByRole('link', { name: 'Open the experiment log' }).getAttribute('href')).toBe(
      `#/logs/${other.log_id}`,
    );
  });

  it('shows nothing without the log API (an older backend)', () => {
    const { container } = render(
      <TestProviders>
        <AddRunsToLog jobId={JOB_ID} />
      </TestProviders>,
    );
    expect(container.textContent).toBe('');
  });
});
