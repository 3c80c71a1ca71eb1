/**
 * Lets the desktop app's page (served from `app://zerosec`, another origin than the API on 127.0.0.1) call the
 * embedded API, and only with the shell's per-launch token, so another program or web page on this computer
 * cannot drive it. Installed only when the shell starts the backend (embedded mode); servers use token-auth.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { unauthorized } from '../../core/errors.js';
import { installCors } from './cors.js';
import { needsToken } from './token-auth.js';

export interface DesktopAccessOptions {
  /** Page origins allowed to read API responses (CORS), e.g. `app://zerosec`. */
  allowedOrigins: readonly string[];
  /** Bearer token every `/api/` request except health must carry; null: no token check. */
  apiToken: string | null;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`, 'utf8');
  const given = Buffer.from(header ?? '', 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function installDesktopAccess(app: FastifyInstance, options: DesktopAccessOptions): void {
  installCors(app, options.allowedOrigins);
  const token = options.apiToken;
  if (!token) return;
  app.addHook('onRequest', async (request) => {
    if (!needsToken(request.url)) return;
    if (!tokenMatches(request.headers.authorization, token)) {
      throw unauthorized('This API needs the desktop app’s access token.');
    }
  });
}
