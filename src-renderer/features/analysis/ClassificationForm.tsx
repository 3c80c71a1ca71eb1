/** Step 2 for `classification`: the two-valued target and its positive value, features, models, the nested-CV budget and the error-rate guarantees, then submit. */
import { useCallback, useEffect, useState } from 'react';
import { useT } from '../../i18n/useT.js';
import { parseInWorker } from '../data/parse-in-worker.js';
import type { ColumnSummary } from '../data/table-preview.js';
import {
  CLASSIFICATION_FIELDS,
  CL_ADVANCED_FIELDS,
  CL_MAIN_FIELDS,
  initialClassificationValues,
  keptPositive,
  labelChoices,
  toClassificationParameters,
  validateClassification,
} from './classification-form.js';
import type { ClassificationFormValues } from './classification-form.js';
import { ColumnPicker } from './ColumnPicker.js';
import { ColumnSelect } from './ColumnSelect.js';
import { JobFormFrame } from './JobFormFrame.js';
import type { JobFormProps } from './JobFormFrame.js';
import { SchemaField } from './SchemaField.js';
import { useJobForm } from './useJobForm.js';

/**
 * The first rows of the chosen file as the preview reads them (the panel passes only the column summaries), for
 * the values a target column holds; null while reading, with no preview (XLSX), or when it cannot be read.
 */
function usePreviewRows(file: File | null, hasPreview: boolean): string[][] | null {
  const [rows, setRows] = useState<{ file: File; rows: string[][] } | null>(null);
  useEffect(() => {
    if (!file || !hasPreview) return;
    let live = true;
    file
      .arrayBuffer()
      .then((bytes) => parseInWorker(file.name, bytes))
      .then((result) => {
        if (live && result.status === 'table') setRows({ file, rows: result.preview.rows });
      })
      .catch(() => {
        // No rows: the positive label is typed, as without a preview.
      });
    return () => {
      live = false;
    };
  }, [file, hasPreview]);
  return rows && rows.file === file ? rows.rows : null;
}

/** The candidate labels as ColumnSelect options, so the label field has the same layout as the column fields. */
const asOptions = (choices: readonly string[]): ColumnSummary[] =>
  choices.map((name) => ({ name, kind: 'text', missing: 0, min: null, max: null, mean: null }));

export function ClassificationForm({ file, serverInput, columns, onSubmitted, picker }: JobFormProps) {
  const t = useT();
  const rows = usePreviewRows(file, Boolean(columns));
  const build = useCallback(
    (values: ClassificationFormValues, chosen: File) => ({
      file: chosen,
      fileName: chosen.name,
      jobType: 'classification' as const,
      parameters: toClassificationParameters(values, columns),
      columns: columns ? columns.map((c) => c.name) : null,
    }),
    [columns],
  );
  const validate = useCallback(
    (values: ClassificationFormValues) =>
      validateClassification(values, columns, labelChoices(columns, rows, values.target)),
    [columns, rows],
  );
  const form = useJobForm({
    serverInput,
    initial: initialClassificationValues,
    validate,
    file,
    build,
    onSubmitted,
  });
  const { values, update, errorOf } = form;
  const choices = labelChoices(columns, rows, values.target);
  // Two or more known values: pick one; otherwise (no preview, or one value seen so far) the label is typed.
  const labelOptions = columns === undefined ? undefined : choices.length >= 2 ? asOptions(choices) : null;
  const positiveProblem = form.problems.find((p) => p.field === 'positive_label');
  const positiveError =
    errorOf('positive_label') &&
    (positiveProblem?.code === 'invalid' ? t('validation.requiredPositive') : errorOf('positive_label'));
  const field = (name: string) => (
    <SchemaField
      key={name}
      spec={CLASSIFICATION_FIELDS.find((f) => f.name === name)!}
      value={values.fields[name]}
      onChange={(v) => update(name, { fields: { ...values.fields, [name]: v } })}
      error={errorOf(name)}
    />
  );

  return (
    <JobFormFrame
      jobType="classification"
      testId="classification-form"
      picker={picker}
      onSubmit={form.onSubmit}
      footer={form.footer}
    >
      <ColumnSelect
        field="target_column"
        label={t('form.target')}
        help={t('form.target.classification.help')}
        noneLabel={t('form.objective.choose')}
        columns={columns}
        value={values.target}
        onChange={(target) =>
          update('target', {
            target,
            positive: keptPositive(values.positive, labelChoices(columns, rows, target)),
          })
        }
        error={errorOf('target')}
      />
      <ColumnSelect
        field="positive_label"
        label={t('param.positive_label')}
        help={t('param.positive_label.help')}
        noneLabel={t('form.positive.choose')}
        columns={labelOptions}
        value={values.positive}
        onChange={(positive) => update('positive_label', { positive })}
        error={positiveError}
      />
      <ColumnPicker
        testId="feature-picker"
        legend={t('form.features')}
        help={t('form.features.classification.help')}
        columns={columns}
        selected={values.features}
        disabled={values.target ? [values.target] : []}
        onChange={(features) => update('features', { features })}
        error={errorOf('features')}
      />
      {CL_MAIN_FIELDS.map(field)}
      <details>
        <summary>{t('form.advanced')}</summary>
        {CL_ADVANCED_FIELDS.map(field)}
      </details>
    </JobFormFrame>
  );
}
