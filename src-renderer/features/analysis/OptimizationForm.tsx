/**
 * Step 2 for `optimization` (design of experiments): the current data set is the candidate file; its factor
 * columns, the number of runs, the model and the criterion are checked with the shared schema, then submitted.
 */
import { useId, useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useT } from '../../i18n/useT.js';
import type { ColumnSummary } from '../data/table-preview.js';
import { ColumnPicker } from './ColumnPicker.js';
import {
  OPTIMIZATION_FIELDS,
  OPT_ADVANCED_FIELDS,
  OPT_MAIN_FIELDS,
  effectiveFactors,
  initialOptimizationValues,
  toOptimizationParameters,
  validateOptimization,
} from './optimization-form.js';
import type { OptimizationFormValues } from './optimization-form.js';
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

export function OptimizationForm({ file, columns, onSubmitted, picker }: Props) {
  const t = useT();
  const existingId = useId();
  const [values, setValues] = useState<OptimizationFormValues>(initialOptimizationValues);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const { state, submit, cancel } = useSubmitJob();
  const numericColumns = useMemo(
    () => (columns ? columns.filter((c) => c.kind === 'numeric') : columns),
    [columns],
  );
  const numericNames = useMemo(
    () => (numericColumns ? numericColumns.map((c) => c.name) : null),
    [numericColumns],
  );
  const problems = useMemo(() => validateOptimization(values, numericNames), [values, numericNames]);

  const errorOf = (field: string) => {
    if (!attempted && !touched.has(field)) return undefined;
    const problem = problems.find((p) => p.field === field);
    return problem ? problemText(t, problem) : undefined;
  };
  const update = (field: string, patch: Partial<OptimizationFormValues>) => {
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
      jobType: 'optimization',
      parameters: toOptimizationParameters(values, numericNames),
      columns: columns ? columns.map((c) => c.name) : null,
    });
    if (jobId) onSubmitted(jobId);
  };

  const busy = state.phase === 'uploading' || state.phase === 'creating';
  const field = (name: string) => {
    const spec = OPTIMIZATION_FIELDS.find((f) => f.name === name)!;
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
  const existingError = errorOf('existing');

  return (
    <section aria-labelledby="analysis-title" className="panel">
      <h2 id="analysis-title">{t('analysis.title')}</h2>
      {picker ?? <p className="help">{t('analysis.jobType', { type: t('jobType.optimization') })}</p>}
      <form noValidate onSubmit={onSubmit} aria-labelledby="analysis-title" data-testid="optimization-form">
        {file && (
          <p className="help" data-testid="candidate-file">
            {t('form.candidateFile', { name: file.name })}
          </p>
        )}
        <ColumnPicker
          testId="factor-picker"
          legend={t('form.factors')}
          help={t('form.factors.help')}
          columns={numericColumns}
          selected={effectiveFactors(values, numericNames)}
          disabled={values.existing ? [values.existing] : []}
          onChange={(factors) => update('factors', { factors })}
          error={errorOf('factors')}
        />
        {OPT_MAIN_FIELDS.map(field)}
        <div className="field" data-field="existing_column">
          <label htmlFor={existingId}>{t('form.existing')}</label>
          {numericColumns ? (
            <select
              id={existingId}
              value={values.existing}
              aria-describedby={`${existingId}-help`}
              onChange={(event) => update('existing', { existing: event.target.value })}
            >
              <option value="">{t('form.existing.none')}</option>
              {numericColumns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={existingId}
              type="text"
              value={values.existing}
              aria-describedby={`${existingId}-help`}
              onChange={(event) => update('existing', { existing: event.target.value })}
            />
          )}
          <p id={`${existingId}-help`} className="help">
            {t('form.existing.help')}
          </p>
          {existingError && (
            <p className="field-error" role="alert">
              {existingError}
            </p>
          )}
        </div>
        <details>
          <summary>{t('form.advanced')}</summary>
          {OPT_ADVANCED_FIELDS.map(field)}
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
