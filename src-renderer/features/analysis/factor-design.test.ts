import { describe, expect, it } from 'vitest';
import { OptimizationParameters } from '../../../src-shared/api/job-types.js';
import {
  emptyFactor,
  factorDesignParameters,
  gridPointCount,
  headerOnlyCsv,
  levelCount,
  parseNumberText,
  splitList,
  validateFactorDesign,
} from './factor-design.js';
import type { FactorDesignDraft, FactorDraft } from './factor-design.js';

const row = (patch: Partial<FactorDraft>): FactorDraft => ({ ...emptyFactor(), ...patch });
const design = (factors: FactorDraft[], patch: Partial<FactorDesignDraft> = {}): FactorDesignDraft => ({
  factors,
  groups: [],
  constraints: '',
  useDataSet: true,
  ...patch,
});

describe('factor design', () => {
  it('reads full-width digits and Japanese commas', () => {
    expect(parseNumberText('１２．５')).toBe(12.5);
    expect(parseNumberText('－３')).toBe(-3);
    expect(parseNumberText('−0.5')).toBe(-0.5);
    expect(parseNumberText(' ')).toBeNull();
    expect(parseNumberText('abc')).toBeNaN();
    expect(splitList('500、１０００，2000, ,')).toEqual(['500', '１０００', '2000']);
  });

  it('counts levels as the server does', () => {
    expect(levelCount(row({ min: '0.1', max: '0.3', step: '0.1' }))).toBe(3);
    expect(levelCount(row({ min: '500', max: '2000', step: '500' }))).toBe(4);
    expect(levelCount(row({ mode: 'list', levels: '1, 2, ２' }))).toBe(2);
    expect(levelCount(row({ type: 'categorical', levels: 'Steel、Alumi' }))).toBe(2);
    expect(levelCount(row({ min: '5', max: '1', step: '1' }))).toBeNull();
    const d = design(
      [row({ name: 'x', min: '0', max: '10', step: '1' }), row({ name: 'y', mode: 'list', levels: '1,2' })],
      { groups: ['A11, A13, A21, A32'] },
    );
    expect(gridPointCount(d)).toBe(11 * 2 * 4);
    expect(gridPointCount(design([row({ name: 'x' })]))).toBeNull();
  });

  it('builds the factors, one-hot groups and constraints parameters', () => {
    const d = design(
      [
        row({ name: ' 送り速度 ', min: '５００', max: '2000', step: '500' }),
        row({ name: '材料', type: 'categorical', levels: 'Steel、Alumi' }),
        row({ name: 'パス数', mode: 'list', levels: '1、２' }),
      ],
      { groups: ['A11, A13', ''], constraints: '送り速度 * パス数 <= 9000\n\n' },
    );
    expect(validateFactorDesign(d)).toEqual([]);
    const params = factorDesignParameters(d);
    expect(params).toEqual({
      factors: [
        { name: '送り速度', min: 500, max: 2000, step: 500 },
        { name: '材料', type: 'categorical', levels: ['Steel', 'Alumi'] },
        { name: 'パス数', levels: [1, 2] },
      ],
      one_hot_groups: [['A11', 'A13']],
      constraints: ['送り速度 * パス数 <= 9000'],
    });
    expect(OptimizationParameters.safeParse(params).success).toBe(true);
  });

  it('reports each problem with its row and field', () => {
    const problems = validateFactorDesign(
      design(
        [
          row({ name: '', min: '1', max: '1', step: '0' }),
          row({ name: 'x', min: 'a', max: '2', step: '1' }),
          row({ name: 'x', mode: 'list', levels: '1, two' }),
          row({ name: 'c', type: 'categorical', levels: ' 、 ' }),
        ],
        { groups: ['A11'] },
      ),
    );
    expect(problems).toEqual([
      { field: 'one_hot_groups.0', code: 'group_too_small', row: 1 },
      { field: 'factors.0.name', code: 'factor_name_required', row: 1, part: 'name' },
      { field: 'factors.0.max', code: 'factor_min_not_below_max', row: 1, part: 'max' },
      { field: 'factors.0.step', code: 'factor_step_not_positive', row: 1, part: 'step' },
      { field: 'factors.1.min', code: 'factor_not_a_number', row: 2, part: 'min' },
      { field: 'factors.2.name', code: 'factor_name_duplicate', row: 3, part: 'name', value: 'x' },
      { field: 'factors.2.levels', code: 'factor_level_not_numeric', row: 3, part: 'levels', value: 'two' },
      { field: 'factors.3.levels', code: 'factor_levels_required', row: 4, part: 'levels' },
    ]);
    expect(validateFactorDesign(design([]))).toEqual([
      { field: 'factors', code: 'factor_rows_required', row: 0 },
    ]);
  });

  it('makes the header-only "no existing runs" file: group members first', async () => {
    const file = headerOnlyCsv(
      design([row({ name: '送り速度' }), row({ name: 'a,b' })], { groups: ['A11、A13'] }),
    );
    expect(file.name).toBe('no-existing-runs.csv');
    expect(await file.text()).toBe('A11,A13,送り速度,"a,b"\n');
  });
});
