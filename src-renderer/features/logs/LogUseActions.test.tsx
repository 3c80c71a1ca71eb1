// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogInputResponse, LogView } from '../../../src-shared/logs/experiment-log-api.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { fakeSubmitClient } from '../analysis/fake-submit-client.js';
import { LinearAnalysisForm } from '../analysis/LinearAnalysisForm.js';
import { fakeLogClient, LOG_ID, row, testLog } from './fake-log-client.js';
import { getLogJobInput, setLogJobInput } from './log-input-store.js';
import { LogUseActions } from './LogUseActions.js';

const JOB_ID = '55555555-5555-4555-8555-555555555555';
const view: LogView = {
  view_id: '66666666-6666-4666-8666-666666666666',
  name: 'Steel only',
  filter: { categories: [{ column: '材料', values: ['Steel'] }] },
  created_at: '2026-11-30T00:00:00.000Z',
};
const answer: LogInputResponse = {
  job_id: JOB_ID,
  input_key: `inputs/${JOB_ID}/log.csv`,
  source: {
    kind: 'experiment_log',
    log_id: LOG_ID,
    log_name: testLog.name,
    revision: 3,
    view_name: view.name,
    filter: view.filter,
    rows: 2,
  },
};

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(() => {
  cleanup();
  setLogJobInput(null);
  window.location.hash = '';
});

function mount(chosen: LogView | null, filter = chosen?.filter ?? {}) {
  const fake = fakeLogClient();
  fake.logs.makeJobInput.mockResolvedValue(answer);
  fake.logs.listRows.mockResolvedValue({
    rows: [
      row(1, { 材料: 'Steel', 送り速度: 500, 上面ダレ量: 0.2 }),
      row(2, { 材料: 'Steel', 送り速度: 1500, 上面ダレ量: null }),
    ],
    total: 2,
    revision: 3,
  });
  render(
    <TestProviders client={fake.client}>
      <LogUseActions logs={fake.asLogClient} log={testLog} filter={filter} view={chosen} />
    </TestProviders>,
  );
  return fake.logs;
}

describe('<LogUseActions>', () => {
  it('writes a saved view’s rows as a job input and hands it, with column summaries, to the analysis form', async () => {
    const logs = mount(view);
    fireEvent.click(screen.getByRole('button', { name: 'Analyse these rows' }));
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    expect(logs.makeJobInput).toHaveBeenCalledWith(LOG_ID, { view_id: view.view_id });
    const input = getLogJobInput()!;
    expect(input).toMatchObject({ jobId: JOB_ID, inputKey: answer.input_key, jobType: 'linear_analysis' });
    expect(input.columns.map((c) => [c.name, c.kind, c.missing])).toEqual([
      ['材料', 'text', 0],
      ['送り速度', 'numeric', 0],
      ['上面ダレ量', 'numeric', 1],
    ]);
  });

  it('designs the next runs from the done rows of the current filter, preselecting optimization', async () => {
    const logs = mount(null, { ranges: [{ column: '送り速度', min: 1000 }] });
    fireEvent.click(screen.getByRole('button', { name: 'Design the next runs' }));
    await waitFor(() => expect(getLogJobInput()?.jobType).toBe('optimization'));
    expect(logs.makeJobInput).toHaveBeenCalledWith(LOG_ID, {
      filter: { ranges: [{ column: '送り速度', min: 1000 }], status: ['done'] },
    });
  });
});

describe('an analysis form given rows of a log', () => {
  it('creates the job on the server input: no upload, the input’s job id and key', async () => {
    const client = fakeSubmitClient();
    const submitted: string[] = [];
    const columns = [
      { name: '送り速度', kind: 'numeric' as const, missing: 0, min: 500, max: 1500, mean: 1000 },
      { name: '上面ダレ量', kind: 'numeric' as const, missing: 0, min: 0.1, max: 0.3, mean: 0.2 },
    ];
    render(
      <TestProviders client={client}>
        <LinearAnalysisForm
          file={null}
          serverInput={{ jobId: JOB_ID, inputKey: answer.input_key, name: testLog.name }}
          columns={columns}
          onSubmitted={(id) => submitted.push(id)}
        />
      </TestProviders>,
    );
    fireEvent.click(within(screen.getByTestId('target-picker')).getByLabelText(/上面ダレ量/));
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(client.presignUpload).not.toHaveBeenCalled();
    expect(client.createJob).toHaveBeenCalledWith(
      expect.objectContaining({
        job_id: JOB_ID,
        job_type: 'linear_analysis',
        input_key: answer.input_key,
        parameters: expect.objectContaining({ target_column: '上面ダレ量' }),
      }),
      expect.anything(),
    );
  });
});
