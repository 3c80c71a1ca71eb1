/** Every error the API can answer with, defined once with its stable code and HTTP status (STYLE.md §6). */
import type { ErrorCode, FieldIssue } from '../../src-shared/api/errors.js';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError('ZS_ERR_BAD_REQUEST', 400, message, details);
/** 401 for a missing, unknown or revoked API token; the message says which, never echoing the token. */
export const unauthorized = (message: string) => new AppError('ZS_ERR_AUTH', 401, message);
export const forbidden = (message: string) => new AppError('ZS_ERR_FORBIDDEN', 403, message);
export const notFound = (message: string) => new AppError('ZS_ERR_NOT_FOUND', 404, message);
export const conflict = (message: string, details?: unknown) =>
  new AppError('ZS_ERR_CONFLICT', 409, message, details);
export const payloadTooLarge = (message: string) => new AppError('ZS_ERR_PAYLOAD_TOO_LARGE', 413, message);
export const unsupportedMedia = (message: string) => new AppError('ZS_ERR_UNSUPPORTED_MEDIA', 415, message);
export const unavailable = (message: string) => new AppError('ZS_ERR_UNAVAILABLE', 503, message);

/** 422 naming each invalid field, e.g. `parameters.target_column: Invalid input: expected string`. */
export function validationFailed(issues: FieldIssue[]): AppError {
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new AppError('ZS_ERR_VALIDATION', 422, `Invalid request: ${summary}`, { issues });
}

/** Turns zod issues into field issues with dotted paths under `prefix`; an unknown key is named in its path. */
export function fieldIssues(
  issues: ReadonlyArray<{
    path: ReadonlyArray<PropertyKey>;
    message: string;
    code?: string;
    keys?: string[];
  }>,
  prefix = '',
): FieldIssue[] {
  const join = (parts: ReadonlyArray<PropertyKey>) =>
    [prefix, ...parts.map(String)].filter((p) => p !== '').join('.');
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys' && i.keys
      ? i.keys.map((k) => ({ path: join([...i.path, k]), message: 'unknown field' }))
      : [{ path: join(i.path), message: i.message }],
  );
}
