/** Step 2 for `prediction`: a finished modelling job whose models predict every row of the current table. */
import { useCallback, useId, useMemo } from 'react';
import { useLanguage, useT } from '../../i18n/useT.js';
import { formatDateTime } from '../../shared/format.js';
import { useJobs } from '../jobs/useJobs.js';
import { JobFormFrame } from './JobFormFrame.js';
import type { JobFormProps } from './JobFormFrame.js';
import {
  PREDICTION_FIELDS,
  initialPredictionValues,
  modelJobs,
  targetsOf,
  toPredictionParameters,
  validatePrediction,
} from './prediction-form.js';
import type { PredictionFormValues } from './prediction-form.js';
import { SchemaField } from './SchemaField.js';
import { useJobForm } from './useJobForm.js';

export function PredictionForm({ file, serverInput, columns, onSubmitted, picker }: JobFormProps) {
  const t = useT();
  const { language } = useLanguage();
  const id = useId();
  const jobs = useJobs();
  const candidates = useMemo(() => modelJobs(jobs.data?.jobs ?? []), [jobs.data]);
  const build = useCallback(
    (values: PredictionFormValues, chosen: File) => ({
      file: chosen,
      fileName: chosen.name,
      jobType: 'prediction' as const,
      parameters: toPredictionParameters(values),
      columns: columns ? columns.map((c) => c.name) : null,
    }),
    [columns],
  );
  const form = useJobForm({
    serverInput,
    initial: initialPredictionValues,
    validate: validatePrediction,
    file,
    build,
    onSubmitted,
  });
  const { values, update, errorOf } = form;
  const modelError = errorOf('model_job_id');
  const describedBy = modelError ? `${id}-help ${id}-error` : `${id}-help`;

  return (
    <JobFormFrame
      jobType="prediction"
      testId="prediction-form"
      picker={picker}
      onSubmit={form.onSubmit}
      footer={form.footer}
    >
      {file && (
        <p className="help" data-testid="prediction-file">
          {t('form.predictionFile', { name: file.name })}
        </p>
      )}
      <div className="field" data-field="model_job_id">
        <label htmlFor={id}>{t('param.model_job_id')}</label>
        <select
          id={id}
          data-testid="model-job-picker"
          style={{ maxWidth: '100%' }}
          value={values.modelJobId}
          aria-describedby={describedBy}
          aria-invalid={modelError ? true : undefined}
          onChange={(event) => update('model_job_id', { modelJobId: event.target.value })}
        >
          <option value="">{t('form.modelJob.choose')}</option>
          {candidates.map((job) => (
            <option key={job.job_id} value={job.job_id}>
              {t('form.modelJob.option', {
                type: t(`jobType.${job.job_type}`),
                targets: targetsOf(job).join(', ') || '—',
                id: job.job_id.slice(0, 8),
                finished: formatDateTime(job.finished_at, language),
              })}
            </option>
          ))}
        </select>
        <p id={`${id}-help`} className="help">
          {candidates.length > 0 ? t('param.model_job_id.help') : t('form.modelJob.none')}
        </p>
        {modelError && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {modelError}
          </p>
        )}
      </div>
      {PREDICTION_FIELDS.map((spec) => (
        <SchemaField
          key={spec.name}
          spec={spec}
          value={values.fields[spec.name]}
          onChange={(v) => update(spec.name, { fields: { ...values.fields, [spec.name]: v } })}
          error={errorOf(spec.name)}
        />
      ))}
    </JobFormFrame>
  );
}
