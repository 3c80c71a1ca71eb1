// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Revision } from '../../../src-shared/logs/experiment-log-api.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { fakeLogClient, LOG_ID, testLog } from './fake-log-client.js';
import { LogHistory } from './LogHistory.js';

const revision = (n: number, patch: Partial<Revision> = {}): Revision => ({
  revision: n,
  kind: 'import',
  created_by: null,
  created_at: `2026-11-0${n}T09:00:00.000Z`,
  summary: { inserted: n, updated: 0, unchanged: 0, rejected: 0, removed: 0 },
  file_name: `form${n}.xlsx`,
  restored_to: null,
  job_id: null,
  note: null,
  ...patch,
});

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

function history() {
  const fake = fakeLogClient({
    listRevisions: fakeLogClient().logs.listRevisions.mockResolvedValue([
      revision(1, {
        kind: 'planned_from_job',
        file_name: null,
        job_id: '44444444-4444-4444-8444-444444444444',
      }),
      revision(2, { note: '2 回目' }),
      revision(3),
    ]),
  });
  fake.logs.restore.mockResolvedValue(revision(4, { kind: 'restore', restored_to: 2 }));
  render(
    <TestProviders client={fake.client}>
      <LogHistory logs={fake.asLogClient} log={testLog} />
    </TestProviders>,
  );
  return fake.logs;
}

describe('<LogHistory>', () => {
  it('lists revisions newest first and restores the one chosen after confirming', async () => {
    const logs = history();
    const rows = await screen.findAllByRole('row');
    expect(rows.slice(1).map((r) => r.getAttribute('data-revision'))).toEqual(['3', '2', '1']);
    expect(within(rows[1]!).getByText('Current')).toBeTruthy();
    expect(within(rows[2]!).getByText('2 回目')).toBeTruthy();
    expect(within(rows[3]!).getByRole('link', { name: 'job 44444444' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Restore to revision 2' }));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(within(dialog).getByText('Restore to revision 2?')).toBeTruthy();
    expect(logs.restore).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(logs.restore).toHaveBeenCalledWith(LOG_ID, 2));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
  });

  it('restores to the empty log (revision 0), and Cancel restores nothing', async () => {
    const logs = history();
    await screen.findAllByRole('row');
    fireEvent.click(screen.getByRole('button', { name: 'Restore to revision 1' }));
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Restore to empty (revision 0)' }));
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(logs.restore).toHaveBeenCalledWith(LOG_ID, 0));
    expect(logs.restore).toHaveBeenCalledTimes(1);
  });
});
