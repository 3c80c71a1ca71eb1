/**
 * Step 2 for `optimization` (design of experiments): the candidates come from the current data set (a candidate
 * file and its factor columns), from factors defined here (the data set, or none, being the runs already done),
 * or from a log's done runs' levels; with the number of runs, the model and the criterion they are checked with
 * the shared schema, then submitted.
 */
import { useCallback, useMemo } from 'react';
import { useT } from '../../i18n/useT.js';
import { ColumnPicker } from './ColumnPicker.js';
import { CandidateSourceChoice } from './CandidateSourceChoice.js';
import { ColumnSelect } from './ColumnSelect.js';
import { ExistingRunsChoice } from './ExistingRunsChoice.js';
import { designColumns, headerOnlyCsv } from './factor-design.js';
import { FactorEditor } from './FactorEditor.js';
import { JobFormFrame } from './JobFormFrame.js';
import type { JobFormProps } from './JobFormFrame.js';
import {
  OPTIMIZATION_FIELDS,
  OPT_ADVANCED_FIELDS,
  OPT_MAIN_FIELDS,
  candidateSource,
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
  const dataSetName = file?.name ?? serverInput?.name ?? null;
  // Factors defined here with "no existing runs" (or no data set at all): the input is a header-only CSV.
  const ownInput = useCallback(
    (values: OptimizationFormValues) =>
      candidateSource(values, generatedCandidates) === 'factors' && !(values.design.useDataSet && dataSetName)
        ? headerOnlyCsv(values.design)
        : null,
    [generatedCandidates, dataSetName],
  );
  const build = useCallback(
    (values: OptimizationFormValues, chosen: File) => ({
      file: chosen,
      fileName: chosen.name,
      jobType: 'optimization' as const,
      parameters: toOptimizationParameters(values, numericNames, generatedCandidates),
      columns: ownInput(values) ? designColumns(values.design) : columns ? columns.map((c) => c.name) : null,
    }),
    [columns, numericNames, generatedCandidates, ownInput],
  );
  // Offered generated candidates (a log's next runs) are the default: choosing among done runs is rarely wanted.
  const initial = useCallback(
    (): OptimizationFormValues => ({
      ...initialOptimizationValues(),
      source: generatedCandidates ? 'log_levels' : 'file',
    }),
    [generatedCandidates],
  );
  const form = useJobForm({
    serverInput,
    initial,
    validate: check,
    file,
    ownInput,
    build,
    onSubmitted,
  });
  const { values, update, errorOf } = form;
  const source = candidateSource(values, generatedCandidates);
  const generating = source !== 'file';
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
      {dataSetName !== null && source !== 'factors' && (
        <p className="help" data-testid="candidate-file">
          {t(generating ? 'form.existingRunsFile' : 'form.candidateFile', { name: dataSetName })}
        </p>
      )}
      <CandidateSourceChoice
        generated={generatedCandidates}
        value={source}
        onChange={(next) => update('source', { source: next })}
      />
      {source === 'factors' && (
        <>
          <ExistingRunsChoice
            dataSetName={dataSetName}
            useDataSet={values.design.useDataSet}
            onChange={(useDataSet) => update('existing_runs', { design: { ...values.design, useDataSet } })}
          />
          <FactorEditor
            design={values.design}
            onChange={(design, name) => update(name, { design })}
            errorOf={errorOf}
          />
        </>
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
