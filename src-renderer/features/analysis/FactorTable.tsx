/**
 * The editable table of factors: one row each with its name, type and levels (a range with a step, or a list),
 * the level count it gives, and a remove button. Every box is labelled with its row and field, and its message
 * (which names them too) is tied to it, since a screen reader hears one box at a time.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/useT.js';
import { emptyFactor, levelCount } from './factor-design.js';
import type { FactorDraft, FactorPart, FactorType, LevelMode } from './factor-design.js';

interface Props {
  factors: FactorDraft[];
  /** `field` is the edited box (`factors.2.step`), marked as touched so its message shows. */
  onChange(factors: FactorDraft[], field: string): void;
  errorOf(field: string): string | undefined;
}

export function FactorTable({ factors, onChange, errorOf }: Props) {
  const t = useT();
  const patch = (index: number, part: keyof FactorDraft, value: string) =>
    onChange(
      factors.map((f, k) => (k === index ? { ...f, [part]: value } : f)),
      `factors.${index}.${part}`,
    );
  return (
    <>
      <div className="factor-table-scroll">
        <table className="factor-table" data-testid="factor-table">
          <caption className="visually-hidden">{t('factors.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('factors.col.row')}</th>
              <th scope="col">{t('factors.col.name')}</th>
              <th scope="col">{t('factors.col.type')}</th>
              <th scope="col">{t('factors.col.mode')}</th>
              <th scope="col">{t('factors.col.levels')}</th>
              <th scope="col">{t('factors.col.count')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('factors.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {factors.map((row, index) => (
              <FactorRow
                key={row.key}
                row={row}
                index={index}
                onPatch={(part, value) => patch(index, part, value)}
                onRemove={() =>
                  onChange(
                    factors.filter((_, k) => k !== index),
                    'factors',
                  )
                }
                errorOf={(part) => errorOf(`factors.${index}.${part}`)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="button-row">
        <button type="button" onClick={() => onChange([...factors, emptyFactor()], 'factors')}>
          {t('factors.add')}
        </button>
      </div>
    </>
  );
}

function FactorRow(props: {
  row: FactorDraft;
  index: number;
  onPatch(part: keyof FactorDraft, value: string): void;
  onRemove(): void;
  errorOf(part: FactorPart): string | undefined;
}) {
  const { row, index, onPatch, errorOf } = props;
  const t = useT();
  const id = useId();
  const number = index + 1;
  const label = (part: FactorPart | 'type' | 'mode') =>
    t('factors.cell', { row: number, field: t(`factors.part.${part}`) });
  const box = (part: FactorPart, extra: { inputMode?: 'decimal'; placeholder?: string } = {}): ReactNode => {
    const error = errorOf(part);
    const errorId = `${id}-${part}-error`;
    return (
      <span className={`factor-cell factor-${part}`}>
        <input
          type="text"
          aria-label={label(part)}
          value={row[part]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => onPatch(part, event.target.value)}
          {...extra}
        />
        {error && (
          <span id={errorId} className="field-error">
            {error}
          </span>
        )}
      </span>
    );
  };
  const count = levelCount(row);
  const ranged = row.type === 'continuous' && row.mode === 'range';
  return (
    <tr data-testid="factor-row">
      <th scope="row">{number}</th>
      <td>{box('name')}</td>
      <td>
        <select
          aria-label={label('type')}
          value={row.type}
          onChange={(event) => onPatch('type', event.target.value as FactorType)}
        >
          <option value="continuous">{t('factors.type.continuous')}</option>
          <option value="categorical">{t('factors.type.categorical')}</option>
        </select>
      </td>
      <td>
        {/* Categorical levels can only be listed. */}
        {row.type === 'continuous' && (
          <select
            aria-label={label('mode')}
            value={row.mode}
            onChange={(event) => onPatch('mode', event.target.value as LevelMode)}
          >
            <option value="range">{t('factors.mode.range')}</option>
            <option value="list">{t('factors.mode.list')}</option>
          </select>
        )}
      </td>
      <td className="factor-levels">
        {ranged ? (
          <>
            {box('min', { inputMode: 'decimal' })}
            {box('max', { inputMode: 'decimal' })}
            {box('step', { inputMode: 'decimal' })}
          </>
        ) : (
          box('levels', { placeholder: t('factors.levels.example') })
        )}
      </td>
      <td data-testid="level-count">
        {count === null ? t('factors.count.unknown') : count.toLocaleString()}
      </td>
      <td>
        <button type="button" onClick={props.onRemove} aria-label={t('factors.remove', { row: number })}>
          ×
        </button>
      </td>
    </tr>
  );
}
