/** Checks each API answer against the shared zod contract, for the job client and the log client alike. */
import type { z } from 'zod';
import { API_PREFIX } from '../api/http.js';
import { ApiError } from './api-error.js';

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
