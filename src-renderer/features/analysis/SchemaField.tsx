/** One parameter input rendered from its schema description, with its label, help text and validation message. */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { FieldSpec } from './schema-fields.js';

interface Props {
  spec: FieldSpec;
  value: string | boolean | string[] | undefined;
  onChange(value: string | boolean | string[]): void;
  error?: string | undefined;
}

export function SchemaField({ spec, value, onChange, error }: Props) {
  const t = useT();
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const label = t(`param.${spec.name}` as MessageKey);
  const help = t(`param.${spec.name}.help` as MessageKey);
  const describedBy = error ? `${helpId} ${errorId}` : helpId;
  const option = (o: string) => t(`option.${spec.name}.${o}` as MessageKey);

  let control;
  switch (spec.kind) {
    case 'boolean':
      control = (
        <label className="inline">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
        </label>
      );
      break;
    case 'enum':
      control = (
        <select
          id={id}
          value={String(value)}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        >
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {option(o)}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
      control = (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={String(value ?? '')}
          min={spec.min ?? undefined}
          max={spec.max ?? undefined}
          step={spec.integer ? 1 : 'any'}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case 'enum-list': {
      const list = Array.isArray(value) ? value : [];
      control = (
        <div className="checkbox-grid" role="group" aria-labelledby={`${id}-label`}>
          {spec.options.map((o) => (
            <label key={o}>
              <input
                type="checkbox"
                checked={list.includes(o)}
                onChange={(event) =>
                  onChange(event.target.checked ? [...list, o] : list.filter((x) => x !== o))
                }
              />
              {option(o)}
            </label>
          ))}
        </div>
      );
      break;
    }
    default:
      return null;
  }

  return (
    <div className="field" data-field={spec.name}>
      {spec.kind !== 'boolean' && (
        <label id={`${id}-label`} htmlFor={spec.kind === 'enum-list' ? undefined : id}>
          {label}
        </label>
      )}
      {control}
      <p id={helpId} className="help">
        {help}
        {spec.kind === 'number' && spec.min !== null && spec.max !== null && (
          <> {t('form.range', { min: spec.min, max: spec.max, value: spec.defaultValue })}</>
        )}
        {spec.kind !== 'number' && (
          <>
            {' '}
            {t('form.default', {
              value: Array.isArray(spec.defaultValue)
                ? spec.defaultValue.map(option).join(', ')
                : typeof spec.defaultValue === 'boolean'
                  ? t(spec.defaultValue ? 'form.on' : 'form.off')
                  : option(spec.defaultValue),
            })}
          </>
        )}
      </p>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
