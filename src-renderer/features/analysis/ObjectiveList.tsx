/** The objectives of a Pareto analysis: one row per objective (its column and direction), added and removed in place. */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';
import type { ColumnSummary } from '../data/table-preview.js';
import { ColumnSelect } from './ColumnSelect.js';
import { DIRECTIONS, MAX_OBJECTIVES, MIN_OBJECTIVES } from './pareto-form.js';
import type { Direction, Objective } from './pareto-form.js';

interface Props {
  columns: ColumnSummary[] | null | undefined;
  objectives: Objective[];
  onChange(objectives: Objective[], field: string): void;
  errorOf(field: string): string | undefined;
}

export function ObjectiveList({ columns, objectives, onChange, errorOf }: Props) {
  const t = useT();
  const id = useId();
  const listError = errorOf('objectives');
  const set = (i: number, patch: Partial<Objective>) =>
    onChange(
      objectives.map((o, j) => (j === i ? { ...o, ...patch } : o)),
      `objective.${i}`,
    );
  return (
    <fieldset className="objective-list" data-testid="objective-list" aria-describedby={`${id}-help`}>
      <legend>{t('form.objectives')}</legend>
      <p id={`${id}-help`} className="help">
        {t('form.objectives.help', { min: MIN_OBJECTIVES, max: MAX_OBJECTIVES })}
      </p>
      {objectives.map((o, i) => (
        <div key={i} className="objective-row" data-testid="objective-row">
          <ColumnSelect
            field={`objective-${i}`}
            label={t('form.objective.column', { n: i + 1 })}
            noneLabel={t('form.objective.choose')}
            columns={columns}
            value={o.column}
            onChange={(column) => set(i, { column })}
            error={errorOf(`objective.${i}`)}
          />
          <div className="field">
            <label htmlFor={`${id}-dir-${i}`}>{t('form.objective.direction', { n: i + 1 })}</label>
            <select
              id={`${id}-dir-${i}`}
              value={o.direction}
              onChange={(event) => set(i, { direction: event.target.value as Direction })}
            >
              {DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`option.direction.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="secondary"
            disabled={objectives.length <= MIN_OBJECTIVES}
            aria-label={t('form.objective.removeOf', { n: i + 1 })}
            onClick={() =>
              onChange(
                objectives.filter((_, j) => j !== i),
                'objectives',
              )
            }
          >
            {t('form.objective.remove')}
          </button>
        </div>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={objectives.length >= MAX_OBJECTIVES}
          onClick={() => onChange([...objectives, { column: '', direction: 'minimize' }], 'objectives')}
        >
          {t('form.objective.add')}
        </button>
      </div>
      {listError && (
        <p className="field-error" role="alert">
          {listError}
        </p>
      )}
    </fieldset>
  );
}
