/** Picks one column of the previewed table from a list (or types its name when there is no preview), or none. */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';
import type { ColumnSummary } from '../data/table-preview.js';

interface Props {
  label: string;
  help?: string;
  /** Null: no preview (XLSX), the name is typed; undefined: no file chosen yet. */
  columns: ColumnSummary[] | null | undefined;
  value: string;
  onChange(value: string): void;
  /** Text of the empty choice. */
  noneLabel: string;
  error?: string | undefined;
  field: string;
}

export function ColumnSelect({ label, help, columns, value, onChange, noneLabel, error, field }: Props) {
  const t = useT();
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    value,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': error ? true : undefined,
  };
  return (
    <div className="field" data-field={field}>
      <label htmlFor={id}>{label}</label>
      {columns === undefined ? (
        <p className="help">{t('form.pickFileFirst')}</p>
      ) : columns ? (
        <select {...common} onChange={(event) => onChange(event.target.value)}>
          <option value="">{noneLabel}</option>
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type="text" onChange={(event) => onChange(event.target.value)} />
      )}
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
