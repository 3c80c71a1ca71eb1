/**
 * A filter in words, for the places that show which rows a job or an input holds ("実験日 2026-11-20 〜; 状態:
 * 実施済み; 送り速度 ≥ 1000"): the same clauses the filter panel sets, with open bounds left open.
 */
import type { RowFilter } from '../../../src-shared/logs/experiment-log-api.js';
import type { Translate } from '../../i18n/useT.js';

function bounds(t: Translate, min: string | number | undefined, max: string | number | undefined): string {
  if (min !== undefined && max !== undefined) return t('logs.summary.between', { min, max });
  if (min !== undefined) return t('logs.summary.atLeast', { min });
  return t('logs.summary.atMost', { max: max ?? '' });
}

export function describeFilter(t: Translate, filter: RowFilter): string {
  const parts: string[] = [];
  if (filter.date && (filter.date.from || filter.date.to)) {
    parts.push(`${t('logs.summary.date')} ${bounds(t, filter.date.from, filter.date.to)}`);
  }
  if (filter.status?.length) {
    parts.push(`${t('logs.filter.status')}: ${filter.status.map((s) => t(`logs.status.${s}`)).join(' / ')}`);
  }
  for (const g of filter.one_hot ?? []) parts.push(`${g.group}: ${g.columns.join(' / ')}`);
  for (const c of filter.categories ?? []) parts.push(`${c.column}: ${c.values.join(' / ')}`);
  for (const r of filter.ranges ?? []) parts.push(`${r.column} ${bounds(t, r.min, r.max)}`);
  return parts.length > 0 ? parts.join('; ') : t('logs.summary.all');
}
