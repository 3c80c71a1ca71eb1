/** Step 2: the `linear_analysis` options, checked with the shared schema as the user types, then submitted. */
import { useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useT } from '../../i18n/useT.js';
import type { ColumnSummary } from '../data/table-preview.js';
import { ColumnPicker } from './ColumnPicker.js';
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
import { problemText } from './problem-text.js';
import { SchemaField } from './SchemaField.js';
import { FormFooter } from './FormFooter.js';
import { useSubmitJob } from './useSubmitJob.js';

interface Props {
  file: File | null;
  /** Null when the file has no preview (XLSX): column names are then typed; undefined before a file is chosen. */
  columns: ColumnSummary[] | null | undefined;
  onSubmitted(jobId: string): void;
  /** The job-type picker, shown in place of the fixed job-type line. */
  picker?: ReactNode;
}

export function LinearAnalysisForm({ file, columns, onSubmitted, picker }: Props) {
  const t = useT();
  const [values, setValues] = useState<LinearFormValues>(initialValues);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const { state, submit, cancel } = useSubmitJob();
  const problems = useMemo(() => validate(values), [values]);

  const errorOf = (field: string) => {
    if (!attempted && !touched.has(field)) return undefined;
    const problem = problems.find((p) => p.field === field);
    return problem ? problemText(t, problem) : undefined;
  };
  const update = (field: string, patch: Partial<LinearFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setTouched((s) => new Set(s).add(field));
  };
  const setField = (name: string, value: string | boolean | string[]) =>
    update(name, { fields: { ...values.fields, [name]: value } });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!file || problems.length > 0) return;
    const jobId = await submit({
      file,
      fileName: file.name,
      jobType: 'linear_analysis',
      parameters: toParameters(values),
      columns: columns ? columns.map((c) => c.name) : null,
    });
    if (jobId) onSubmitted(jobId);
  };

  const busy = state.phase === 'uploading' || state.phase === 'creating';
  const numeric = columns ? columns.filter((c) => c.kind === 'numeric') : columns;
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
    <section aria-labelledby="analysis-title" className="panel">
      <h2 id="analysis-title">{t('analysis.title')}</h2>
      {picker ?? <p className="help">{t('analysis.jobType', { type: t('jobType.linear_analysis') })}</p>}
      <form noValidate onSubmit={onSubmit} aria-labelledby="analysis-title" data-testid="linear-form">
        <ColumnPicker
          testId="target-picker"
          legend={t('form.targets')}
          help={t('form.targets.help')}
          columns={numeric}
          selected={values.targets}
          onChange={(targets) => update('targets', { targets })}
          error={errorOf('targets')}
        />
        <ColumnPicker
          testId="feature-picker"
          legend={t('form.features')}
          help={t('form.features.help')}
          columns={columns}
          selected={values.features}
          disabled={values.targets}
          onChange={(features) => update('features', { features })}
          error={errorOf('features')}
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
        <FormFooter
          attempted={attempted}
          hasFile={Boolean(file)}
          problemCount={problems.length}
          busy={busy}
          state={state}
          onCancel={cancel}
        />
      </form>
    </section>
  );
}
