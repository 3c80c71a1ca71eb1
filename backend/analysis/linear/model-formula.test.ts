import { describe, expect, it } from 'vitest';
import { FormulaError, parseFormula, type ColumnKind, type FormulaTerm } from './model-formula.js';

const columns = new Map<string, ColumnKind>([
  ['温度', 'numeric'],
  ['圧力', 'numeric'],
  ['材料', 'text'],
  ['面粗度(Ra)前', 'numeric'],
  ['a b', 'numeric'],
  ['x-1', 'numeric'],
]);

/** The parsed terms as readable strings (`温度:圧力^2`). */
function names(terms: FormulaTerm[]): string[] {
  return terms.map((t) =>
    t.factors.map((f) => (f.power === 1 ? f.column : `${f.column}^${f.power}`)).join(':'),
  );
}

describe('parseFormula: valid formulas', () => {
  it.each<[string, string[], boolean | null]>([
    ['温度', ['温度'], null],
    ['温度 + 圧力 + 温度:圧力 + 温度^2', ['温度', '圧力', '温度:圧力', '温度^2'], null],
    ['温度*圧力', ['温度', '圧力', '温度:圧力'], null],
    [
      '温度*圧力*材料',
      ['温度', '圧力', '材料', '温度:圧力', '温度:材料', '圧力:材料', '温度:圧力:材料'],
      null,
    ],
    // `*` repeats are merged; terms keep the written order.
    ['温度*圧力 + 圧力*材料', ['温度', '圧力', '温度:圧力', '材料', '圧力:材料'], null],
    // `^` binds tighter than `:`, which binds tighter than `*`.
    ['温度:圧力^3', ['温度:圧力^3'], null],
    ['温度^2*圧力', ['温度^2', '圧力', '温度^2:圧力'], null],
    ['材料:温度', ['材料:温度'], null],
    ['`面粗度(Ra)前` + 温度', ['面粗度(Ra)前', '温度'], null],
    ['`a b`:温度', ['a b:温度'], null],
    ['`x-1`', ['x-1'], null],
    ['  温度\u3000+\t圧力  ', ['温度', '圧力'], null],
    ['温度 - 1', ['温度'], false],
    ['-1 + 温度', ['温度'], false],
    ['0 + 温度', ['温度'], false],
    ['1 + 温度', ['温度'], true],
    ['温度 + 1 + 1', ['温度'], true],
  ])('%s', (formula, expected, intercept) => {
    const parsed = parseFormula(formula, columns);
    expect(names(parsed.terms)).toEqual(expected);
    expect(parsed.intercept).toBe(intercept);
  });

  it('accepts a doubled backtick inside a quoted name', () => {
    const parsed = parseFormula('`a``b`', new Map([['a`b', 'numeric']]));
    expect(names(parsed.terms)).toEqual(['a`b']);
  });

  it('records where each term starts', () => {
    expect(parseFormula('温度 + 圧力', columns).terms.map((t) => t.position)).toEqual([0, 5]);
  });
});

describe('parseFormula: errors name the position and the problem', () => {
  it.each<[string, number, string]>([
    ['', 0, 'the model formula is empty'],
    ['   ', 0, 'the model formula is empty'],
    [
      '温度 + 回転数',
      5,
      "unknown column '回転数' at character 6 (columns: 温度, 圧力, 材料, 面粗度(Ra)前, a b, x-1)",
    ],
    ['材料^2', 2, "'材料' is a text column and cannot be raised to a power (at character 3)"],
    ['温度^5', 3, "the power must be an integer from 2 to 4 at character 4, found '5'"],
    ['温度^1', 3, "the power must be an integer from 2 to 4 at character 4, found '1'"],
    ['温度^2.5', 3, "the power must be an integer from 2 to 4 at character 4, found '2.5'"],
    ['温度^', 2, 'the power must be an integer from 2 to 4 at character 3, found the end of the formula'],
    ['温度 + 温度', 5, "duplicate term '温度' at character 6"],
    ['温度*圧力 + 温度:圧力', 8, "duplicate term '温度:圧力' at character 9"],
    ['温度:圧力 + 圧力:温度', 8, "duplicate term '圧力:温度' at character 9"],
    ['1', 0, 'the model formula has no terms (only the intercept setting)'],
    ['-1', 1, 'the model formula has no terms (only the intercept setting)'],
    [
      '温度 - 圧力',
      5,
      "only '-1' (no intercept) may follow '-' at character 6; to leave a term out, do not write it",
    ],
    ['1 + 温度 - 1', 9, "both '1' and '-1' (or '0') are given at character 10"],
    [
      '面粗度(Ra)前',
      3,
      'parentheses are not supported at character 4; write a column name that contains them in backticks, e.g. `面粗度(Ra)前`',
    ],
    ['a b + 温度', 0, 'write a column name that contains spaces in backticks: `a b` (at character 1)'],
    [
      '温度 圧力',
      3,
      "expected an operator (+ : * ^) before '圧力' at character 4; write a column name that contains spaces in backticks",
    ],
    ['温度 +', 3, "expected a term after '+' at character 4"],
    ['+ 温度', 0, "expected a column name at character 1, found '+'"],
    ['温度 ++ 圧力', 4, "expected a column name at character 5, found '+'"],
    ['y ~ 温度', 2, "write only the terms, without the target and '~' (at character 3)"],
    ['`温度', 0, 'unclosed backtick at character 1'],
    ['``', 0, 'empty column name in backticks at character 1'],
    ['温度:温度', 3, "column '温度' appears twice in one term at character 4; write 温度^2 for a square"],
    ['温度^2:温度', 5, "column '温度' appears twice in one term at character 6; write 温度^2 for a square"],
    [
      '温度 * 温度:圧力',
      5,
      "column '温度' appears twice in one term of the product at character 6; write 温度^2 for a square",
    ],
    ['1:温度', 0, "'1' (the intercept) cannot be part of an interaction or power at character 1"],
    ['温度 * 1', 5, "'1' (the intercept) cannot be part of an interaction or power at character 6"],
    ['x-1', 0, "unknown column 'x' at character 1 (columns: 温度, 圧力, 材料, 面粗度(Ra)前, a b, x-1)"],
  ])('%j', (formula, position, message) => {
    let error: unknown;
    try {
      parseFormula(formula, columns);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormulaError);
    expect((error as FormulaError).message).toBe(message);
    expect((error as FormulaError).position).toBe(position);
  });

  it('counts characters by code point and lists at most 20 columns', () => {
    const many = new Map<string, ColumnKind>(Array.from({ length: 25 }, (_, i) => [`c${i}`, 'numeric']));
    many.set('𝑥', 'numeric');
    expect(() => parseFormula('𝑥 + nope', many)).toThrow(
      `unknown column 'nope' at character 5 (columns: ${Array.from({ length: 20 }, (_, i) => `c${i}`).join(', ')}, …)`,
    );
  });

  it('says when there are no columns at all', () => {
    expect(() => parseFormula('温度', new Map())).toThrow(
      "unknown column '温度' at character 1 (there are no feature columns)",
    );
  });
});
