/** Step 2: the `linear_analysis` options, checked with the shared schema as the user types, then submitted. */
import { useCallback } from 'react';
import { useT } from '../../i18n/useT.js';
import { JobFormFrame } from './JobFormFrame.js';
import { TargetFeaturePickers } from './TargetFeaturePickers.js';
import type { JobFormProps } from './JobFormFrame.js';
import {
  ADVANCED_FIELDS,
  CUSTOM_MODEL,
  LINEAR_FIELDS,
  MAIN_FIELDS,
  initialValues,
  toParameters,
  validate,
} from './linear-form.js';
import type { LinearFormValues } from './linear-form.js';
import { SchemaField } from './SchemaField.js';
import { useJobForm } from './useJobForm.js';

export function LinearAnalysisForm({ file, serverInput, columns, onSubmitted, picker }: JobFormProps) {
  const t = useT();
  const build = useCallback(
    (values: LinearFormValues, chosen: File) => ({
      file: chosen,
      fileName: chosen.name,
      jobType: 'linear_analysis' as const,
      parameters: toParameters(values),
      columns: columns ? columns.map((c) => c.name) : null,
    }),
    [columns],
  );
  const form = useJobForm({ serverInput, initial: initialValues, validate, file, build, onSubmitted });
  const { values, update, errorOf } = form;
  const setField = (name: string, value: string | boolean | string[]) =>
    update(name, { fields: { ...values.fields, [name]: value } });
  const field = (name: string) => {
    const spec = LINEAR_FIELDS.find((f) => f.name === name)!;
    if (name === 'model') return null;
    return (
      <SchemaField
        key={name}
        spec={spec}
        value={values.fields[name]}
        onChange={(v) => setField(name, v)}
        error={errorOf(name)}
      />
    );
  };
  const modelSpec = LINEAR_FIELDS.find((f) => f.name === 'model');
  const modelOptions = modelSpec?.kind === 'enum' ? modelSpec.options : [];

  return (
    <JobFormFrame
      jobType="linear_analysis"
      testId="linear-form"
      picker={picker}
      onSubmit={form.onSubmit}
      footer={form.footer}
    >
      <TargetFeaturePickers
        columns={columns}
        targets={values.targets}
        features={values.features}
        onTargets={(targets) => update('targets', { targets })}
        onFeatures={(features) => update('features', { features })}
        targetError={errorOf('targets')}
        featureError={errorOf('features')}
        featureHelp="form.features.help"
      />
      <div className="field" data-field="model">
        <label htmlFor="linear-model">{t('param.model')}</label>
        <select
          id="linear-model"
          value={values.model}
          aria-describedby="linear-model-help"
          onChange={(event) => update('model', { model: event.target.value })}
        >
          {modelOptions.map((o) => (
            <option key={o} value={o}>
              {t(`option.model.${o as 'linear' | 'interactions' | 'quadratic'}`)}
            </option>
          ))}
          <option value={CUSTOM_MODEL}>{t('option.model.custom')}</option>
        </select>
        {values.model === CUSTOM_MODEL && (
          <input
            type="text"
            aria-label={t('form.customModel')}
            placeholder="x1 + x2 + x1:x2 + x1^2"
            value={values.customModel}
            onChange={(event) => update('model', { customModel: event.target.value })}
          />
        )}
        <p id="linear-model-help" className="help">
          {t('param.model.help')} {t('form.default', { value: t('option.model.linear') })}
        </p>
        {errorOf('model') && (
          <p className="field-error" role="alert">
            {errorOf('model')}
          </p>
        )}
      </div>
      {MAIN_FIELDS.map(field)}
      <details>
        <summary>{t('form.advanced')}</summary>
        {ADVANCED_FIELDS.map(field)}
      </details>
    </JobFormFrame>
  );
}
