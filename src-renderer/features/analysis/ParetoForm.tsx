/** Step 2 for `pareto`: the objectives to trade off (each minimised or maximised) in the current table, then submit. */
import { useCallback } from 'react';
import { useT } from '../../i18n/useT.js';
import { JobFormFrame } from './JobFormFrame.js';
import type { JobFormProps } from './JobFormFrame.js';
import { ObjectiveList } from './ObjectiveList.js';
import {
  PARETO_ADVANCED_FIELDS,
  PARETO_FIELDS,
  initialParetoValues,
  toParetoParameters,
  validatePareto,
} from './pareto-form.js';
import type { ParetoFormValues } from './pareto-form.js';
import { SchemaField } from './SchemaField.js';
import { useJobForm } from './useJobForm.js';

export function ParetoForm({ file, serverInput, columns, onSubmitted, picker }: JobFormProps) {
  const t = useT();
  const build = useCallback(
    (values: ParetoFormValues, chosen: File) => ({
      file: chosen,
      fileName: chosen.name,
      jobType: 'pareto' as const,
      parameters: toParetoParameters(values),
      columns: columns ? columns.map((c) => c.name) : null,
    }),
    [columns],
  );
  const form = useJobForm({
    serverInput,
    initial: initialParetoValues,
    validate: validatePareto,
    file,
    build,
    onSubmitted,
  });
  const { values, update, errorOf } = form;
  const numeric = columns ? columns.filter((c) => c.kind === 'numeric') : columns;

  return (
    <JobFormFrame
      jobType="pareto"
      testId="pareto-form"
      picker={picker}
      onSubmit={form.onSubmit}
      footer={form.footer}
    >
      {file && (
        <p className="help" data-testid="pareto-file">
          {t('form.paretoFile', { name: file.name })}
        </p>
      )}
      <ObjectiveList
        columns={numeric}
        objectives={values.objectives}
        onChange={(objectives, field) => update(field, { objectives })}
        errorOf={errorOf}
      />
      <details>
        <summary>{t('form.advanced')}</summary>
        {PARETO_ADVANCED_FIELDS.map((name) => (
          <SchemaField
            key={name}
            spec={PARETO_FIELDS.find((f) => f.name === name)!}
            value={values.fields[name]}
            onChange={(v) => update(name, { fields: { ...values.fields, [name]: v } })}
            error={errorOf(name)}
          />
        ))}
      </details>
    </JobFormFrame>
  );
}
