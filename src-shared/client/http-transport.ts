/**
 * The only module that knows about axios: one request verb with retries, and every failure turned into an ApiError,
 * so the client above it never sees AxiosError, its config (which holds the token) or its request object.
 *
 * axios picks its adapter at run time: XMLHttpRequest in a browser (upload progress works there), `node:http` in
 * Node (streams a request body and reports upload progress). Responses are read as text and parsed here, so a broken
 * body becomes an `invalid_response` error rather than a string where an object was expected.
 */
import axios, {
  type AxiosError,
  type AxiosInstance,
  type AxiosRequestConfig,
  type AxiosResponse,
} from 'axios';
import axiosRetry from 'axios-retry';
import { ApiError, apiErrorFromResponse } from './api-error.js';
import { isRetryableStatus, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/** Told before each retry, e.g. to print "retrying in 1.2 s (HTTP 503)". */
export interface RetryEvent {
  /** 1 for the first retry. */
  retryNumber: number;
  delayMs: number;
  method: string;
  path: string;
  /** Why the previous attempt failed. */
  error: ApiError;
}

export interface HttpTransportOptions {
  /** Prefix of relative URLs; omit for a transport that only calls absolute (signed) URLs. */
  baseUrl?: string;
  /** Sent with every request (the bearer token lives here, so signed-URL transports get none). */
  headers?: Record<string, string>;
  /** Per attempt; 0 = no limit. */
  timeoutMs: number;
  policy: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
}

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  params?: Record<string, string | number | undefined>;
  /** JSON-serialised unless it is a Blob or a stream. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether failures may be repeated: see the decision table in api-client.ts. */
  retry: boolean;
  signal?: AbortSignal;
  /** Overrides the transport's per-attempt timeout; 0 = no limit. */
  timeoutMs?: number;
  /** `json` parses the body; `bytes` returns it untouched as a Uint8Array. */
  responseType: 'json' | 'bytes';
  /** Statuses besides 2xx that count as an answer rather than an error (health's 503). */
  acceptStatus?: (status: number) => boolean;
  onUploadProgress?: (sentBytes: number) => void;
}

export interface TransportResponse {
  status: number;
  /** Parsed JSON (`json`) or the raw bytes (`bytes`). */
  data: unknown;
  header(name: string): string | null;
}

export interface HttpTransport {
  request(req: TransportRequest): Promise<TransportResponse>;
}

/** axios errors that mean the request was never valid; repeating it cannot help. */
const CONFIG_ERROR_CODES = new Set([
  'ERR_BAD_OPTION_VALUE',
  'ERR_BAD_OPTION',
  'ERR_BAD_REQUEST',
  'ERR_NOT_SUPPORT',
  'ERR_INVALID_URL',
  'ERR_DEPRECATED',
  'ERR_FR_TOO_MANY_REDIRECTS',
]);

export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const baseUrl = options.baseUrl?.replace(/\/+$/, '');
  /** What errors name: the full path, never the query (signatures) or the host. */
  const pathFor = (url: string): string =>
    pathOf(baseUrl !== undefined && !/^[a-z]+:/i.test(url) ? baseUrl + url : url);
  const instance: AxiosInstance = axios.create({
    ...(baseUrl !== undefined ? { baseURL: baseUrl } : {}),
    headers: { ...options.headers },
    timeout: options.timeoutMs,
    // ETIMEDOUT for timeouts instead of ECONNABORTED, which browsers also use for aborted requests.
    transitional: { clarifyTimeoutError: true },
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    // We build ApiErrors from the status ourselves; axios only needs to know what counts as success.
    validateStatus: (status) => status >= 200 && status < 300,
  });

  axiosRetry(instance, {
    retries: options.policy.retries,
    // Each attempt gets the full timeout; otherwise a retry after a timeout would start with no time left.
    shouldResetTimeout: true,
    retryCondition: isRetryableAxiosError,
    // axios-retry asks for the delay exactly once per retry, right before waiting: the place to report it.
    retryDelay: (retryNumber, error) => {
      const retryAfterMs = parseRetryAfter(headerOf(error.response, 'retry-after'));
      const delayMs = retryDelayMs(options.policy, retryNumber, retryAfterMs);
      if (options.onRetry) {
        const method = (error.config?.method ?? 'get').toUpperCase();
        const path = pathFor(error.config?.url ?? '');
        options.onRetry({ retryNumber, delayMs, method, path, error: toApiError(error, method, path) });
      }
      return delayMs;
    },
  });

  return {
    async request(req) {
      const path = pathFor(req.url);
      const config: AxiosRequestConfig = {
        method: req.method,
        url: req.url,
        params: req.params,
        data: req.body,
        headers: req.headers,
        signal: req.signal,
        responseType: req.responseType === 'bytes' ? 'arraybuffer' : 'text',
        ...(req.timeoutMs !== undefined ? { timeout: req.timeoutMs } : {}),
        ...(req.retry ? {} : { 'axios-retry': { retries: 0 } }),
        ...(req.acceptStatus
          ? { validateStatus: (s: number) => (s >= 200 && s < 300) || req.acceptStatus!(s) }
          : {}),
        ...(req.onUploadProgress
          ? { onUploadProgress: (e: { loaded: number }) => req.onUploadProgress!(e.loaded) }
          : {}),
      };
      let response: AxiosResponse<unknown>;
      try {
        response = await instance.request<unknown>(config);
      } catch (error) {
        throw toApiError(error, req.method, path);
      }
      const header = (name: string): string | null => headerOf(response, name);
      if (req.responseType === 'bytes') {
        return { status: response.status, data: toBytes(response.data), header };
      }
      return { status: response.status, data: parseJsonBody(response.data, req.method, path), header };
    },
  };
}

function isRetryableAxiosError(error: AxiosError): boolean {
  if (error.code === 'ERR_CANCELED') return false;
  if (error.response) return isRetryableStatus(error.response.status);
  // No answer: a refused or reset connection, or a timeout. Configuration mistakes never get better.
  return !CONFIG_ERROR_CODES.has(error.code ?? '');
}

function headerOf(response: AxiosResponse | undefined, name: string): string | null {
  const value: unknown = response?.headers?.[name.toLowerCase()];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** The path of a URL without query or fragment: signed URLs carry their signature in the query. */
export function pathOf(url: string): string {
  try {
    return new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  // Node's adapter returns a Buffer, a Uint8Array subclass: hand out a plain view of the same memory.
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return new TextEncoder().encode(data);
  return new Uint8Array(0);
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return new TextDecoder().decode(toBytes(data));
  return '';
}

function parseJsonBody(data: unknown, method: string, path: string): unknown {
  const text = bodyText(data);
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError({
      kind: 'invalid_response',
      code: 'ZS_ERR_INVALID_RESPONSE',
      message: `${method} ${path} answered with a body that is not JSON`,
      method,
      path,
    });
  }
}

/** Any failure of a call as an ApiError; keeps only what callers may see (no config, headers or sockets). */
function toApiError(error: unknown, method: string, path: string): ApiError {
  if (error instanceof ApiError) return error;
  if (!axios.isAxiosError(error)) {
    return new ApiError({
      kind: 'network',
      code: 'ZS_ERR_NETWORK',
      message: `${method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`,
      method,
      path,
    });
  }
  if (axios.isCancel(error) || error.code === 'ERR_CANCELED') {
    return new ApiError({
      kind: 'aborted',
      code: 'ZS_ERR_ABORTED',
      message: `${method} ${path} was aborted`,
      method,
      path,
    });
  }
  if (error.response) {
    const retryAfterMs = parseRetryAfter(headerOf(error.response, 'retry-after'));
    return apiErrorFromResponse(error.response.status, bodyText(error.response.data), {
      method,
      path,
      retryAfterMs,
    });
  }
  if (error.code === 'ETIMEDOUT') {
    return new ApiError({
      kind: 'timeout',
      code: 'ZS_ERR_TIMEOUT',
      message: `${method} ${path} got no answer in time`,
      method,
      path,
    });
  }
  return new ApiError({
    kind: 'network',
    code: 'ZS_ERR_NETWORK',
    message: `${method} ${path} failed: ${error.message}`,
    details: { cause: error.code ?? null },
    method,
    path,
  });
}
