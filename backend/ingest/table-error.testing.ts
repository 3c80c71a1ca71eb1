/** Test helpers: the TableError a call throws, so each test can assert its code, message and details. */
import { expect } from 'vitest';
import { TableError } from './table-error.js';

export function errorOf(fn: () => unknown): TableError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TableError);
    return error as TableError;
  }
  throw new Error('expected a TableError');
}

export async function asyncErrorOf(promise: Promise<unknown>): Promise<TableError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TableError);
    return error as TableError;
  }
  throw new Error('expected a TableError');
}
