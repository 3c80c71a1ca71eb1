// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestProviders } from '../../shared/TestProviders.js';
import type { ColumnSummary } from '../data/table-preview.js';
import { FAKE_JOB_ID, fakeSubmitClient } from './fake-submit-client.js';
import { initialParetoValues, toParetoParameters, validatePareto } from './pareto-form.js';
import { ParetoForm } from './ParetoForm.js';

const col = (name: string, kind: 'numeric' | 'text' = 'numeric'): ColumnSummary => ({
  name,
  kind,
  missing: 0,
  min: null,
  max: null,
  mean: null,
});
const COLUMNS = [col('摩耗量'), col('上面ダレ量'), col('加工速度'), col('ブラシ', 'text')];
const file = new File(['摩耗量,上面ダレ量,加工速度\n1,2,3\n'], 'runs.csv', { type: 'text/csv' });

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

const objectives = (...list: [string, 'minimize' | 'maximize'][]) =>
  list.map(([column, direction]) => ({ column, direction }));

describe('pareto form values', () => {
  it('start with two empty objectives, each of which needs a column', () => {
    expect(validatePareto(initialParetoValues())).toEqual([
      { field: 'objective.0', code: 'required_column' },
      { field: 'objective.1', code: 'required_column' },
    ]);
  });

  it('send the objectives in order with their directions', () => {
    const values = { ...initialParetoValues(), objectives: objectives(['a', 'minimize'], ['b', 'maximize']) };
    expect(validatePareto(values)).toEqual([]);
    expect(toParetoParameters(values)).toMatchObject({
      objectives: [
        { column: 'a', direction: 'minimize' },
        { column: 'b', direction: 'maximize' },
      ],
      max_plot_points: 5000,
    });
  });

  it('refuse a repeated column, fewer than 2 or more than 6 objectives', () => {
    const base = initialParetoValues();
    expect(validatePareto({ ...base, objectives: objectives(['a', 'minimize'], ['a', 'maximize']) })).toEqual(
      [{ field: 'objective.1', code: 'duplicate_objective' }],
    );
    expect(validatePareto({ ...base, objectives: objectives(['a', 'minimize']) })).toEqual([
      { field: 'objectives', code: 'too_few_objectives', limit: 2 },
    ]);
    const seven = objectives(
      ...(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((c) => [c, 'minimize']) as [string, 'minimize'][]),
    );
    expect(validatePareto({ ...base, objectives: seven })).toEqual([
      { field: 'objectives', code: 'too_many_objectives', limit: 6 },
    ]);
  });
});

describe('<ParetoForm>', () => {
  it('adds objectives up to 6, offers numeric columns only, and says what is missing before sending', async () => {
    const client = fakeSubmitClient();
    render(
      <TestProviders client={client}>
        <ParetoForm file={file} columns={COLUMNS} onSubmitted={() => {}} />
      </TestProviders>,
    );
    const select = screen.getByLabelText('Objective 1: column') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['', '摩耗量', '上面ダレ量', '加工速度']);
    const add = screen.getByRole('button', { name: 'Add objective' });
    for (let i = 0; i < 4; i++) fireEvent.click(add);
    expect(screen.getAllByTestId('objective-row')).toHaveLength(6);
    expect((add as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Remove objective 6' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove objective 5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove objective 4' }));
    expect(screen.getAllByTestId('objective-row')).toHaveLength(3);

    fireEvent.change(screen.getByLabelText('Objective 1: column'), { target: { value: '摩耗量' } });
    fireEvent.change(screen.getByLabelText('Objective 2: column'), { target: { value: '摩耗量' } });
    expect(await screen.findByText('This column is already an objective.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    expect(await screen.findByText('Choose a column.')).toBeTruthy();
    expect(screen.getByTestId('form-problems').textContent).toContain('2 problem(s)');
    expect(client.presignUpload).not.toHaveBeenCalled();
  });

  it('submits the objectives with their directions', async () => {
    const client = fakeSubmitClient();
    const onSubmitted = vi.fn();
    render(
      <TestProviders client={client}>
        <ParetoForm file={file} columns={COLUMNS} onSubmitted={onSubmitted} />
      </TestProviders>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add objective' }));
    const rows = screen.getAllByTestId('objective-row');
    const pick = (i: number, column: string, direction: string) => {
      fireEvent.change(within(rows[i]!).getByLabelText(`Objective ${i + 1}: column`), {
        target: { value: column },
      });
      fireEvent.change(within(rows[i]!).getByLabelText(`Objective ${i + 1}: direction`), {
        target: { value: direction },
      });
    };
    pick(0, '摩耗量', 'minimize');
    pick(1, '上面ダレ量', 'minimize');
    pick(2, '加工速度', 'maximize');
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(FAKE_JOB_ID));
    expect(client.createJob).toHaveBeenCalledWith(
      expect.objectContaining({
        job_type: 'pareto',
        parameters: expect.objectContaining({
          objectives: [
            { column: '摩耗量', direction: 'minimize' },
            { column: '上面ダレ量', direction: 'minimize' },
            { column: '加工速度', direction: 'maximize' },
          ],
        }),
      }),
    );
  });
});
