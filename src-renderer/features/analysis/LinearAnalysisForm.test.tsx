// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import { TestProviders } from '../../shared/TestProviders.js';
import type { ColumnSummary } from '../data/table-preview.js';
import { initialValues, toParameters, validate } from './linear-form.js';
import { LinearAnalysisForm } from './LinearAnalysisForm.js';

const col = (name: string, kind: 'numeric' | 'text' = 'numeric'): ColumnSummary => ({
  name,
  kind,
  missing: 0,
  min: null,
  max: null,
  mean: null,
});
const COLUMNS = [col('回転速度'), col('送り速度'), col('摩耗量'), col('ブラシ', 'text')];
const file = new File(['回転速度,送り速度,摩耗量\n1,2,3\n'], 'data.csv', { type: 'text/csv' });

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

describe('linear form values', () => {
  it('start from the schema defaults and need a target', () => {
    const values = initialValues();
    expect(values.fields).toMatchObject({ transform: 'none', outer_splits: '5', fit_intercept: true });
    expect(validate(values)).toEqual([{ field: 'targets', code: 'required_target' }]);
    expect(validate({ ...values, targets: ['y'] })).toEqual([]);
  });

  it('turn one target into target_column and several into target_columns', () => {
    const one = toParameters({ ...initialValues(), targets: ['y'] });
    expect(one).toMatchObject({ target_column: 'y', model: 'linear', outer_splits: 5 });
    expect(one).not.toHaveProperty('feature_columns');
    expect(toParameters({ ...initialValues(), targets: ['a', 'b'], features: ['x'] })).toMatchObject({
      target_columns: ['a', 'b'],
      feature_columns: ['x'],
    });
  });

  it('report limits from the shared schema', () => {
    const values = { ...initialValues(), targets: ['y'] };
    expect(validate({ ...values, fields: { ...values.fields, outer_splits: '1' } })).toEqual([
      { field: 'outer_splits', code: 'too_small', limit: 2 },
    ]);
    expect(validate({ ...values, fields: { ...values.fields, cv_splits: '' } })).toEqual([
      { field: 'cv_splits', code: 'not_a_number' },
    ]);
    expect(validate({ ...values, fields: { ...values.fields, random_seed: '1.5' } })).toEqual([
      { field: 'random_seed', code: 'not_integer' },
    ]);
    expect(validate({ ...values, features: ['y'] })).toEqual([
      { field: 'features', code: 'target_is_feature' },
    ]);
  });
});

describe('<LinearAnalysisForm>', () => {
  it('shows defaults and help, and validation messages before anything is sent', async () => {
    const client = { presignUpload: vi.fn() } as unknown as ApiClient;
    render(
      <TestProviders client={client}>
        <LinearAnalysisForm file={file} columns={COLUMNS} onSubmitted={() => {}} />
      </TestProviders>,
    );
    expect((screen.getByLabelText('Outer folds') as HTMLInputElement).value).toBe('5');
    expect(screen.getAllByText(/Range 2 to 50, default 5/, { selector: 'p' })).toHaveLength(2);
    // Only numeric columns can be targets; text columns can be features.
    const targets = screen.getByTestId('target-picker');
    expect(within(targets).queryByLabelText(/ブラシ/)).toBeNull();
    expect(within(screen.getByTestId('feature-picker')).getByLabelText(/ブラシ/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Outer folds'), { target: { value: '60' } });
    expect(await screen.findByText('Enter 50 or less.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    expect(await screen.findByText('Choose at least one target.')).toBeTruthy();
    expect(screen.getByTestId('form-problems').textContent).toContain('2 problem(s)');
    expect(client.presignUpload).not.toHaveBeenCalled();
  });

  it('submits the parameters once valid: presign, upload, create job', async () => {
    const client = {
      presignUpload: vi.fn().mockResolvedValue({
        job_id: '11111111-1111-4111-8111-111111111111',
        key: 'inputs/11111111-1111-4111-8111-111111111111/data.csv',
        url: 'http://127.0.0.1:1/blob',
        method: 'PUT',
        headers: {},
        expires_in: 60,
        bucket: 'b',
      }),
      uploadFile: vi.fn(async (_p, _b, opts?: { onProgress?: (s: number, t: number) => void }) => {
        opts?.onProgress?.(10, 10);
      }),
      createJob: vi
        .fn()
        .mockResolvedValue({ job_id: '11111111-1111-4111-8111-111111111111', status: 'queued' }),
    } as unknown as ApiClient;
    const onSubmitted = vi.fn();
    render(
      <TestProviders client={client}>
        <LinearAnalysisForm file={file} columns={COLUMNS} onSubmitted={onSubmitted} />
      </TestProviders>,
    );
    fireEvent.click(within(screen.getByTestId('target-picker')).getByLabelText(/摩耗量/));
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith('11111111-1111-4111-8111-111111111111'));
    expect(client.createJob).toHaveBeenCalledWith(
      expect.objectContaining({
        job_type: 'linear_analysis',
        parameters: expect.objectContaining({ target_column: '摩耗量', outer_splits: 5, transform: 'none' }),
      }),
    );
  });

  it('shows upload progress and cancels the upload: no job is created', async () => {
    const client = {
      presignUpload: vi.fn().mockResolvedValue({
        job_id: '11111111-1111-4111-8111-111111111111',
        key: 'inputs/11111111-1111-4111-8111-111111111111/data.csv',
        url: 'http://127.0.0.1:1/blob',
        method: 'PUT',
        headers: {},
        expires_in: 60,
        bucket: 'b',
      }),
      uploadFile: vi.fn(
        (_p: unknown, _b: unknown, opts: { onProgress(s: number, t: number): void; signal: AbortSignal }) =>
          new Promise<void>((_resolve, reject) => {
            opts.onProgress(4, 10);
            opts.signal.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      ),
      createJob: vi.fn(),
    } as unknown as ApiClient;
    render(
      <TestProviders client={client}>
        <LinearAnalysisForm file={file} columns={COLUMNS} onSubmitted={() => {}} />
      </TestProviders>,
    );
    fireEvent.click(within(screen.getByTestId('target-picker')).getByLabelText(/摩耗量/));
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    const progress = await screen.findByTestId('upload-progress');
    // The bar can appear before the first progress report has re-rendered it.
    await waitFor(() => expect(progress.textContent).toContain('40%'));
    expect((progress.querySelector('progress') as HTMLProgressElement).value).toBe(40);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel upload' }));
    expect(await screen.findByText('The upload was cancelled.')).toBeTruthy();
    expect(client.createJob).not.toHaveBeenCalled();
  });
});
