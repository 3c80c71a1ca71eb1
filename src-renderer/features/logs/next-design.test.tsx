// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OptimizationParameters } from '../../../src-shared/api/job-types.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { fakeSubmitClient } from '../analysis/fake-submit-client.js';
import { OptimizationForm } from '../analysis/OptimizationForm.js';
import { row, testProfile } from './fake-log-client.js';
import { nextDesign } from './next-design.js';

const JOB_ID = '99999999-9999-4999-8999-999999999999';
const done = [
  row(1, { A11: 1, A13: 0, 材料: 'Steel', 送り速度: 500, 上面ダレ量: 0.2 }),
  row(2, { A11: 0, A13: 1, 材料: 'Steel', 送り速度: 2000, 上面ダレ量: 0.3 }),
  row(3, { A11: 1, A13: 0, 材料: 'Steel', 送り速度: 1000, 上面ダレ量: 0.1 }),
];

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

describe('nextDesign', () => {
  it('takes the levels the done runs used, keeps a one-level factor as categorical, and the one-hot groups', () => {
    const design = nextDesign(testProfile, done)!;
    expect(design).toEqual({
      factors: [
        { name: '材料', type: 'categorical', levels: ['Steel'] },
        { name: '送り速度', levels: [500, 1000, 2000] },
      ],
      one_hot_groups: [['A11', 'A13']],
      gridSize: 6,
    });
    expect(
      OptimizationParameters.safeParse({ factors: design.factors, one_hot_groups: design.one_hot_groups })
        .success,
    ).toBe(true);
  });
});

describe('<OptimizationForm> with generated candidates', () => {
  it('offers them first and sends factors and groups instead of candidate columns', async () => {
    const client = fakeSubmitClient();
    const design = nextDesign(testProfile, done)!;
    const submitted: string[] = [];
    render(
      <TestProviders client={client}>
        <OptimizationForm
          file={null}
          serverInput={{ jobId: JOB_ID, inputKey: `inputs/${JOB_ID}/log.csv`, name: 'ライン1' }}
          generatedCandidates={design}
          columns={[
            { name: '送り速度', kind: 'numeric', missing: 0, min: 500, max: 2000, mean: 1000 },
            { name: '上面ダレ量', kind: 'numeric', missing: 0, min: 0.1, max: 0.3, mean: 0.2 },
          ]}
          onSubmitted={(id) => submitted.push(id)}
        />
      </TestProviders>,
    );
    const source = screen.getByTestId('candidate-source');
    expect(within(source).getByRole<HTMLInputElement>('radio', { name: /Generate them/ }).checked).toBe(true);
    expect(
      within(screen.getByTestId('candidate-levels')).getByText('送り速度: 500, 1000, 2000'),
    ).toBeTruthy();
    expect(screen.queryByTestId('factor-picker')).toBeNull();
    expect(screen.getByTestId('candidate-file').textContent).toBe('Runs already done: ライン1');

    fireEvent.change(screen.getByLabelText('Number of runs'), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(submitted).toHaveLength(1));
    const req = client.createJob.mock.calls[0]![0] as { parameters: Record<string, unknown> };
    expect(req.parameters).toMatchObject({
      num_points: 4,
      factors: design.factors,
      one_hot_groups: [['A11', 'A13']],
    });
    expect(req.parameters).not.toHaveProperty('feature_columns');
  });

  it('can still choose among the rows themselves', () => {
    render(
      <TestProviders client={fakeSubmitClient()}>
        <OptimizationForm
          file={null}
          serverInput={{ jobId: JOB_ID, inputKey: `inputs/${JOB_ID}/log.csv`, name: 'ライン1' }}
          generatedCandidates={nextDesign(testProfile, done)}
          columns={[{ name: '送り速度', kind: 'numeric', missing: 0, min: 500, max: 2000, mean: 1000 }]}
          onSubmitted={() => {}}
        />
      </TestProviders>,
    );
    fireEvent.click(screen.getByRole('radio', { name: /done rows themselves/ }));
    expect(screen.getByTestId('factor-picker')).toBeTruthy();
    expect(screen.getByTestId('candidate-file').textContent).toBe('Candidate file: ライン1');
  });
});
