// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OptimizationParameters } from '../../../src-shared/api/job-types.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { FAKE_JOB_ID, fakeSubmitClient } from './fake-submit-client.js';
import { OptimizationForm } from './OptimizationForm.js';

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

const FACTORS_CHOICE = /Define factors and their levels here/;

function renderForm(file: File | null = null) {
  const client = fakeSubmitClient();
  const submitted: string[] = [];
  render(
    <TestProviders client={client}>
      <OptimizationForm
        file={file}
        columns={file ? [] : undefined}
        onSubmitted={(id) => submitted.push(id)}
      />
    </TestProviders>,
  );
  fireEvent.click(screen.getByRole('radio', { name: FACTORS_CHOICE }));
  return { client, submitted };
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

describe('<OptimizationForm> generating candidates from factors', () => {
  it('sends factors, one-hot groups and constraints, with a header-only file as "no existing runs"', async () => {
    const { client, submitted } = renderForm();
    expect(screen.queryByTestId('factor-picker')).toBeNull();
    const existing = screen.getByTestId('existing-runs');
    expect(within(existing).getByRole<HTMLInputElement>('radio', { name: /No existing runs/ }).checked).toBe(
      true,
    );

    type('Factor 1: name', '送り速度');
    type('Factor 1: min', '５００');
    type('Factor 1: max', '2000');
    type('Factor 1: step', '500');
    fireEvent.click(screen.getByRole('button', { name: 'Add a factor' }));
    type('Factor 2: name', '材料');
    fireEvent.change(screen.getByLabelText('Factor 2: type'), { target: { value: 'categorical' } });
    type('Factor 2: levels', 'Steel、Alumi');
    fireEvent.click(screen.getByRole('button', { name: 'Add a factor' }));
    type('Factor 3: name', 'パス数');
    fireEvent.change(screen.getByLabelText('Factor 3: levels given as'), { target: { value: 'list' } });
    type('Factor 3: levels', '１、2，3');
    expect(screen.getAllByTestId('level-count').map((c) => c.textContent)).toEqual(['4', '2', '3']);
    expect(screen.getByTestId('grid-points').textContent).toBe('Grid points: 24');

    fireEvent.click(screen.getByRole('button', { name: 'Add a one-hot group' }));
    type('Columns of one-hot group 1', 'A11, A13, A21, A32');
    expect(screen.getByTestId('grid-points').textContent).toBe('Grid points: 96');
    type('Constraints (optional, one per line)', '送り速度 * パス数 <= 9000\n');
    type('Number of runs', '6');

    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(submitted).toEqual([FAKE_JOB_ID]));
    expect(client.presignUpload.mock.calls[0]![0]).toMatchObject({
      filename: 'no-existing-runs.csv',
      content_type: 'text/csv',
    });
    const uploadFile = (client as unknown as { uploadFile: { mock: { calls: unknown[][] } } }).uploadFile;
    expect(await textOf(uploadFile.mock.calls[0]![1] as Blob)).toBe('A11,A13,A21,A32,送り速度,材料,パス数\n');
    const { parameters } = client.createJob.mock.calls[0]![0] as { parameters: Record<string, unknown> };
    expect(parameters).toMatchObject({
      num_points: 6,
      factors: [
        { name: '送り速度', min: 500, max: 2000, step: 500 },
        { name: '材料', type: 'categorical', levels: ['Steel', 'Alumi'] },
        { name: 'パス数', levels: [1, 2, 3] },
      ],
      one_hot_groups: [['A11', 'A13', 'A21', 'A32']],
      constraints: ['送り速度 * パス数 <= 9000'],
    });
    expect(parameters).not.toHaveProperty('feature_columns');
    expect(OptimizationParameters.safeParse(parameters).success).toBe(true);
  });

  it('uses the chosen data set as the runs already done by default', async () => {
    const file = new File(['x\n1\n'], 'done.csv', { type: 'text/csv' });
    const { client, submitted } = renderForm(file);
    expect(
      screen.getByRole<HTMLInputElement>('radio', { name: /Use the rows of the data set “done.csv”/ })
        .checked,
    ).toBe(true);
    type('Factor 1: name', 'x');
    fireEvent.change(screen.getByLabelText('Factor 1: levels given as'), { target: { value: 'list' } });
    type('Factor 1: levels', '1, 2');
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(client.presignUpload.mock.calls[0]![0]).toMatchObject({ filename: 'done.csv' });
    expect(
      (client.createJob.mock.calls[0]![0] as { parameters: Record<string, unknown> }).parameters,
    ).toMatchObject({ factors: [{ name: 'x', levels: [1, 2] }] });
  });

  it('names the row and field in every validation message, and sends nothing', async () => {
    const { client } = renderForm();
    type('Factor 1: min', '10');
    type('Factor 1: max', '5');
    type('Factor 1: step', '-1');
    fireEvent.click(screen.getByRole('button', { name: 'Add a factor' }));
    type('Factor 2: name', 'x');
    fireEvent.change(screen.getByLabelText('Factor 2: levels given as'), { target: { value: 'list' } });
    type('Factor 2: levels', '1, abc');
    fireEvent.click(screen.getByRole('button', { name: 'Add a factor' }));
    type('Factor 3: name', 'x');
    fireEvent.change(screen.getByLabelText('Factor 3: type'), { target: { value: 'categorical' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));

    for (const message of [
      'Factor row 1, name: enter a name.',
      'Factor row 1, max: must be greater than min.',
      'Factor row 1, step: enter a number greater than 0.',
      'Factor row 2, levels: “abc” is not a number (make the factor categorical for text levels).',
      'Factor row 3, name: “x” is already used.',
      'Factor row 3, levels: enter at least one level.',
    ]) {
      expect(await screen.findByText(message)).toBeTruthy();
    }
    expect(screen.getByLabelText('Factor 1: step').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('form-problems').textContent).toContain('6 problem(s)');
    expect(screen.getByTestId('grid-points').textContent).toBe(
      'Grid points: counted once every factor row is complete.',
    );
    expect(client.presignUpload).not.toHaveBeenCalled();

    // Removing the bad rows leaves one to fix; its message follows it to row 1.
    fireEvent.click(screen.getByRole('button', { name: 'Remove factor 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove factor 2' }));
    expect(
      await screen.findByText(
        'Factor row 1, levels: “abc” is not a number (make the factor categorical for text levels).',
      ),
    ).toBeTruthy();
  });

  it('shows the messages in Japanese too', async () => {
    window.localStorage.setItem('zerosec.language', 'ja');
    render(
      <TestProviders client={fakeSubmitClient()}>
        <OptimizationForm file={null} columns={undefined} onSubmitted={() => {}} />
      </TestProviders>,
    );
    fireEvent.click(screen.getByRole('radio', { name: /因子と水準をここで定義して候補を作る/ }));
    type('因子 1：名前', '送り速度');
    type('因子 1：最小', '1');
    type('因子 1：最大', '1');
    expect(await screen.findByText('因子 1 行目の最大：最小より大きくしてください。')).toBeTruthy();
    expect(screen.getByRole('radio', { name: /実施済みの実験なし/ })).toBeTruthy();
  });

  it('warns when the grid is beyond the server limit', () => {
    renderForm();
    for (let k = 1; k <= 3; k++) {
      if (k > 1) fireEvent.click(screen.getByRole('button', { name: 'Add a factor' }));
      type(`Factor ${k}: name`, `x${k}`);
      type(`Factor ${k}: min`, '0');
      type(`Factor ${k}: max`, '200');
      type(`Factor ${k}: step`, '1');
    }
    expect(screen.getByTestId('grid-points').textContent).toBe('Grid points: 8,120,601');
    expect(screen.getByTestId('grid-too-large').textContent).toContain('2,000,000');
    fireEvent.change(screen.getByLabelText('Factor 3: step'), { target: { value: '100' } });
    expect(screen.queryByTestId('grid-too-large')).toBeNull();
  });
});
