/** Which node-postgres failures count as "the database is unavailable" (503, retry) and which are the query's own. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { isPgConnectionFailure, rethrowPgError } from './pg-connection-failure.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isPgConnectionFailure', () => {
  it.each([
    ['refused (server stopped)', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['reset', withCode('ECONNRESET')],
    ['admin shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['starting up', withCode('57P03', 'the database system is starting up')],
    ['connection exception class', withCode('08006')],
    ['too many connections', withCode('53300')],
    ['dropped socket', new Error('Connection terminated unexpectedly')],
    ['broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'several addresses',
      Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), { code: '' }),
    ],
    ['wrapped', new Error('outer', { cause: withCode('ECONNREFUSED') })],
  ])('%s: unavailable', (_name, err) => {
    expect(isPgConnectionFailure(err)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['syntax error', withCode('42601')],
    // A statement error is about the statement even if its text happens to mention a connection.
    ['statement error quoting a message', withCode('22P02', 'invalid input: "connection terminated"')],
    ['plain bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
  ])('%s: the query’s own error', (_name, err) => {
    expect(isPgConnectionFailure(err)).toBe(false);
  });
});

describe('rethrowPgError', () => {
  it('turns a connection failure into ZS_ERR_UNAVAILABLE (503) and keeps the original as cause', () => {
    const original = withCode('ECONNREFUSED');
    let thrown: unknown;
    try {
      rethrowPgError(original);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'ZS_ERR_UNAVAILABLE', statusCode: 503 });
    expect((thrown as Error).cause).toBe(original);
  });

  it('passes any other error through unchanged', () => {
    const original = withCode('23505');
    expect(() => rethrowPgError(original)).toThrow(original);
  });
});
