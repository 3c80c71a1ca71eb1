import { describe, it, expect } from 'vitest';
import { classifyCells, isMissing, numberHint, parseNumber } from './cell-values.js';

describe('parseNumber', () => {
  it.each([
    ['1.5', 1.5],
    ['-2', -2],
    ['+3.25', 3.25],
    ['1e3', 1000],
    ['1.2E-3', 0.0012],
    ['.5', 0.5],
    ['5.', 5],
    ['  42  ', 42],
    ['１．５', 1.5],
    ['－１２', -12],
    ['１ｅ２', 100],
  ])('parses %j as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each([
    '1,234',
    '1,5',
    'Infinity',
    '-Infinity',
    'inf',
    '0x10',
    '1_000',
    '1e400',
    'abc',
    '',
    '.',
    '1e',
    '--1',
    '1 2',
  ])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('isMissing', () => {
  it.each(['', '   ', 'NA', 'N/A', '#N/A', 'NaN', 'nan', 'null', 'NULL', ' NA '])(
    'treats %j as missing',
    (text) => {
      expect(isMissing(text)).toBe(true);
    },
  );

  it.each(['na', 'None', '0', '-', 'n/a'])('keeps %j as a value', (text) => {
    expect(isMissing(text)).toBe(false);
  });

  it('treats null as missing', () => {
    expect(isMissing(null)).toBe(true);
  });
});

describe('classifyCells', () => {
  it('is numeric when every present cell parses, with NaN for missing cells', () => {
    const result = classifyCells(['1', null, '２．５']);
    expect(result.kind).toBe('numeric');
    expect(Array.from(result.values!)).toEqual([1, NaN, 2.5]);
    expect(result.missing).toBe(1);
  });

  it('is categorical when one present cell is not a number', () => {
    expect(classifyCells(['1', 'x', null])).toEqual({ kind: 'categorical', values: null, missing: 1 });
  });

  it('is empty when every cell is missing, or there are no cells', () => {
    expect(classifyCells([null, null])).toEqual({ kind: 'empty', values: null, missing: 2 });
    expect(classifyCells([])).toEqual({ kind: 'empty', values: null, missing: 0 });
  });
});

describe('numberHint', () => {
  it('explains decimal commas and thousands separators', () => {
    expect(numberHint('1,234')).toBe(' (use a dot as the decimal mark and no thousands separator)');
  });

  it('explains infinities and non-decimal notations, and says nothing otherwise', () => {
    expect(numberHint('inf')).toBe(' (infinite values are not allowed)');
    expect(numberHint('0x10')).toBe(' (write plain decimal numbers such as 12.5 or 1.2e-3)');
    expect(numberHint('1_000')).toBe(' (write plain decimal numbers such as 12.5 or 1.2e-3)');
    expect(numberHint('abc')).toBe('');
  });
});
