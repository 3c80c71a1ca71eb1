import { describe, it, expect } from 'vitest';
import { TableError, columnLetter, columnPosition } from './table-error.js';

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [1, 'B'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('index %d is %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
  });

  it('gives 1-based positions with letters', () => {
    expect(columnPosition(2)).toBe('column 3 (C)');
  });
});

describe('TableError', () => {
  it('carries its code, details and message', () => {
    const error = new TableError('ragged_row', 'Row 3 has 2 fields.', { row: 3, expected: 3, found: 2 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TableError');
    expect(error.code).toBe('ragged_row');
    expect(error.details).toEqual({ row: 3, expected: 3, found: 2 });
    expect(error.message).toBe('Row 3 has 2 fields.');
  });
});
