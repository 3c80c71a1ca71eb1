import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/messages.js';
import type { Translate } from '../../i18n/useT.js';
import { describeFilter } from './filter-summary.js';

const en: Translate = (key, values) => translate('en', key, values);
const ja: Translate = (key, values) => translate('ja', key, values);

describe('describeFilter', () => {
  it('says every clause, with open bounds left open', () => {
    const filter = {
      date: { from: '2026-11-20' },
      status: ['done' as const],
      one_hot: [{ group: 'ブラシ', columns: ['A11', 'A21'] }],
      categories: [{ column: '材料', values: ['Steel'] }],
      ranges: [
        { column: '送り速度', min: 500, max: 2000 },
        { column: '上面ダレ量', max: 0.3 },
      ],
    };
    expect(describeFilter(en, filter)).toBe(
      'Run date ≥ 2026-11-20; Status: Done; ブラシ: A11 / A21; 材料: Steel; 送り速度 500 to 2000; 上面ダレ量 ≤ 0.3',
    );
    expect(describeFilter(ja, { date: { to: '2026-11-30' } })).toBe('実験日 2026-11-30 以下');
    expect(describeFilter(ja, {})).toBe('すべての行');
  });
});
