import { describe, expect, it } from 'vitest';
import {
  ConstraintError,
  compileConstraint,
  parseConstraint,
  type ConstraintColumn,
} from './constraint-expression.js';

const COLUMNS: Record<string, ConstraintColumn> = {
  送り速度: { kind: 'numeric', slot: 0 },
  パス数: { kind: 'numeric', slot: 1 },
  '面粗度(Ra)前': { kind: 'numeric', slot: 2 },
  材料: { kind: 'categorical', slot: 0, levels: ['SUS', 'AL'] },
};
const known = Object.keys(COLUMNS);

function predicate(text: string) {
  return compileConstraint(parseConstraint(text), (n) => COLUMNS[n], known);
}
function holds(text: string, x: number[], material = 0): boolean {
  return predicate(text)(Float64Array.from(x), Int32Array.of(material));
}
function error(text: string): ConstraintError {
  try {
    predicate(text);
  } catch (err) {
    if (err instanceof ConstraintError) return err;
    throw err;
  }
  throw new Error(`no error for ${text}`);
}

describe('constraint expressions: valid', () => {
  it.each([
    ['送り速度 * パス数 <= 9000', [3000, 3, 0], true],
    ['送り速度 * パス数 <= 9000', [3000, 4, 0], false],
    ['送り速度 * パス数 < 9000', [3000, 3, 0], false],
    ['2 ^ 3 == 8', [0, 0, 0], true],
    ['-2 ^ 2 == -4', [0, 0, 0], true],
    ['2 ^ -1 == 0.5', [0, 0, 0], true],
    ['2 ^ 3 ^ 2 == 512', [0, 0, 0], true],
    ['(1 + 2) * 3 == 9 and 1 + 2 * 3 == 7', [0, 0, 0], true],
    ['10 / 4 - 1 >= 1.5', [0, 0, 0], true],
    ['0 <= パス数 < 5', [0, 4, 0], true],
    ['0 <= パス数 < 5', [0, 5, 0], false],
    ['not パス数 > 3 or 送り速度 == 1', [1, 10, 0], true],
    ['not (パス数 > 3 or 送り速度 == 1)', [1, 10, 0], false],
    ['パス数 > 3 and 送り速度 > 3 or 送り速度 == 1', [1, 0, 0], true],
    ['`面粗度(Ra)前` != 0.5', [0, 0, 0.25], true],
    ['パス数 ≤ 2 && パス数 ≠ 1', [0, 2, 0], true],
    ['1e3 = 1000', [0, 0, 0], true],
    ['送り速度 / パス数 > 1', [1, 0, 0], true],
    ['0 / パス数 > -1', [0, 0, 0], false],
  ])('%s with %j is %s', (text, x, expected) => {
    expect(holds(text, x)).toBe(expected);
  });

  it('compares a categorical column with a text', () => {
    expect(holds("材料 == 'AL'", [0, 0, 0], 1)).toBe(true);
    expect(holds('材料 != "AL"', [0, 0, 0], 1)).toBe(false);
    expect(holds("材料 == 'SUS' or パス数 > 2", [0, 3, 0], 1)).toBe(true);
  });

  it('lists the columns used in order of first appearance', () => {
    expect(parseConstraint('パス数 * 送り速度 + パス数 <= 1').columns).toEqual(['パス数', '送り速度']);
  });
});

describe('constraint expressions: errors name the position and the cause', () => {
  it.each([
    ['', /empty/, 0],
    ['送り速度 * <= 3', /expected a value at character 8, found '<='/, 7],
    ['送り速度 <= ', /ends too early/, 8],
    ['(送り速度 <= 3', /expected '\)' at character 11 to close the '\(' at character 1/, 10],
    ['送り速度 <= 3)', /unexpected '\)' at character 10/, 9],
    [
      '温度 <= 3',
      /unknown column '温度' at character 1; known columns: 送り速度, パス数, 面粗度\(Ra\)前, 材料/,
      0,
    ],
    ['面粗度(Ra)前 > 1', /unexpected '\(' at character 4.*written in backticks/, 3],
    ['`送り速度 <= 3', /unclosed backtick at character 1/, 0],
    ['送り速度 # 3', /unexpected character '#' at character 6/, 5],
    ['送り速度 * 2', /must be a condition/, 0],
    ['3パス数 > 1', /number runs into a name at character 1/, 0],
    ['材料 < 3', /cannot order the categorical column '材料'|compares numbers/, 0],
    ["材料 == 'CU'", /'CU' at character 7 is not a level of '材料' \(levels: SUS, AL\)/, 6],
    ['パス数 + 材料 > 1', /'\+' at character 7 needs a number, found the categorical column '材料'/, 6],
    ['パス数 > 1 and 3', /'and' at character 13 needs a condition, found a number/, 12],
    ['not 3', /'not' at character 5 needs a condition/, 4],
    ['パス数 > and', /found the keyword 'and'/, 6],
  ])('%j', (text, message, position) => {
    const err = error(text);
    expect(err.message).toMatch(message);
    expect(err.position).toBe(position);
  });

  it('never evaluates JavaScript', () => {
    expect(error('constructor.constructor("return 1")() > 0').message).toMatch(
      /unknown column 'constructor'|unexpected/,
    );
    expect(error('process > 0').message).toMatch(/unknown column 'process'/);
  });
});
