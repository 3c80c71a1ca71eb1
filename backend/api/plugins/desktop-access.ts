/**
 * Lets the desktop app's page (served from `app://zerosec`, another origin than the API on 127.0.0.1) call the
 * embedded API, and only with the shell's per-launch token, so another program or web page on this computer
 * cannot drive it. Installed only when the shell starts the backend (embedded mode); servers never get it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { BLOB_ROUTE } from '../../adapters/blob-store.fs.js';
import { AppError } from '../../core/errors.js';

export interface DesktopAccessOptions {
  /** Page origins allowed to read API responses (CORS), e.g. `app://zerosec`. */
  allowedOrigins: readonly string[];
  /** Bearer token every `/api/` request except health must carry; null: no token check. */
  apiToken: string | null;
}

const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type, accept, last-event-id, cache-control';
const EXPOSED_HEADERS = 'content-disposition, content-length, content-type';
/** Liveness stays open: the shell's health wait and load balancers call it without credentials. */
const OPEN_PATHS = new Set(['/health', '/api/v1/health']);

function tokenMatches(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`, 'utf8');
  const given = Buffer.from(header ?? '', 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function installDesktopAccess(app: FastifyInstance, options: DesktopAccessOptions): void {
  const origins = new Set(options.allowedOrigins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && origins.has(origin)) {
      reply
        .header('access-control-allow-origin', origin)
        .header('vary', 'origin')
        .header('access-control-expose-headers', EXPOSED_HEADERS);
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
        return reply
          .header('access-control-allow-methods', ALLOWED_METHODS)
          .header('access-control-allow-headers', ALLOWED_HEADERS)
          .header('access-control-max-age', '600')
          .status(204)
          .send();
      }
    }
    const path = request.url.split('?')[0] ?? '';
    if (!options.apiToken || !path.startsWith('/api/') || OPEN_PATHS.has(path)) return;
    // Signed file URLs carry their own signature (and object stores never see our token).
    if (path.startsWith(`${BLOB_ROUTE}/`)) return;
    if (!tokenMatches(request.headers.authorization, options.apiToken)) {
      throw new AppError('ZS_ERR_FORBIDDEN', 401, 'This API needs the desktop app’s access token.');
    }
  });
}
