// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptimizationParameters } from '../../../src-shared/api/job-types.js';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import { TestProviders } from '../../shared/TestProviders.js';
import type { ColumnSummary } from '../data/table-preview.js';
import {
  initialOptimizationValues,
  toOptimizationParameters,
  validateOptimization,
} from './optimization-form.js';
import { OptimizationForm } from './OptimizationForm.js';

const col = (name: string, kind: 'numeric' | 'text' = 'numeric'): ColumnSummary => ({
  name,
  kind,
  missing: 0,
  min: null,
  max: null,
  mean: null,
});
const COLUMNS = [col('回転速度'), col('送り速度'), col('実施済み'), col('メモ', 'text')];
const NUMERIC = ['回転速度', '送り速度', '実施済み'];
const file = new File(['回転速度,送り速度,実施済み,メモ\n1000,300,0,a\n'], 'candidates.csv', {
  type: 'text/csv',
});
const JOB = '22222222-2222-4222-8222-222222222222';

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

describe('optimization form values', () => {
  it('start from the schema defaults, with the numeric columns as factors', () => {
    const values = initialOptimizationValues();
    expect(values.fields).toMatchObject({
      num_points: '15',
      model: 'main_effects',
      criterion: 'D',
      n_starts: '20',
    });
    expect(validateOptimization(values, NUMERIC)).toEqual([]);
    const params = toOptimizationParameters(values, NUMERIC);
    expect(params).toMatchObject({ num_points: 15, feature_columns: NUMERIC });
    expect(params).not.toHaveProperty('existing_column');
    expect(OptimizationParameters.safeParse(params).success).toBe(true);
  });

  it('leave the done-runs column out of the default factors and refuse it as a factor', () => {
    const values = { ...initialOptimizationValues(), existing: '実施済み' };
    expect(toOptimizationParameters(values, NUMERIC)).toMatchObject({
      feature_columns: ['回転速度', '送り速度'],
      existing_column: '実施済み',
    });
    expect(validateOptimization({ ...values, factors: ['回転速度', '実施済み'] }, NUMERIC)).toEqual([
      { field: 'existing', code: 'existing_is_factor' },
    ]);
    expect(validateOptimization({ ...values, factors: [] }, NUMERIC)).toEqual([
      { field: 'factors', code: 'required_factor' },
    ]);
    // No preview (XLSX): no factors typed means the server's default.
    expect(validateOptimization(initialOptimizationValues(), null)).toEqual([]);
    expect(toOptimizationParameters(initialOptimizationValues(), null)).not.toHaveProperty('feature_columns');
  });

  it('report limits from the shared schema', () => {
    const values = initialOptimizationValues();
    expect(
      validateOptimization({ ...values, fields: { ...values.fields, num_points: '1' } }, NUMERIC),
    ).toEqual([{ field: 'num_points', code: 'too_small', limit: 2 }]);
    expect(
      validateOptimization({ ...values, fields: { ...values.fields, n_starts: '2.5' } }, NUMERIC),
    ).toEqual([{ field: 'n_starts', code: 'not_integer' }]);
  });
});

describe('<OptimizationForm>', () => {
  it('shows the candidate file, defaults and validation messages before anything is sent', async () => {
    const client = { presignUpload: vi.fn() } as unknown as ApiClient;
    render(
      <TestProviders client={client}>
        <OptimizationForm file={file} columns={COLUMNS} onSubmitted={() => {}} />
      </TestProviders>,
    );
    expect(screen.getByTestId('candidate-file').textContent).toContain('candidates.csv');
    expect((screen.getByLabelText('Number of runs') as HTMLInputElement).value).toBe('15');
    expect((screen.getByLabelText('Model terms') as HTMLSelectElement).value).toBe('main_effects');
    // Numeric columns only, all chosen by default.
    const factors = screen.getByTestId('factor-picker');
    expect(within(factors).queryByLabelText(/メモ/)).toBeNull();
    expect((within(factors).getByLabelText(/回転速度/) as HTMLInputElement).checked).toBe(true);

    fireEvent.change(screen.getByLabelText('Number of runs'), { target: { value: '1' } });
    expect(await screen.findByText('Enter 2 or more.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Column marking runs already done (optional)'), {
      target: { value: '実施済み' },
    });
    fireEvent.click(within(factors).getByLabelText(/回転速度/));
    fireEvent.click(within(factors).getByLabelText(/送り速度/));
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    expect(await screen.findByText('Choose at least one factor column.')).toBeTruthy();
    expect(screen.getByTestId('form-problems').textContent).toContain('2 problem(s)');
    expect(client.presignUpload).not.toHaveBeenCalled();
  });

  it('submits the parameters once valid: presign, upload, create an optimization job', async () => {
    const client = {
      presignUpload: vi.fn().mockResolvedValue({
        job_id: JOB,
        key: `inputs/${JOB}/candidates.csv`,
        url: 'http://127.0.0.1:1/blob',
        method: 'PUT',
        headers: {},
        expires_in: 60,
        bucket: 'b',
      }),
      uploadFile: vi.fn(async () => {}),
      createJob: vi.fn().mockResolvedValue({ job_id: JOB, status: 'queued' }),
    } as unknown as ApiClient;
    const onSubmitted = vi.fn();
    render(
      <TestProviders client={client}>
        <OptimizationForm file={file} columns={COLUMNS} onSubmitted={onSubmitted} />
      </TestProviders>,
    );
    fireEvent.click(within(screen.getByTestId('factor-picker')).getByLabelText(/実施済み/));
    fireEvent.change(screen.getByLabelText('Number of runs'), { target: { value: '6' } });
    fireEvent.change(screen.getByLabelText('Model terms'), { target: { value: 'quadratic' } });
    fireEvent.change(screen.getByLabelText('Optimality criterion'), { target: { value: 'I' } });
    fireEvent.change(screen.getByLabelText('Number of starts'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(JOB));
    const sent = vi.mocked(client.createJob).mock.calls[0]![0];
    expect(sent).toMatchObject({ job_type: 'optimization', input_key: `inputs/${JOB}/candidates.csv` });
    expect(sent.parameters).toEqual({
      num_points: 6,
      model: 'quadratic',
      criterion: 'I',
      n_starts: 5,
      algorithm: 'fedorov',
      coding: 'range',
      intercept: true,
      randomize_run_order: true,
      random_seed: 42,
      feature_columns: ['回転速度', '送り速度'],
    });
    expect(OptimizationParameters.safeParse(sent.parameters).success).toBe(true);
  });
});
