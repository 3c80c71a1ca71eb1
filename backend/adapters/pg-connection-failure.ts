/**
 * Tells a failure of the PostgreSQL connection itself (server stopped, restarting, network cut) from a failure of one
 * statement (constraint, syntax). The first kind is temporary and says nothing about the request, so the adapter turns
 * it into `ZS_ERR_UNAVAILABLE` (503 with Retry-After for the API, a wait-and-retry for workers); the second kind
 * passes through unchanged.
 */
import { AppError, unavailable } from '../core/errors.js';

/** Node socket errors raised while connecting or on an open connection. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that mean "this connection or server cannot serve you right now": class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting down, in recovery),
 * 53300 too_many_connections.
 */
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;

/**
 * node-postgres reports a dropped socket, a use of a broken client and a pool connect timeout with plain messages and
 * no code; these are their texts (pg 8 / pg-pool 3).
 */
const PG_MESSAGES = [
  /connection terminated/i,
  /connection ended unexpectedly/i,
  /client has encountered a connection error and is not queryable/i,
  /client was closed and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /terminating connection due to administrator command/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

export function isPgConnectionFailure(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code)) return true;
  // A statement error with a SQLSTATE is about the statement, whatever its message says.
  if (/^[0-9A-Z]{5}$/.test(code)) return false;
  const message = typeof e.message === 'string' ? e.message : '';
  if (PG_MESSAGES.some((m) => m.test(message))) return true;
  // Connecting to a host name with several addresses fails with an AggregateError of per-address errors.
  if (Array.isArray(e.errors) && e.errors.some((x) => isPgConnectionFailure(x, depth + 1))) return true;
  return isPgConnectionFailure(e.cause, depth + 1);
}

/** The error every query rejects with while the database cannot be reached; the original stays as `cause`. */
export function databaseUnavailable(cause: unknown): AppError {
  const error = unavailable('The database is unavailable; try again shortly.');
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}

/** Rethrows `err`, as `ZS_ERR_UNAVAILABLE` when it is a connection failure. */
export function rethrowPgError(err: unknown): never {
  throw !(err instanceof AppError) && isPgConnectionFailure(err) ? databaseUnavailable(err) : err;
}
