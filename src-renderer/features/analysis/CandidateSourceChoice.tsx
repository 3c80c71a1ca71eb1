/**
 * Where an optimization's candidates come from when the data set is an experiment log's done runs: generated from
 * the factor levels those runs used (the runs kept as the existing design, so only new runs are chosen), or the
 * rows themselves as a candidate file.
 */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';
import type { GeneratedCandidates } from './optimization-form.js';

interface Props {
  generated: GeneratedCandidates;
  value: boolean;
  onChange(generate: boolean): void;
}

export function CandidateSourceChoice({ generated, value, onChange }: Props) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="candidate-source" data-testid="candidate-source">
      <legend>{t('form.candidates.source')}</legend>
      <label>
        <input type="radio" name={id} checked={value} onChange={() => onChange(true)} />
        {t('form.candidates.generate')}
      </label>
      <label>
        <input type="radio" name={id} checked={!value} onChange={() => onChange(false)} />
        {t('form.candidates.rows')}
      </label>
      {value && (
        <>
          <p className="help">
            {t('form.candidates.generate.help', { count: generated.gridSize.toLocaleString() })}
          </p>
          <ul className="candidate-levels" data-testid="candidate-levels">
            {generated.one_hot_groups.map((g) => (
              <li key={g.join('/')}>{t('form.candidates.group', { columns: g.join(' / ') })}</li>
            ))}
            {generated.factors.map((f) => (
              <li key={f.name}>
                {f.name}: {(f.levels ?? []).join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}
