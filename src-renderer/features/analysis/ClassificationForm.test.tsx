// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestProviders } from '../../shared/TestProviders.js';
import type { ColumnSummary } from '../data/table-preview.js';
import {
  initialClassificationValues,
  keptPositive,
  labelChoices,
  toClassificationParameters,
  validateClassification,
} from './classification-form.js';
import { ClassificationForm } from './ClassificationForm.js';
import { FAKE_JOB_ID, fakeSubmitClient } from './fake-submit-client.js';

const col = (
  name: string,
  kind: 'numeric' | 'text' = 'numeric',
  min: number | null = null,
  max: number | null = null,
): ColumnSummary => ({ name, kind, missing: 0, min, max, mean: null });
const COLUMNS = [col('圧力'), col('温度'), col('判定', 'text'), col('不良', 'numeric', 0, 1)];
const file = new File(['圧力,温度,判定,不良\n1,20,OK,0\n2,25,NG,1\n3,22,OK,0\n'], 'data.csv', {
  type: 'text/csv',
});

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

describe('classification form values', () => {
  it('start from the schema defaults, with one box for logistic regression, and need a target', () => {
    const values = initialClassificationValues();
    expect(values.positive).toBe('1');
    expect(values.fields).toMatchObject({
      outer_splits: '10',
      cv_splits: '5',
      n_trials_inner: '50',
      alpha: '0.05',
      confidence: '0.95',
      random_seed: '42',
      models_to_use: ['gradient_boosting', 'logistic_regression'],
    });
    expect(validateClassification(values)).toEqual([{ field: 'target', code: 'required_column' }]);
    expect(validateClassification({ ...values, target: 'y' })).toEqual([]);
  });

  it('send the positive label as a number for a numeric target column, else as text', () => {
    const base = { ...initialClassificationValues(), target: '不良' };
    expect(toClassificationParameters(base, COLUMNS)).toMatchObject({
      target_column: '不良',
      positive_label: 1,
      outer_splits: 10,
      alpha: 0.05,
    });
    const text = { ...base, target: '判定', positive: 'NG' };
    expect(toClassificationParameters(text, COLUMNS)).toMatchObject({ positive_label: 'NG' });
    // No preview (XLSX): the label is text; the server compares it with a numeric column as a number.
    expect(toClassificationParameters(base, null)).toMatchObject({ positive_label: '1' });
    expect(toClassificationParameters(base, COLUMNS)).not.toHaveProperty('feature_columns');
    expect(toClassificationParameters({ ...base, features: ['圧力'] }, COLUMNS)).toMatchObject({
      feature_columns: ['圧力'],
    });
  });

  it('report an empty or non-numeric label, the schema limits, no model and the target as a feature', () => {
    const values = { ...initialClassificationValues(), target: '不良' };
    const withField = (name: string, v: string | string[]) => ({
      ...values,
      fields: { ...values.fields, [name]: v },
    });
    expect(validateClassification({ ...values, positive: ' ' }, COLUMNS)).toEqual([
      { field: 'positive_label', code: 'invalid' },
    ]);
    expect(validateClassification({ ...values, positive: 'NG' }, COLUMNS)).toEqual([
      { field: 'positive_label', code: 'not_a_number' },
    ]);
    expect(validateClassification({ ...values, positive: '2' }, COLUMNS, ['0', '1'])).toEqual([
      { field: 'positive_label', code: 'invalid' },
    ]);
    expect(validateClassification({ ...values, positive: '1.0' }, COLUMNS, ['0', '1'])).toEqual([]);
    expect(validateClassification(withField('n_trials_inner', '0'), COLUMNS)).toEqual([
      { field: 'n_trials_inner', code: 'too_small', limit: 1 },
    ]);
    expect(validateClassification(withField('models_to_use', []), COLUMNS)).toEqual([
      { field: 'models_to_use', code: 'required_model' },
    ]);
    expect(validateClassification(withField('alpha', '0.5'), COLUMNS)).toEqual([
      { field: 'alpha', code: 'too_big', limit: 0.5 },
    ]);
    expect(validateClassification({ ...values, features: ['不良'] }, COLUMNS)).toEqual([
      { field: 'features', code: 'target_is_feature' },
    ]);
  });

  it('offer the values the preview shows, numbers as numbers, and keep a label only if the column has it', () => {
    const rows = [
      ['1', '20', 'OK', '0'],
      ['2', '25', 'NG', '1.0'],
      ['3', '', 'OK', '0'],
    ];
    expect(labelChoices(COLUMNS, rows, '判定')).toEqual(['OK', 'NG']);
    expect(labelChoices(COLUMNS, rows, '不良')).toEqual(['0', '1']);
    // A numeric column's minimum and maximum cover every row, beyond the previewed ones.
    expect(labelChoices(COLUMNS, [], '不良')).toEqual(['0', '1']);
    expect(labelChoices(COLUMNS, rows, '')).toEqual([]);
    expect(labelChoices(null, rows, '判定')).toEqual([]);
    expect(keptPositive('1', ['0', '1'])).toBe('1');
    expect(keptPositive('1.0', ['0', '1'])).toBe('1');
    expect(keptPositive('1', ['OK', 'NG'])).toBe('');
    expect(keptPositive('NG', [])).toBe('NG');
  });
});

describe('<ClassificationForm>', () => {
  it('offers three models and shows messages before anything is sent', async () => {
    const client = fakeSubmitClient();
    render(
      <TestProviders client={client}>
        <ClassificationForm file={file} columns={COLUMNS} onSubmitted={() => {}} />
      </TestProviders>,
    );
    const models = within(
      screen.getByTestId('classification-form').querySelector('[data-field="models_to_use"]')!,
    );
    expect(models.getAllByRole('checkbox')).toHaveLength(3);
    expect((models.getByLabelText('Logistic regression') as HTMLInputElement).checked).toBe(true);
    expect((models.getByLabelText('Random forest') as HTMLInputElement).checked).toBe(false);

    fireEvent.change(screen.getByLabelText('Tuning trials'), { target: { value: '0' } });
    expect(await screen.findByText('Enter 1 or more.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    expect(await screen.findByText('Choose a column.')).toBeTruthy();
    expect(screen.getByTestId('form-problems').textContent).toContain('2 problem(s)');
    expect(client.presignUpload).not.toHaveBeenCalled();
  });

  it('offers the values of a text target from the preview and submits the chosen one as text', async () => {
    const client = fakeSubmitClient();
    const onSubmitted = vi.fn();
    render(
      <TestProviders client={client}>
        <ClassificationForm file={file} columns={COLUMNS} onSubmitted={onSubmitted} />
      </TestProviders>,
    );
    // The preview rows are read from the file, perhaps after the target is chosen.
    fireEvent.change(screen.getByLabelText('Target'), { target: { value: '判定' } });
    await waitFor(() => {
      const label = screen.getByLabelText('Positive value');
      expect(label.tagName).toBe('SELECT');
      expect(
        within(label)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['(choose the positive value)', 'OK', 'NG']);
    });
    // '1' is not a value of 判定: the label must be chosen.
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    expect(await screen.findByText('Choose or type the value that means positive.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Positive value'), { target: { value: 'NG' } });
    fireEvent.click(screen.getByLabelText('Random forest'));
    fireEvent.change(screen.getByLabelText('Outer folds'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(FAKE_JOB_ID));
    expect(client.createJob).toHaveBeenCalledWith(
      expect.objectContaining({
        job_type: 'classification',
        parameters: expect.objectContaining({
          target_column: '判定',
          positive_label: 'NG',
          models_to_use: ['gradient_boosting', 'logistic_regression', 'random_forest'],
          outer_splits: 3,
        }),
      }),
    );
  });

  it('keeps 1 for a 0/1 target and sends it as a number', async () => {
    const client = fakeSubmitClient();
    const onSubmitted = vi.fn();
    render(
      <TestProviders client={client}>
        <ClassificationForm file={file} columns={COLUMNS} onSubmitted={onSubmitted} />
      </TestProviders>,
    );
    fireEvent.change(screen.getByLabelText('Target'), { target: { value: '不良' } });
    expect((screen.getByLabelText('Positive value') as HTMLSelectElement).value).toBe('1');
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(FAKE_JOB_ID));
    expect(client.createJob).toHaveBeenCalledWith(
      expect.objectContaining({
        parameters: expect.objectContaining({ target_column: '不良', positive_label: 1 }),
      }),
    );
  });
});
