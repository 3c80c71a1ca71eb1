/** Checks each API answer against the shared zod contract, for the job client and the log client alike. */
import type { z } from 'zod';
import { API_PREFIX } from '../api/http.js';
import { ApiError } from './api-error.js';
import type { HttpTransport, TransportRequest } from './http-transport.js';

/** Checks an answer against the contract; a mismatch is the server's bug and is reported as such. */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  data: unknown,
  method: string,
  path: string,
): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new ApiError({
    kind: 'invalid_response',
    code: 'ZS_ERR_INVALID_RESPONSE',
    message: `${method} ${API_PREFIX}${path} answered with a body that does not match the API contract`,
    details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    method,
    path: API_PREFIX + path,
  });
}

/** One JSON API call whose answer must match `schema`; retried by the transport's policy unless `retry: false`. */
export async function callJson<S extends z.ZodType>(
  api: HttpTransport,
  schema: S,
  req: Omit<TransportRequest, 'responseType' | 'retry'> & { retry?: boolean },
): Promise<z.output<S>> {
  const res = await api.request({ retry: true, ...req, responseType: 'json' });
  return parseAnswer(schema, res.data, req.method, req.url);
}
