/** Picks columns of the previewed table (checkboxes); with no preview (XLSX) the names are typed, comma-separated. */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';
import type { ColumnSummary } from '../data/table-preview.js';

interface Props {
  legend: string;
  help: string;
  /** Null: no preview (XLSX), names are typed; undefined: no file chosen yet. */
  columns: ColumnSummary[] | null | undefined;
  selected: string[];
  disabled?: readonly string[];
  onChange(selected: string[]): void;
  error?: string | undefined;
  testId: string;
}

export function ColumnPicker({
  legend,
  help,
  columns,
  selected,
  disabled = [],
  onChange,
  error,
  testId,
}: Props) {
  const t = useT();
  const helpId = useId();
  const errorId = useId();
  const describedBy = error ? `${helpId} ${errorId}` : helpId;
  return (
    <fieldset className="column-picker" data-testid={testId} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <p id={helpId} className="help">
        {help}
      </p>
      {columns === undefined ? (
        <p className="help">{t('form.pickFileFirst')}</p>
      ) : columns ? (
        <div className="checkbox-grid">
          {columns.map((c) => (
            <label key={c.name}>
              <input
                type="checkbox"
                checked={selected.includes(c.name)}
                disabled={disabled.includes(c.name)}
                onChange={(event) =>
                  onChange(
                    event.target.checked ? [...selected, c.name] : selected.filter((name) => name !== c.name),
                  )
                }
              />
              {c.name} <span className="kind-badge">{t(`preview.kind.${c.kind}`)}</span>
            </label>
          ))}
        </div>
      ) : (
        <input
          type="text"
          aria-label={legend}
          value={selected.join(', ')}
          onChange={(event) =>
            onChange(
              event.target.value
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            )
          }
        />
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
