/**
 * Step 2 for `optimization` (design of experiments): the current data set is the candidate file; its factor
 * columns, the number of runs, the model and the criterion are checked with the shared schema, then submitted.
 */
import { useCallback, useMemo } from 'react';
import { useT } from '../../i18n/useT.js';
import { ColumnPicker } from './ColumnPicker.js';
import { CandidateSourceChoice } from './CandidateSourceChoice.js';
import { ColumnSelect } from './ColumnSelect.js';
import { JobFormFrame } from './JobFormFrame.js';
import type { JobFormProps } from './JobFormFrame.js';
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
import { SchemaField } from './SchemaField.js';
import { useJobForm } from './useJobForm.js';

export function OptimizationForm({
  file,
  serverInput,
  generatedCandidates = null,
  columns,
  onSubmitted,
  picker,
}: JobFormProps) {
  const t = useT();
  const numericColumns = useMemo(
    () => (columns ? columns.filter((c) => c.kind === 'numeric') : columns),
    [columns],
  );
  const numericNames = useMemo(
    () => (numericColumns ? numericColumns.map((c) => c.name) : null),
    [numericColumns],
  );
  const check = useCallback(
    (values: OptimizationFormValues) => validateOptimization(values, numericNames, generatedCandidates),
    [numericNames, generatedCandidates],
  );
  const build = useCallback(
    (values: OptimizationFormValues, chosen: File) => ({
      file: chosen,
      fileName: chosen.name,
      jobType: 'optimization' as const,
      parameters: toOptimizationParameters(values, numericNames, generatedCandidates),
      columns: columns ? columns.map((c) => c.name) : null,
    }),
    [columns, numericNames, generatedCandidates],
  );
  // Offered generated candidates (a log's next runs) are the default: choosing among done runs is rarely wanted.
  const initial = useCallback(
    () => ({ ...initialOptimizationValues(), generate: Boolean(generatedCandidates) }),
    [generatedCandidates],
  );
  const form = useJobForm({
    serverInput,
    initial,
    validate: check,
    file,
    build,
    onSubmitted,
  });
  const { values, update, errorOf } = form;
  const generating = Boolean(generatedCandidates && values.generate);
  const setField = (name: string, value: string | boolean | string[]) =>
    update(name, { fields: { ...values.fields, [name]: value } });
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

  return (
    <JobFormFrame
      jobType="optimization"
      testId="optimization-form"
      picker={picker}
      onSubmit={form.onSubmit}
      footer={form.footer}
    >
      {(file ?? serverInput) && (
        <p className="help" data-testid="candidate-file">
          {t(generating ? 'form.existingRunsFile' : 'form.candidateFile', {
            name: file?.name ?? serverInput?.name ?? '',
          })}
        </p>
      )}
      {generatedCandidates && (
        <CandidateSourceChoice
          generated={generatedCandidates}
          value={values.generate}
          onChange={(generate) => update('generate', { generate })}
        />
      )}
      {!generating && (
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
      )}
      {OPT_MAIN_FIELDS.map(field)}
      {!generating && (
        <ColumnSelect
          field="existing_column"
          label={t('form.existing')}
          help={t('form.existing.help')}
          noneLabel={t('form.existing.none')}
          columns={numericColumns}
          value={values.existing}
          onChange={(existing) => update('existing', { existing })}
          error={errorOf('existing')}
        />
      )}
      <details>
        <summary>{t('form.advanced')}</summary>
        {OPT_ADVANCED_FIELDS.map(field)}
      </details>
    </JobFormFrame>
  );
}
