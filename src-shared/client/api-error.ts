/**
 * The one error callers of the API client see, so UI and CLI branch on stable codes instead of on axios, fetch or
 * socket details.
 *
 * Glossary: `kind` says where the failure happened (the server answered with an error `http`, no answer
 * `network`, no answer in time `timeout`, the caller aborted `aborted`, the answer broke the contract
 * `invalid_response`); `code` is the server's `ZS_ERR_*` code, or a client-side code for the other kinds.
 */
import { ErrorCode, FieldIssue } from '../api/errors.js';
import { z } from 'zod';

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'aborted' | 'invalid_response';

/** Codes only the client produces: there was no server answer to take a code from. */
export const CLIENT_ERROR_CODES = [
  'ZS_ERR_NETWORK',
  'ZS_ERR_TIMEOUT',
  'ZS_ERR_ABORTED',
  'ZS_ERR_INVALID_RESPONSE',
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export interface ApiErrorInit {
  kind: ApiErrorKind;
  code: ApiErrorCode;
  message: string;
  /** HTTP status when the server answered, otherwise null. */
  status?: number | null;
  details?: unknown;
  /** `GET`, `POST`, ... of the failed call. */
  method?: string;
  /** Path of the failed call without its query string (signed URLs carry their signature there). */
  path?: string;
  /** What the server asked for in `Retry-After`, in milliseconds. */
  retryAfterMs?: number | null;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly code: ApiErrorCode;
  readonly status: number | null;
  readonly details: unknown;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly retryAfterMs: number | null;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status ?? null;
    this.details = init.details;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  /** True for 4xx answers other than 429: repeating the same request cannot succeed. */
  get isClientError(): boolean {
    return (
      this.kind === 'http' &&
      this.status !== null &&
      this.status >= 400 &&
      this.status < 500 &&
      this.status !== 429
    );
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** The code a bare HTTP status stands for, when the body is not our error envelope (a proxy page, S3 XML). */
export function errorCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'ZS_ERR_BAD_REQUEST';
    case 401:
      return 'ZS_ERR_AUTH';
    case 403:
      return 'ZS_ERR_FORBIDDEN';
    case 404:
      return 'ZS_ERR_NOT_FOUND';
    case 409:
      return 'ZS_ERR_CONFLICT';
    case 413:
      return 'ZS_ERR_PAYLOAD_TOO_LARGE';
    case 415:
      return 'ZS_ERR_UNSUPPORTED_MEDIA';
    case 422:
      return 'ZS_ERR_VALIDATION';
    case 429:
      return 'ZS_ERR_RATE_LIMITED';
    case 502:
    case 503:
    case 504:
      return 'ZS_ERR_UNAVAILABLE';
    default:
      return status >= 500 ? 'ZS_ERR_INTERNAL' : 'ZS_ERR_BAD_REQUEST';
  }
}

/** Lenient on purpose: a code this client does not know yet must still surface the server's message. */
const LooseErrorEnvelope = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Builds the ApiError for an error answer from its status and (possibly non-JSON) body. */
export function apiErrorFromResponse(
  status: number,
  body: unknown,
  context: { method?: string; path?: string; retryAfterMs?: number | null },
): ApiError {
  const envelope = LooseErrorEnvelope.safeParse(typeof body === 'string' ? tryParseJson(body) : body);
  if (envelope.success) {
    const known = ErrorCode.safeParse(envelope.data.error.code);
    return new ApiError({
      kind: 'http',
      status,
      code: known.success ? known.data : errorCodeForStatus(status),
      message: envelope.data.error.message,
      details: envelope.data.error.details,
      ...context,
    });
  }
  return new ApiError({
    kind: 'http',
    status,
    code: errorCodeForStatus(status),
    message: context.path
      ? `HTTP ${status} from ${context.method ?? 'request'} ${context.path}`
      : `HTTP ${status}`,
    ...context,
  });
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const FieldIssueList = z.array(FieldIssue);
const FieldIssueHolder = z.object({ issues: FieldIssueList });

/** The invalid fields a validation error names: `details` as `FieldIssue[]` or `{ issues: FieldIssue[] }`. */
export function fieldIssuesOf(error: ApiError): FieldIssue[] {
  const list = FieldIssueList.safeParse(error.details);
  if (list.success) return list.data;
  const holder = FieldIssueHolder.safeParse(error.details);
  return holder.success ? holder.data.issues : [];
}

/** One line per problem, naming the field: what a CLI prints and a form shows next to the field. */
export function describeApiError(error: ApiError): string {
  const issues = fieldIssuesOf(error);
  const head =
    error.status === null
      ? `${error.message} (${error.code})`
      : `${error.message} (${error.code}, HTTP ${error.status})`;
  const lines = issues.map((i) => `${i.path}: ${i.message}`).filter((line) => !error.message.includes(line));
  return [head, ...lines.map((line) => `  ${line}`)].join('\n');
}
