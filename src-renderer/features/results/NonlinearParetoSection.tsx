/**
 * enable_pareto: the candidate conditions whose predicted targets no other candidate beats on every objective
 * (pareto-candidates.csv has all of them; the body lists up to 1,000).
 */
import type { NonlinearPareto } from '../../../src-shared/api/nonlinear-result.js';
import { useT } from '../../i18n/useT.js';
import { DataTable } from '../../shared/DataTable.js';
import type { Column } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';

type Row = NonlinearPareto['front'][number];

export function NonlinearParetoSection({ pareto }: { pareto: NonlinearPareto }) {
  const t = useT();
  const columns: Column<Row>[] = [
    { key: 'candidate', label: t('nonlinear.pareto.candidate'), numeric: true, value: (r) => r.candidate },
    ...pareto.columns.map((c): Column<Row> => {
      const v = (r: Row) => r.values[c] ?? null;
      return {
        key: c,
        label: c,
        numeric: true,
        value: v,
        format: (r) => (typeof v(r) === 'number' ? formatNumber(v(r) as number) : String(v(r) ?? '')),
      };
    }),
  ];
  return (
    <section data-testid="nonlinear-pareto">
      <h3>{t('nonlinear.pareto.title')}</h3>
      <p className="help">
        {t('nonlinear.pareto.summary', {
          front: pareto.n_front,
          candidates: pareto.n_candidates,
          objectives: pareto.objectives
            .map(
              (o) =>
                `${o.column} (${t(o.direction === 'minimize' ? 'nonlinear.pareto.min' : 'nonlinear.pareto.max')})`,
            )
            .join(', '),
          knee: pareto.knee_candidate ?? '—',
        })}
      </p>
      <DataTable
        title={t('nonlinear.pareto.front')}
        tableId="nonlinear-pareto-front"
        fileName="pareto_candidates"
        columns={columns}
        rows={pareto.front}
      />
    </section>
  );
}
