/**
 * With candidates generated from factors, the job's input is the runs already done: the chosen data set, or none
 * (the form then sends a header-only CSV of the column names, so a design can start from scratch).
 */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';

interface Props {
  /** The data set's name; null when none is chosen (only "no existing runs" is possible). */
  dataSetName: string | null;
  useDataSet: boolean;
  onChange(useDataSet: boolean): void;
}

export function ExistingRunsChoice({ dataSetName, useDataSet, onChange }: Props) {
  const t = useT();
  const id = useId();
  const usingDataSet = useDataSet && dataSetName !== null;
  return (
    <fieldset className="candidate-source" data-testid="existing-runs">
      <legend>{t('factors.existing')}</legend>
      <label>
        <input type="radio" name={id} checked={!usingDataSet} onChange={() => onChange(false)} />
        {t('factors.existing.none')}
      </label>
      {dataSetName !== null ? (
        <label>
          <input type="radio" name={id} checked={usingDataSet} onChange={() => onChange(true)} />
          {t('factors.existing.dataSet', { name: dataSetName })}
        </label>
      ) : (
        <p className="help">{t('factors.existing.noDataSet')}</p>
      )}
    </fieldset>
  );
}
