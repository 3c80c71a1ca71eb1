/**
 * "Generate from factors": the factor table, the one-hot groups, the constraints and the grid size they give,
 * edited as one draft (factor-design.ts) that becomes the job's `factors`, `one_hot_groups` and `constraints`.
 */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';
import type { FactorDesignDraft } from './factor-design.js';
import { FactorTable } from './FactorTable.js';
import { GridPointCount } from './GridPointCount.js';
import { OneHotGroupsEditor } from './OneHotGroupsEditor.js';

interface Props {
  design: FactorDesignDraft;
  /** `field` names the edited box (`factors.0.name`, `one_hot_groups.1`, `constraints`). */
  onChange(design: FactorDesignDraft, field: string): void;
  errorOf(field: string): string | undefined;
}

export function FactorEditor({ design, onChange, errorOf }: Props) {
  const t = useT();
  const id = useId();
  const factorsError = errorOf('factors');
  const constraintsError = errorOf('constraints');
  const constraintsDescribedBy = constraintsError ? `${id}-c-help ${id}-c-error` : `${id}-c-help`;
  return (
    <fieldset className="factor-editor" data-testid="factor-editor" aria-describedby={`${id}-help`}>
      <legend>{t('factors.title')}</legend>
      <p id={`${id}-help`} className="help">
        {t('factors.help')}
      </p>
      <FactorTable
        factors={design.factors}
        onChange={(factors, field) => onChange({ ...design, factors }, field)}
        errorOf={errorOf}
      />
      {factorsError && (
        <p className="field-error" role="alert">
          {factorsError}
        </p>
      )}
      <OneHotGroupsEditor
        groups={design.groups}
        onChange={(groups, field) => onChange({ ...design, groups }, field)}
        errorOf={errorOf}
      />
      <div className="field">
        <label htmlFor={`${id}-c`}>{t('factors.constraints')}</label>
        <textarea
          id={`${id}-c`}
          rows={3}
          value={design.constraints}
          placeholder="送り速度 * パス数 <= 9000"
          aria-invalid={constraintsError ? true : undefined}
          aria-describedby={constraintsDescribedBy}
          onChange={(event) => onChange({ ...design, constraints: event.target.value }, 'constraints')}
        />
        <p id={`${id}-c-help`} className="help">
          {t('factors.constraints.help')}
        </p>
        {constraintsError && (
          <p id={`${id}-c-error`} className="field-error">
            {constraintsError}
          </p>
        )}
      </div>
      <GridPointCount design={design} />
    </fieldset>
  );
}
