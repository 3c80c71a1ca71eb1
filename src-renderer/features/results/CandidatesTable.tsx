/** Every candidate model with its out-of-fold scores, the chosen one marked. */
import type { LinearTargetResult } from '../../../src-shared/api/linear-result.js';
import { useT } from '../../i18n/useT.js';
import { DataTable } from '../../shared/DataTable.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';

type Candidate = LinearTargetResult['candidates'][number];

export function CandidatesTable({ target, tableId }: { target: LinearTargetResult; tableId: string }) {
  const t = useT();
  const chosen = (c: Candidate) =>
    c.model === target.selected.model &&
    c.alpha === target.selected.alpha &&
    c.l1_ratio === target.selected.l1_ratio;
  const num = (key: keyof Candidate, label: string): Column<Candidate> => ({
    key,
    label,
    numeric: true,
    value: (c) => c[key] as number | null,
    format: (c) => formatNumber(c[key] as number | null),
  });
  const columns: Column<Candidate>[] = [
    { key: 'model', label: t('cand.model'), value: (c) => c.model, format: (c) => t(`model.${c.model}`) },
    num('alpha', 'alpha'),
    num('l1_ratio', 'l1_ratio'),
    num('oof_mae', t('cand.oofMae')),
    num('oof_mae_sd', t('cand.oofMaeSd')),
    num('oof_rmse', t('cand.oofRmse')),
    num('oof_r2', t('cand.oofR2')),
    {
      key: 'selected',
      label: t('cand.selected'),
      value: (c) => (chosen(c) ? '✓' : ''),
      format: (c) => (chosen(c) ? '✓' : ''),
    },
  ];
  return (
    <DataTable
      title={t('result.candidates')}
      tableId={tableId}
      fileName={`${target.target}_candidates`}
      columns={columns}
      rows={target.candidates}
    />
  );
}
