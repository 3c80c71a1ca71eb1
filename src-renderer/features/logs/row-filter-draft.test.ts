import { describe, expect, it } from 'vitest';
import { draftToFilter, emptyDraft, filterToDraft, isEmptyFilter, parseBound } from './row-filter-draft.js';

describe('draftToFilter', () => {
  it('keeps every row when nothing is filled in (both statuses count as none)', () => {
    const { filter, problems } = draftToFilter({ ...emptyDraft(), status: ['planned', 'done'] });
    expect(filter).toEqual({});
    expect(problems).toEqual([]);
    expect(isEmptyFilter(filter)).toBe(true);
  });

  it('sends only the bounds typed: either side of a date or a range may stay open', () => {
    const { filter } = draftToFilter({
      ...emptyDraft(),
      dateTo: '2026-11-30',
      ranges: {
        送り速度: { min: '1000', max: '' },
        上面ダレ量: { min: '', max: '0.3' },
        切込量: { min: '', max: '' },
      },
    });
    expect(filter).toEqual({
      date: { to: '2026-11-30' },
      ranges: [
        { column: '送り速度', min: 1000 },
        { column: '上面ダレ量', max: 0.3 },
      ],
    });
  });

  it('reads full-width digits and a full-width minus, and names a box that is not a number or an inverted range', () => {
    expect(parseBound('１２３．５')).toBe(123.5);
    expect(parseBound('−2')).toBe(-2);
    expect(parseBound('abc')).toBe('invalid');
    const { problems } = draftToFilter({
      ...emptyDraft(),
      dateFrom: '2026-12-01',
      dateTo: '2026-11-01',
      ranges: { a: { min: 'x', max: '' }, b: { min: '5', max: '1' } },
    });
    expect(problems).toEqual([
      { field: 'date', code: 'date_order' },
      { field: 'range:a', code: 'not_a_number' },
      { field: 'range:b', code: 'min_above_max' },
    ]);
  });

  it('round-trips a saved filter through the panel state', () => {
    const filter = {
      date: { from: '2026-01-01' },
      categories: [{ column: '材料', values: ['Steel', 15] }],
      ranges: [{ column: '送り速度', min: 500, max: 4000 }],
      one_hot: [{ group: 'ブラシ', columns: ['A11', 'A13'] }],
      status: ['done' as const],
    };
    expect(draftToFilter(filterToDraft(filter)).filter).toEqual(filter);
  });
});
