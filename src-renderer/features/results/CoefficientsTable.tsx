/** Estimates with standard error, t, p and confidence interval, in original units. */
import type { CoefficientRow } from '../../../src-shared/api/linear-result.js';
import { useT } from '../../i18n/useT.js';
import { DataTable } from '../../shared/DataTable.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber, formatP } from '../../shared/format.js';

export function CoefficientsTable({
  rows,
  target,
  tableId,
}: {
  rows: CoefficientRow[];
  target: string;
  tableId: string;
}) {
  const t = useT();
  const num = (key: keyof CoefficientRow, label: string): Column<CoefficientRow> => ({
    key,
    label,
    numeric: true,
    value: (r) => r[key],
    format: (r) => formatNumber(r[key] as number | null),
  });
  const columns: Column<CoefficientRow>[] = [
    { key: 'term', label: t('coef.term'), value: (r) => r.term },
    num('estimate', t('coef.estimate')),
    num('std_error', t('coef.se')),
    num('t', t('coef.t')),
    { key: 'p', label: t('coef.p'), numeric: true, value: (r) => r.p, format: (r) => formatP(r.p) },
    num('ci_low', t('coef.ciLow')),
    num('ci_high', t('coef.ciHigh')),
  ];
  return (
    <DataTable
      title={t('result.coefficients')}
      tableId={tableId}
      fileName={`${target}_coefficients`}
      columns={columns}
      rows={rows}
    />
  );
}
