// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowFilter } from '../../../src-shared/logs/experiment-log-api.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { fakeLogClient, LOG_ID, row, testLog, testProfile } from './fake-log-client.js';
import { logColumns } from './log-columns.js';
import { LogRowsGrid } from './LogRowsGrid.js';

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

const TOTAL = 25;

function grid(filter: RowFilter = {}) {
  const fake = fakeLogClient();
  fake.logs.listRows.mockImplementation((_: string, req: { limit: number; offset: number }) =>
    Promise.resolve({
      rows: Array.from({ length: Math.min(req.limit, TOTAL - req.offset) }, (_, i) =>
        row(
          req.offset + i,
          { 送り速度: 100 * (req.offset + i), 材料: 'Steel' },
          i === 0 ? 'planned' : 'done',
        ),
      ),
      total: TOTAL,
      revision: 3,
    }),
  );
  const view = (f: RowFilter) => (
    <TestProviders client={fake.client}>
      <LogRowsGrid
        logs={fake.asLogClient}
        log={testLog}
        columns={logColumns(testProfile, 'en')}
        filter={f}
        pageSize={10}
      />
    </TestProviders>
  );
  const rendered = render(view(filter));
  return { logs: fake.logs, rerender: (f: RowFilter) => rendered.rerender(view(f)) };
}

describe('<LogRowsGrid>', () => {
  it('shows the profile’s columns with units, status badges, and pages through the total', async () => {
    const { logs } = grid();
    expect(await screen.findByText('Rows 1–10 of 25')).toBeTruthy();
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual([
      'Status',
      '実験日',
      'A11',
      'A13',
      '材料',
      '送り速度 (mm/min)',
      '上面ダレ量 (mm)',
      '加工時間 (s)',
    ]);
    const first = screen.getAllByRole('row')[1]!;
    expect(within(first).getByText('Planned')).toBeTruthy();
    expect(screen.getByText('Page 1 of 3')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '← Previous' }).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Next →' }));
    expect(await screen.findByText('Rows 11–20 of 25')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next →' }));
    expect(await screen.findByText('Rows 21–25 of 25')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next →' }).disabled).toBe(true);
    expect(logs.listRows).toHaveBeenLastCalledWith(
      LOG_ID,
      { filter: {}, limit: 10, offset: 20 },
      expect.anything(),
    );
  });

  it('goes back to the first page when the filter changes', async () => {
    const { logs, rerender } = grid();
    await screen.findByText('Rows 1–10 of 25');
    fireEvent.click(screen.getByRole('button', { name: 'Next →' }));
    await screen.findByText('Rows 11–20 of 25');
    const filter: RowFilter = { status: ['done'] };
    rerender(filter);
    await waitFor(() =>
      expect(logs.listRows).toHaveBeenLastCalledWith(
        LOG_ID,
        { filter, limit: 10, offset: 0 },
        expect.anything(),
      ),
    );
    expect(await screen.findByText('Rows 1–10 of 25')).toBeTruthy();
  });
});
