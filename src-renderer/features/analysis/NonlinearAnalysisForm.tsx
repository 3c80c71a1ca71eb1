/** Step 2 for `nonlinear_analysis`: targets, features, the models to compare and the nested-CV budget, then submit. */
import { useCallback } from 'react';
import { useT } from '../../i18n/useT.js';
import { ColumnSelect } from './ColumnSelect.js';
import { JobFormFrame } from './JobFormFrame.js';
import { TargetFeaturePickers } from './TargetFeaturePickers.js';
import type { JobFormProps } from './JobFormFrame.js';
import {
  NL_ADVANCED_FIELDS,
  NL_MAIN_FIELDS,
  NONLINEAR_FIELDS,
  initialNonlinearValues,
  toNonlinearParameters,
  validateNonlinear,
} from './nonlinear-form.js';
import type { NonlinearFormValues } from './nonlinear-form.js';
import { SchemaField } from './SchemaField.js';
import { useJobForm } from './useJobForm.js';

export function NonlinearAnalysisForm({ file, serverInput, columns, onSubmitted, picker }: JobFormProps) {
  const t = useT();
  const build = useCallback(
    (values: NonlinearFormValues, chosen: File) => ({
      file: chosen,
      fileName: chosen.name,
      jobType: 'nonlinear_analysis' as const,
      parameters: toNonlinearParameters(values),
      columns: columns ? columns.map((c) => c.name) : null,
    }),
    [columns],
  );
  const form = useJobForm({
    serverInput,
    initial: initialNonlinearValues,
    validate: validateNonlinear,
    file,
    build,
    onSubmitted,
  });
  const { values, update, errorOf } = form;
  const field = (name: string) => (
    <SchemaField
      key={name}
      spec={NONLINEAR_FIELDS.find((f) => f.name === name)!}
      value={values.fields[name]}
      onChange={(v) => update(name, { fields: { ...values.fields, [name]: v } })}
      error={errorOf(name)}
    />
  );

  return (
    <JobFormFrame
      jobType="nonlinear_analysis"
      testId="nonlinear-form"
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
        featureHelp="form.features.nonlinear.help"
      />
      {NL_MAIN_FIELDS.map(field)}
      <details>
        <summary>{t('form.advanced')}</summary>
        <ColumnSelect
          field="group_column"
          label={t('param.group_column')}
          help={t('param.group_column.help')}
          noneLabel={t('form.group.none')}
          columns={columns}
          value={values.group}
          onChange={(group) => update('group', { group })}
          error={errorOf('group')}
        />
        {NL_ADVANCED_FIELDS.map(field)}
      </details>
    </JobFormFrame>
  );
}
