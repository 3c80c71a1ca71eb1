import { describe, expect, it } from 'vitest';
import type { CellValue, RowFilter, RowStatus } from '../../src-shared/logs/experiment-log-api.js';
import { DomainProfile } from '../../src-shared/logs/domain-profile.js';
import { BRUSH_DEBURRING_PROFILE as profile, filterProblems, matchesFilter } from './index.js';

const row = (values: Record<string, CellValue>, status: RowStatus = 'done') => ({ status, values });

/** Which of the rows a filter keeps, by index. */
function kept(rows: ReadonlyArray<ReturnType<typeof row>>, filter: RowFilter): number[] {
  return rows.flatMap((r, i) => (matchesFilter(profile, r, filter) ? [i] : []));
}

describe('matchesFilter', () => {
  it('keeps every row for an empty filter', () => {
    expect(matchesFilter(profile, row({}), {})).toBe(true);
  });

  it('filters by date, inclusive by ISO day, with open bounds; rows without a date are excluded', () => {
    const rows = [
      row({ 実験日: '2025-10-01' }),
      row({ 実験日: '2025-10-15T13:30:00' }),
      row({ 実験日: '2025-10-31' }),
      row({ 実験日: null }, 'planned'),
      row({}),
    ];
    expect(kept(rows, { date: { from: '2025-10-15', to: '2025-10-31' } })).toEqual([1, 2]);
    expect(kept(rows, { date: { from: '2025-10-15' } })).toEqual([1, 2]);
    expect(kept(rows, { date: { to: '2025-10-15' } })).toEqual([0, 1]);
    expect(kept(rows, { date: {} })).toEqual([0, 1, 2]);
  });

  it('filters numeric ranges with inclusive, open bounds; missing and non-numeric values are excluded', () => {
    const rows = [
      row({ 回転速度: 1000 }),
      row({ 回転速度: 4000 }),
      row({ 回転速度: 8000 }),
      row({ 回転速度: null }),
      row({ 回転速度: 'fast' }),
    ];
    const range = (min?: number, max?: number): RowFilter => ({
      ranges: [
        { column: '回転速度', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) },
      ],
    });
    expect(kept(rows, range(4000, 8000))).toEqual([1, 2]);
    expect(kept(rows, range(4000))).toEqual([1, 2]);
    expect(kept(rows, range(undefined, 4000))).toEqual([0, 1]);
    expect(kept(rows, range())).toEqual([0, 1, 2]);
  });

  it('compares categories by value: a stored number matches filter text and the reverse', () => {
    const rows = [row({ 直径: 15 }), row({ 直径: '15' }), row({ 直径: 6 }), row({ 材料: 'Steel' })];
    expect(kept(rows, { categories: [{ column: '直径', values: ['15'] }] })).toEqual([0, 1]);
    expect(kept(rows, { categories: [{ column: '直径', values: [15.0, 6] }] })).toEqual([0, 1, 2]);
    expect(kept(rows, { categories: [{ column: '材料', values: ['Ｓｔｅｅｌ'] }] })).toEqual([3]);
  });

  it('ORs members within a one-hot clause and ANDs across clauses', () => {
    const brush = (b: string) =>
      Object.fromEntries(['A13', 'A11', 'A21', 'A32'].map((c) => [c, c === b ? 1 : 0]));
    const rows = [row(brush('A13')), row(brush('A11')), row(brush('A21')), row(brush('A32'))];
    expect(kept(rows, { one_hot: [{ group: 'ブラシ', columns: ['A13', 'A21'] }] })).toEqual([0, 2]);
    expect(
      kept(rows, {
        one_hot: [
          { group: 'ブラシ', columns: ['A13', 'A21'] },
          { group: 'ブラシ', columns: ['A21', 'A32'] },
        ],
      }),
    ).toEqual([2]);
  });

  it('filters by status and ANDs all clauses', () => {
    const rows = [row({ 回転速度: 4000 }, 'planned'), row({ 回転速度: 4000 }), row({ 回転速度: 2000 })];
    expect(kept(rows, { status: ['planned'] })).toEqual([0]);
    expect(kept(rows, { status: ['done'], ranges: [{ column: '回転速度', min: 3000 }] })).toEqual([1]);
  });

  it('resolves column aliases in clauses', () => {
    expect(
      matchesFilter(profile, row({ 上面ダレ量: 0.3 }), { ranges: [{ column: '上面ダレ', max: 0.5 }] }),
    ).toBe(true);
  });
});

describe('filterProblems', () => {
  it('accepts a usable filter', () => {
    expect(
      filterProblems(profile, {
        date: { from: '2025-01-01', to: '2025-12-31' },
        categories: [{ column: '材料', values: ['Steel'] }],
        ranges: [{ column: '加工時間', min: 1, max: 2 }],
        one_hot: [{ group: 'ブラシ', columns: ['A11'] }],
        status: ['done'],
      }),
    ).toEqual([]);
  });

  it('reports unknown columns and groups, non-members, reversed bounds and ranges over non-numbers', () => {
    const problems = filterProblems(profile, {
      date: { from: '2025-12-31', to: '2025-01-01' },
      categories: [{ column: 'colour', values: ['red'] }],
      ranges: [
        { column: 'speed', min: 1 },
        { column: '回転速度', min: 9, max: 1 },
        { column: '実験日', min: 1 },
      ],
      one_hot: [
        { group: 'brush', columns: ['A11'] },
        { group: 'ブラシ', columns: ['A11', '直径'] },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'date.from',
      'categories[0].column',
      'ranges[0].column',
      'ranges[1].min',
      'ranges[2].column',
      'one_hot[0].group',
      'one_hot[1].columns[1]',
    ]);
    expect(problems[1]!.message).toContain("'colour'");
  });

  it('reports a date filter when the profile has no date column', () => {
    const noDate = DomainProfile.parse({
      id: 'plain',
      version: 1,
      name: { ja: 'plain', en: 'plain' },
      columns: [{ name: 'x', type: 'number', role: 'factor' }],
      key_columns: ['x'],
    });
    expect(filterProblems(noDate, { date: { from: '2025-01-01' } })).toEqual([
      { path: 'date', message: "profile 'plain' has no date column to filter by" },
    ]);
    expect(matchesFilter(noDate, row({ x: 1 }), { date: { from: '2025-01-01' } })).toBe(false);
  });
});
