/**
 * Where an optimization's candidates come from: the rows of the data set (a candidate file), factors defined in the
 * form (the data set, if any, then being the runs already done), or, when the data set is an experiment log's done
 * runs, the factor levels those runs used (the runs kept as the existing design, so only new runs are chosen).
 */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';
import type { CandidateSource, GeneratedCandidates } from './optimization-form.js';

interface Props {
  /** Offered when the data set is a log's done runs; null otherwise. */
  generated: GeneratedCandidates | null;
  value: CandidateSource;
  onChange(source: CandidateSource): void;
}

export function CandidateSourceChoice({ generated, value, onChange }: Props) {
  const t = useT();
  const id = useId();
  const radio = (source: CandidateSource) => (
    <input type="radio" name={id} checked={value === source} onChange={() => onChange(source)} />
  );
  return (
    <fieldset className="candidate-source" data-testid="candidate-source">
      <legend>{t('form.candidates.source')}</legend>
      {generated && (
        <label>
          {radio('log_levels')}
          {t('form.candidates.generate')}
        </label>
      )}
      <label>
        {radio('factors')}
        {t('form.candidates.factors')}
      </label>
      <label>
        {radio('file')}
        {/* A log's rows are its done runs, not a candidate file someone prepared. */}
        {t(generated ? 'form.candidates.rows' : 'form.candidates.file')}
      </label>
      {generated && value === 'log_levels' && (
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
