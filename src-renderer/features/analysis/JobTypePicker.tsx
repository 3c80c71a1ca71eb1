/**
 * Chooses the job type of the New analysis panel. The API reports no per-server list of job types (health has
 * none), so every type with a form is offered; a type the server does not run is refused at submit with a 422.
 */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';

export const FORM_JOB_TYPES = [
  'linear_analysis',
  'optimization',
  'nonlinear_analysis',
  'classification',
  'pareto',
  'prediction',
] as const;
export type FormJobType = (typeof FORM_JOB_TYPES)[number];

interface Props {
  value: FormJobType;
  onChange(value: FormJobType): void;
}

export function JobTypePicker({ value, onChange }: Props) {
  const t = useT();
  const id = useId();
  return (
    <div className="field" data-field="job_type">
      <label htmlFor={id}>{t('analysis.pickType')}</label>
      <select
        id={id}
        data-testid="job-type-picker"
        value={value}
        aria-describedby={`${id}-help`}
        onChange={(event) => onChange(event.target.value as FormJobType)}
      >
        {FORM_JOB_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`jobType.${type}`)}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="help">
        {t('analysis.pickType.help')}
      </p>
    </div>
  );
}
