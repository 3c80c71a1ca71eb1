// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestProviders } from '../../shared/TestProviders.js';
import type { ColumnSummary } from '../data/table-preview.js';
import { FAKE_JOB_ID, fakeSubmitClient } from './fake-submit-client.js';
import { initialNonlinearValues, toNonlinearParameters, validateNonlinear } from './nonlinear-form.js';
import { NonlinearAnalysisForm } from './NonlinearAnalysisForm.js';

const col = (name: string, kind: 'numeric' | 'text' = 'numeric'): ColumnSummary => ({
  name,
  kind,
  missing: 0,
  min: null,
  max: null,
  mean: null,
});
const COLUMNS = [col('回転速度'), col('送り速度'), col('摩耗量'), col('上面ダレ量'), col('ロット', 'text')];
const file = new File(['回転速度,送り速度,摩耗量\n1,2,3\n'], 'data.csv', { type: 'text/csv' });

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

describe('nonlinear form values', () => {
  it('start from the schema defaults and need a target', () => {
    const values = initialNonlinearValues();
    expect(values.fields).toMatchObject({
      outer_splits: '10',
      cv_splits: '5',
      n_trials: '50',
      enable_shap: true,
      models_to_use: ['random_forest', 'gradient_boosting'],
    });
    expect(validateNonlinear(values)).toEqual([{ field: 'targets', code: 'required_target' }]);
    expect(validateNonlinear({ ...values, targets: ['y'] })).toEqual([]);
  });

  it('send target_columns always, and features and the group column only when chosen', () => {
    const params = toNonlinearParameters({ ...initialNonlinearValues(), targets: ['y'] });
    expect(params).toMatchObject({ target_columns: ['y'], outer_splits: 10, n_trials: 50 });
    expect(params).not.toHaveProperty('feature_columns');
    expect(params).not.toHaveProperty('group_column');
    expect(
      toNonlinearParameters({ ...initialNonlinearValues(), targets: ['y'], features: ['a'], group: 'lot' }),
    ).toMatchObject({ feature_columns: ['a'], group_column: 'lot' });
  });

  it('report the schema limits, an empty model list and a group column that is also used', () => {
    const values = { ...initialNonlinearValues(), targets: ['y'] };
    const withField = (name: string, v: string | string[]) => ({
      ...values,
      fields: { ...values.fields, [name]: v },
    });
    expect(validateNonlinear(withField('n_trials', '0'))).toEqual([
      { field: 'n_trials', code: 'too_small', limit: 1 },
    ]);
    expect(validateNonlinear(withField('outer_splits', '2.5'))).toEqual([
      { field: 'outer_splits', code: 'not_integer' },
    ]);
    expect(validateNonlinear(withField('models_to_use', []))).toEqual([
      { field: 'models_to_use', code: 'required_model' },
    ]);
    expect(validateNonlinear({ ...values, group: 'y' })).toEqual([{ field: 'group', code: 'group_is_used' }]);
  });
});

describe('<NonlinearAnalysisForm>', () => {
  it('offers the seven regression models and shows messages before anything is sent', async () => {
    const client = fakeSubmitClient();
    render(
      <TestProviders client={client}>
        <NonlinearAnalysisForm file={file} columns={COLUMNS} onSubmitted={() => {}} />
      </TestProviders>,
    );
    const models = within(
      screen.getByTestId('nonlinear-form').querySelector('[data-field="models_to_use"]')!,
    );
    expect(models.getAllByRole('checkbox')).toHaveLength(7);
    expect((models.getByLabelText('Random forest') as HTMLInputElement).checked).toBe(true);
    expect((models.getByLabelText('Gaussian process') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Tuning trials') as HTMLInputElement).value).toBe('50');
    // Only numeric columns can be targets.
    expect(within(screen.getByTestId('target-picker')).queryByLabelText(/ロット/)).toBeNull();

    fireEvent.change(screen.getByLabelText('Tuning trials'), { target: { value: '0' } });
    expect(await screen.findByText('Enter 1 or more.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    expect(await screen.findByText('Choose at least one target.')).toBeTruthy();
    expect(screen.getByTestId('form-problems').textContent).toContain('2 problem(s)');
    expect(client.presignUpload).not.toHaveBeenCalled();
  });

  it('submits the parameters once valid', async () => {
    const client = fakeSubmitClient();
    const onSubmitted = vi.fn();
    render(
      <TestProviders client={client}>
        <NonlinearAnalysisForm file={file} columns={COLUMNS} onSubmitted={onSubmitted} />
      </TestProviders>,
    );
    fireEvent.click(within(screen.getByTestId('target-picker')).getByLabelText(/摩耗量/));
    fireEvent.click(within(screen.getByTestId('target-picker')).getByLabelText(/上面ダレ量/));
    fireEvent.click(screen.getByLabelText('Gaussian process'));
    fireEvent.change(screen.getByLabelText('Outer folds'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Group column (optional)'), { target: { value: 'ロット' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(FAKE_JOB_ID));
    expect(client.createJob).toHaveBeenCalledWith(
      expect.objectContaining({
        job_type: 'nonlinear_analysis',
        parameters: expect.objectContaining({
          target_columns: ['摩耗量', '上面ダレ量'],
          models_to_use: ['random_forest', 'gradient_boosting', 'gaussian_process'],
          outer_splits: 3,
          group_column: 'ロット',
          enable_shap: true,
        }),
      }),
    );
  });
});
