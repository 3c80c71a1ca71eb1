/**
 * Import and filter together: rows whose dates arrive as text, as Excel serial numbers and as ISO strings are
 * stored as one kind of date, so a date filter (and a numeric one) with open bounds treats them alike.
 */
import { describe, expect, it } from 'vitest';
import type { RowFilter } from '../../src-shared/logs/experiment-log-api.js';
import { brushRun, tableOfRecords } from './experiment-log.testing.js';
import { BRUSH_DEBURRING_PROFILE as profile, matchesFilter, planImport } from './index.js';

// 2025-10-01 as Japanese text, 2025-10-15 as an Excel serial (45945), 2025-10-31 as ISO with a time.
const arrivals = [
  { 実験日: '2025年10月1日', 回転速度: 1000 },
  { 実験日: '45945', 回転速度: 4000 },
  { 実験日: '2025-10-31T13:30:00', 回転速度: 8000 },
];

function importedRows() {
  const table = tableOfRecords(arrivals.map((a, i) => brushRun({ ...a, パス数: i + 1 })));
  const plan = planImport({ profile, keyColumns: profile.key_columns, table, existing: [] });
  expect(plan.counts).toEqual({ insert: 3, update: 0, unchanged: 0, rejected: 0 });
  return plan.inserts;
}

const kept = (filter: RowFilter) =>
  importedRows().flatMap((r, i) => (matchesFilter(profile, r, filter) ? [i] : []));

describe('filters over imported dates of every form', () => {
  it('stores the three forms as ISO dates', () => {
    expect(importedRows().map((r) => r.values['実験日'])).toEqual([
      '2025-10-01',
      '2025-10-15',
      '2025-10-31T13:30:00',
    ]);
  });

  it('date range: both bounds, only from, only to, neither', () => {
    expect(kept({ date: { from: '2025-10-01', to: '2025-10-15' } })).toEqual([0, 1]);
    expect(kept({ date: { from: '2025-10-15' } })).toEqual([1, 2]);
    expect(kept({ date: { to: '2025-10-30' } })).toEqual([0, 1]);
    expect(kept({ date: { to: '2025-10-31' } })).toEqual([0, 1, 2]);
    expect(kept({ date: {} })).toEqual([0, 1, 2]);
  });

  it('numeric range with open bounds, combined with a date bound', () => {
    expect(kept({ ranges: [{ column: '回転速度', min: 4000 }] })).toEqual([1, 2]);
    expect(kept({ ranges: [{ column: '回転速度', max: 4000 }] })).toEqual([0, 1]);
    expect(kept({ ranges: [{ column: '回転速度' }] })).toEqual([0, 1, 2]);
    expect(kept({ ranges: [{ column: '回転速度', max: 4000 }], date: { from: '2025-10-02' } })).toEqual([1]);
  });
});
