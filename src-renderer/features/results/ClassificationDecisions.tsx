/** A classifier's verdict rules and what they did out of fold: τ+ and τ− with their guarantees, the gray zone, the OOD gate, three-way counts and the confusion matrix at τ+. */
import type { ClassificationBody } from '../../../src-shared/api/classification-result.js';
import { useT } from '../../i18n/useT.js';
import { DataTable } from '../../shared/DataTable.js';
import { formatNumber } from '../../shared/format.js';

export function ClassificationDecisions({ body }: { body: ClassificationBody }) {
  const t = useT();
  const th = body.thresholds;
  const pos = th.tau_pos;
  const neg = th.tau_neg;
  const confidence = formatNumber(th.confidence);
  const c = body.confusion;
  const tw = body.three_way;
  const actual = (label: string) => t('class.actual', { label });
  return (
    <>
      <h3 id="class-thresholds">{t('class.thresholds')}</h3>
      <ul className="metric-cards" aria-labelledby="class-thresholds">
        <li className="metric-card" data-metric="tau_pos" data-feasible={pos.feasible}>
          <span className="metric-scope">
            {t('class.tauPos.help', { value: formatNumber(pos.value), alpha: th.alpha, confidence })}
          </span>
          <span className="metric-name">τ+</span>
          <span className="metric-value">{formatNumber(pos.value)}</span>
          {!pos.feasible && <span className="metric-scope">{t('class.infeasible')}</span>}
        </li>
        <li className="metric-card" data-metric="tau_neg" data-feasible={neg.feasible}>
          <span className="metric-scope">
            {t('class.tauNeg.help', { value: formatNumber(neg.value), beta: th.beta, confidence })}
          </span>
          <span className="metric-name">τ−</span>
          <span className="metric-value">{formatNumber(neg.value)}</span>
          {!neg.feasible && <span className="metric-scope">{t('class.infeasible')}</span>}
        </li>
      </ul>
      {neg.value < pos.value && (
        <p className="help">
          {t('class.gray', { neg: formatNumber(neg.value), pos: formatNumber(pos.value) })}
        </p>
      )}
      <p className="help" data-testid="class-ood">
        {body.ood.available
          ? t('class.ood', {
              threshold: formatNumber(body.ood.threshold),
              columns: body.ood.columns.join(', '),
              flagged: body.ood.n_flagged,
            })
          : t('class.oodNone', { reason: body.ood.reason ?? '—' })}
      </p>
      <DataTable
        title={t('class.decisions')}
        tableId="class-three-way"
        fileName={`${body.target}_decisions`}
        columns={[
          { key: 'decision', label: t('class.decision'), value: (r) => r.decision },
          { key: 'positive', label: actual(body.positive_label), numeric: true, value: (r) => r.positive },
          { key: 'negative', label: actual(body.negative_label), numeric: true, value: (r) => r.negative },
        ]}
        rows={(['p', 'n', 'gray'] as const).map((d) => ({
          decision: d === 'gray' ? 'gray' : d.toUpperCase(),
          ...tw[d],
        }))}
      />
      <DataTable
        title={t('class.confusion')}
        tableId="class-confusion"
        fileName={`${body.target}_confusion`}
        columns={[
          { key: 'actual', label: t('class.decision'), value: (r) => r.actual },
          {
            key: 'p',
            label: t('class.predicted', { label: body.positive_label }),
            numeric: true,
            value: (r) => r.p,
          },
          { key: 'other', label: t('class.notPositive'), numeric: true, value: (r) => r.other },
        ]}
        rows={[
          { actual: actual(body.positive_label), p: c.tp, other: c.fn },
          { actual: actual(body.negative_label), p: c.fp, other: c.tn },
        ]}
      />
    </>
  );
}
