/** The one error envelope every API response uses, and the stable codes clients may branch on. */
import { z } from 'zod';

export const ERROR_CODES = [
  'ZS_ERR_VALIDATION', // 422: a field of the request is invalid (details name it)
  'ZS_ERR_BAD_REQUEST', // 400: malformed request, unsafe file name or key
  'ZS_ERR_AUTH', // 401: no API token, or an unknown or revoked one
  'ZS_ERR_NOT_FOUND', // 404
  'ZS_ERR_CONFLICT', // 409: same id, different request
  'ZS_ERR_FORBIDDEN', // 403: bad, tampered or expired signature
  'ZS_ERR_PAYLOAD_TOO_LARGE', // 413
  'ZS_ERR_UNSUPPORTED_MEDIA', // 415
  'ZS_ERR_RATE_LIMITED', // 429
  'ZS_ERR_UNAVAILABLE', // 503: a dependency (database, store) is down; retry later
  'ZS_ERR_INTERNAL', // 500: a bug; the server log has the details
  // job errors (in job status, not HTTP):
  'ZS_ERR_INPUT', // the input table is unreadable or does not fit the parameters
  'ZS_ERR_ANALYSIS', // the analysis could not be computed
  'ZS_ERR_WORKER_LOST', // the worker died too often while running the job
  'ZS_ERR_JOB_TYPE_UNAVAILABLE', // this server has no runner for the job type yet
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorEnvelope = z.strictObject({
  error: z.strictObject({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** One invalid field: `path` as a dotted string (`parameters.target_column`), `message` in English. */
export const FieldIssue = z.strictObject({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;
