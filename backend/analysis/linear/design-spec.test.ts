import { describe, expect, it } from 'vitest';
import {
  buildDesign,
  compareCodePoints,
  designSpec,
  FormulaError,
  termSource,
  termValues,
  type ColumnData,
  type DesignSpec,
} from './design-spec.js';

const data: ColumnData = {
  numeric: {
    温度: Float64Array.from([10, 20, 30, 40]),
    圧力: Float64Array.from([1, 3, 2, 6]),
  },
  text: {
    材料: ['Steel', 'Alumi', 'Steel', 'Brass'],
  },
};
const RAW = { intercept: true, standardize: false };

/** Row i of a column-major n×p matrix. */
function row(x: Float64Array, n: number, i: number): number[] {
  return Array.from({ length: x.length / n }, (_, j) => x[i + j * n]!);
}

/** The input row i as termValues takes it. */
function record(d: ColumnData, i: number): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const [k, v] of Object.entries(d.numeric)) out[k] = v[i]!;
  for (const [k, v] of Object.entries(d.text)) out[k] = v[i]!;
  return out;
}

describe('designSpec presets', () => {
  it('linear: intercept, numeric columns, one column per non-reference level', () => {
    const spec = designSpec('linear', ['温度', '材料', '圧力'], data, RAW);
    expect(spec.terms.map((t) => t.name)).toEqual([
      '(Intercept)',
      '温度',
      '材料[Brass]',
      '材料[Steel]',
      '圧力',
    ]);
    expect(spec.categorical).toEqual({ 材料: { levels: ['Alumi', 'Brass', 'Steel'], reference: 'Alumi' } });
    expect(spec.coding).toBeNull();
    expect(spec.terms[2]!.factors).toEqual([{ kind: 'level', column: '材料', level: 'Brass' }]);
  });

  it('interactions: main effects, then every pair, levels expanded', () => {
    const spec = designSpec('interactions', ['温度', '材料', '圧力'], data, { ...RAW, intercept: false });
    expect(spec.terms.map((t) => t.name)).toEqual([
      '温度',
      '材料[Brass]',
      '材料[Steel]',
      '圧力',
      '温度:材料[Brass]',
      '温度:材料[Steel]',
      '温度:圧力',
      '材料[Brass]:圧力',
      '材料[Steel]:圧力',
    ]);
  });

  it('quadratic: adds squares of numeric columns only', () => {
    const spec = designSpec('quadratic', ['温度', '材料', '圧力'], data, RAW);
    expect(spec.terms.map((t) => t.name).slice(-2)).toEqual(['温度^2', '圧力^2']);
    expect(spec.terms).toHaveLength(1 + 4 + 5 + 2);
  });

  it('text × text interactions pair the non-reference levels', () => {
    const d: ColumnData = { numeric: {}, text: { A: ['p', 'q', 'r', 'p'], B: ['u', 'v', 'u', 'v'] } };
    const spec = designSpec('interactions', ['A', 'B'], d, RAW);
    expect(spec.terms.map((t) => t.name)).toEqual([
      '(Intercept)',
      'A[q]',
      'A[r]',
      'B[v]',
      'A[q]:B[v]',
      'A[r]:B[v]',
    ]);
    expect(row(buildDesign(spec, d, 4), 4, 1)).toEqual([1, 1, 0, 1, 1, 0]);
  });
});

describe('designSpec formulas', () => {
  it('expands a text column inside an interaction to one term per non-reference level', () => {
    const spec = designSpec('材料:温度 + 圧力^2', ['温度', '材料', '圧力'], data, RAW);
    expect(spec.terms.map((t) => t.name)).toEqual([
      '(Intercept)',
      '材料[Brass]:温度',
      '材料[Steel]:温度',
      '圧力^2',
    ]);
    expect(spec.terms.map(termSource)).toEqual(['(Intercept)', '材料:温度', '材料:温度', '圧力^2']);
    // Only the columns the formula uses are described.
    expect(Object.keys(spec.categorical)).toEqual(['材料']);
  });

  it('lets the formula override the intercept setting', () => {
    expect(designSpec('温度 - 1', ['温度'], data, RAW).terms.map((t) => t.name)).toEqual(['温度']);
    expect(designSpec('1 + 温度', ['温度'], data, { ...RAW, intercept: false }).terms[0]!.name).toBe(
      '(Intercept)',
    );
  });

  it('only accepts the listed features in a formula', () => {
    expect(() => designSpec('温度 + 圧力', ['温度'], data, RAW)).toThrow(FormulaError);
    expect(() => designSpec('温度 + 圧力', ['温度'], data, RAW)).toThrow(
      "unknown column '圧力' at character 6 (columns: 温度)",
    );
  });

  it('reaches a column named like a preset with backticks', () => {
    const d: ColumnData = { numeric: { linear: Float64Array.from([1, 2]) }, text: {} };
    expect(designSpec('`linear`', ['linear'], d, RAW).terms.map((t) => t.name)).toEqual([
      '(Intercept)',
      'linear',
    ]);
  });

  it('rejects caller errors with RangeError', () => {
    expect(() => designSpec('linear', ['nope'], data, RAW)).toThrow(RangeError);
    expect(() => designSpec('linear', ['温度', '温度'], data, RAW)).toThrow("feature '温度' is listed twice");
    const empty: ColumnData = { numeric: {}, text: { T: [null, null] } };
    expect(() => designSpec('linear', ['T'], empty, RAW)).toThrow("text column 'T' has no values");
  });

  it('handles column names that are Object.prototype keys', () => {
    const d: ColumnData = { numeric: { constructor: Float64Array.from([1, 2, 3]) }, text: {} };
    Object.defineProperty(d.text, '__proto__', { value: ['b', 'a', 'b'], enumerable: true });
    const spec = designSpec('constructor:`__proto__`', ['constructor', '__proto__'], d, RAW);
    expect(spec.terms.map((t) => t.name)).toEqual(['(Intercept)', 'constructor:__proto__[b]']);
    expect(Array.from(buildDesign(spec, d, 3))).toEqual([1, 1, 1, 1, 0, 3]);
    expect(() => designSpec('toString', ['constructor'], d, RAW)).toThrow("unknown column 'toString'");
  });
});

describe('buildDesign and termValues', () => {
  it('one-hot codes against the reference level and multiplies factors', () => {
    const spec = designSpec('材料*温度 + 圧力^3', ['温度', '材料', '圧力'], data, RAW);
    expect(spec.terms.map((t) => t.name)).toEqual([
      '(Intercept)',
      '材料[Brass]',
      '材料[Steel]',
      '温度',
      '材料[Brass]:温度',
      '材料[Steel]:温度',
      '圧力^3',
    ]);
    const x = buildDesign(spec, data, 4);
    expect(row(x, 4, 0)).toEqual([1, 0, 1, 10, 0, 10, 1]);
    expect(row(x, 4, 1)).toEqual([1, 0, 0, 20, 0, 0, 27]); // Alumi: the reference, no column
    expect(row(x, 4, 3)).toEqual([1, 1, 0, 40, 40, 0, 216]);
  });

  it('codes numeric columns as (x − mean)/population SD before powers and products', () => {
    const spec = designSpec('温度 + 温度^2 + 温度:圧力', ['温度', '圧力'], data, {
      intercept: true,
      standardize: true,
    });
    const t = spec.coding!['温度']!;
    const pr = spec.coding!['圧力']!;
    expect(t.center).toBe(25);
    expect(t.scale).toBeCloseTo(Math.sqrt(125), 14);
    expect(pr.center).toBe(3);
    expect(pr.scale).toBeCloseTo(Math.sqrt(3.5), 14);
    const x = buildDesign(spec, data, 4);
    const z = (10 - 25) / t.scale;
    expect(row(x, 4, 0)).toEqual([1, z, z * z, z * ((1 - 3) / pr.scale)]);
  });

  it('gives a constant column scale 1 rather than dividing by zero', () => {
    const d: ColumnData = { numeric: { c: Float64Array.from([5, 5, 5]) }, text: {} };
    const spec = designSpec('linear', ['c'], d, { intercept: true, standardize: true });
    expect(spec.coding).toEqual({ c: { center: 5, scale: 1 } });
    expect(Array.from(buildDesign(spec, d, 3))).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('termValues reproduces every row of buildDesign bit for bit', () => {
    for (const model of ['quadratic', '材料*温度*圧力 + 温度^4']) {
      for (const standardize of [false, true]) {
        const spec = designSpec(model, ['温度', '材料', '圧力'], data, { intercept: true, standardize });
        const x = buildDesign(spec, data, 4);
        for (let i = 0; i < 4; i++)
          expect(Array.from(termValues(spec, record(data, i)))).toEqual(row(x, 4, i));
      }
    }
  });

  it('survives a JSON round trip of the spec (it is stored with the model)', () => {
    const spec = designSpec('quadratic', ['温度', '材料', '圧力'], data, {
      intercept: true,
      standardize: true,
    });
    const copy = JSON.parse(JSON.stringify(spec)) as DesignSpec;
    expect(buildDesign(copy, data, 4)).toEqual(buildDesign(spec, data, 4));
  });

  it('marks missing values and unknown levels with NaN (special values: NaN, null, unseen level, text number)', () => {
    const spec = designSpec('材料 + 温度', ['温度', '材料'], data, RAW);
    const d: ColumnData = {
      numeric: { 温度: Float64Array.from([Number.NaN, 1, 2]) },
      text: { 材料: ['Steel', null, 'Titan'] },
    };
    const x = buildDesign(spec, d, 3);
    expect(row(x, 3, 0)).toEqual([1, 0, 1, Number.NaN]);
    expect(row(x, 3, 1)).toEqual([1, Number.NaN, Number.NaN, 1]);
    expect(row(x, 3, 2)).toEqual([1, Number.NaN, Number.NaN, 2]);
    expect(Array.from(termValues(spec, { 材料: 'Brass', 温度: ' 12.5 ' }))).toEqual([1, 1, 0, 12.5]);
    expect(Array.from(termValues(spec, { 材料: 'Brass', 温度: '' }))).toEqual([1, 1, 0, Number.NaN]);
    expect(Array.from(termValues(spec, { 温度: 3 }))).toEqual([1, Number.NaN, Number.NaN, 3]);
  });

  it('checks column lengths', () => {
    const spec = designSpec('linear', ['温度'], data, RAW);
    expect(() => buildDesign(spec, data, 5)).toThrow("numeric column '温度' missing or not of length 5");
  });
});

describe('compareCodePoints', () => {
  it('sorts by code point like Python, not by UTF-16 unit', () => {
    // U+FF21 (full-width A) is above U+1D400 in UTF-16 units but below it in code points.
    expect(['\u{1D400}', '\uFF21', 'B', 'a', 'アルミ', '鋼'].sort(compareCodePoints)).toEqual([
      'B',
      'a',
      'アルミ',
      '鋼',
      '\uFF21',
      '\u{1D400}',
    ]);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('', '')).toBe(0);
  });
});
