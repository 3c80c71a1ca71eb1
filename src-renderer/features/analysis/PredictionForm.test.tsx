// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobStatus } from '../../../src-shared/api/index.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { FAKE_JOB_ID, fakeSubmitClient } from './fake-submit-client.js';
import { modelJobs, validatePrediction } from './prediction-form.js';
import { PredictionForm } from './PredictionForm.js';

const file = new File(['回転速度,送り速度\n1,2\n'], 'grid.csv', { type: 'text/csv' });
const NONLINEAR_ID = '22222222-2222-4222-8222-222222222222';
const LINEAR_ID = '33333333-3333-4333-8333-333333333333';

function job(
  id: string,
  type: JobStatus['job_type'],
  status: JobStatus['status'],
  finished: string,
): JobStatus {
  return {
    job_id: id,
    job_type: type,
    status,
    progress: status === 'completed' ? 100 : 10,
    stage: null,
    message: null,
    error: null,
    attempts: 1,
    input_key: `inputs/${id}/data.csv`,
    parameters:
      type === 'linear_analysis' ? { target_column: '摩耗量' } : { target_columns: ['摩耗量', '上面ダレ量'] },
    created_at: finished,
    updated_at: finished,
    started_at: finished,
    finished_at: status === 'completed' ? finished : null,
  };
}
const JOBS = [
  job(LINEAR_ID, 'linear_analysis', 'completed', '2026-11-30T01:00:00.000Z'),
  job(NONLINEAR_ID, 'nonlinear_analysis', 'completed', '2026-11-30T02:00:00.000Z'),
  job('44444444-4444-4444-8444-444444444444', 'nonlinear_analysis', 'running', '2026-11-30T03:00:00.000Z'),
  job('55555555-5555-4555-8555-555555555555', 'pareto', 'completed', '2026-11-30T04:00:00.000Z'),
];

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

describe('prediction form values', () => {
  it('offer finished modelling jobs only, newest first', () => {
    expect(modelJobs(JOBS).map((j) => j.job_id)).toEqual([NONLINEAR_ID, LINEAR_ID]);
  });

  it('need a model job', () => {
    expect(validatePrediction({ modelJobId: '', fields: { unknown_category: 'error' } })).toEqual([
      { field: 'model_job_id', code: 'required_model_job' },
    ]);
    expect(validatePrediction({ modelJobId: NONLINEAR_ID, fields: { unknown_category: 'error' } })).toEqual(
      [],
    );
  });
});

describe('<PredictionForm>', () => {
  it('lists the finished model jobs with their targets, and asks for one before sending', async () => {
    const client = fakeSubmitClient(JOBS);
    render(
      <TestProviders client={client}>
        <PredictionForm file={file} columns={null} onSubmitted={() => {}} />
      </TestProviders>,
    );
    const picker = screen.getByLabelText('Model to predict with') as HTMLSelectElement;
    await waitFor(() => expect(picker.options).toHaveLength(3));
    expect(picker.options[1]!.value).toBe(NONLINEAR_ID);
    expect(picker.options[1]!.textContent).toContain('摩耗量, 上面ダレ量');
    expect(picker.options[2]!.textContent).toContain('Linear regression');
    expect(screen.getByTestId('prediction-file').textContent).toContain('grid.csv');
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    expect(await screen.findByText('Choose the job whose model predicts.')).toBeTruthy();
    expect(client.presignUpload).not.toHaveBeenCalled();
  });

  it('submits model_job_id with the table', async () => {
    const client = fakeSubmitClient(JOBS);
    const onSubmitted = vi.fn();
    render(
      <TestProviders client={client}>
        <PredictionForm file={file} columns={null} onSubmitted={onSubmitted} />
      </TestProviders>,
    );
    const picker = screen.getByLabelText('Model to predict with') as HTMLSelectElement;
    await waitFor(() => expect(picker.options).toHaveLength(3));
    fireEvent.change(picker, { target: { value: NONLINEAR_ID } });
    fireEvent.change(screen.getByLabelText('Categories not seen in training'), { target: { value: 'flag' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(FAKE_JOB_ID));
    expect(client.createJob).toHaveBeenCalledWith(
      expect.objectContaining({
        job_type: 'prediction',
        parameters: { model_job_id: NONLINEAR_ID, unknown_category: 'flag' },
      }),
    );
  });

  it('says so when no finished job has models', async () => {
    const client = fakeSubmitClient([]);
    render(
      <TestProviders client={client}>
        <PredictionForm file={file} columns={null} onSubmitted={() => {}} />
      </TestProviders>,
    );
    expect(await screen.findByText(/No finished job with models yet/)).toBeTruthy();
  });
});
