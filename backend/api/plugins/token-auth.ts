/**
 * Team-server authentication: every `/api/` request except health and signed file URLs carries
 * `Authorization: Bearer <token>` from `zerosec token create`; the token's user becomes `request.owner`, which the
 * routes use to show each user only their own uploads, jobs and artifacts.
 */
import type { FastifyInstance } from 'fastify';
import { BLOB_ROUTE } from '../../adapters/blob-store.fs.js';
import { unauthorized } from '../../core/errors.js';
import type { TokenOwner } from '../../core/auth/api-tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user; null when the server runs without token authentication (everything is visible). */
    owner: string | null;
  }
}

/** What the hook needs from the token store (ApiTokenRepository has it). */
export interface TokenCheck {
  authenticate(token: string): Promise<TokenOwner | null>;
}

/** Liveness stays open: health waits and load balancers call it without credentials. */
const OPEN_PATHS = new Set(['/health', '/api/v1/health']);
const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

/** True for the paths a token guards: the API, except health and signed file URLs (they carry their own signature). */
export function needsToken(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path.startsWith('/api/') && !OPEN_PATHS.has(path) && !path.startsWith(`${BLOB_ROUTE}/`);
}

/** The token of a well-formed `Authorization: Bearer …` header, else null. */
export function bearerToken(header: string | undefined): string | null {
  return BEARER.exec(header ?? '')?.[1] ?? null;
}

export function installTokenAuth(app: FastifyInstance, tokens: TokenCheck): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!needsToken(request.url)) return;
    reply.header('www-authenticate', 'Bearer realm="zerosec"');
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized('This server needs an API token: send Authorization: Bearer <token>.');
    const owner = await tokens.authenticate(token);
    if (!owner) throw unauthorized('The API token is unknown or has been revoked.');
    reply.removeHeader('www-authenticate');
    request.owner = owner.user;
  });
}

/** Whether a row owned by `rowOwner` may be shown to `requester` (null requester: no authentication, all visible). */
export function visibleTo(rowOwner: string | null, requester: string | null): boolean {
  return requester === null || rowOwner === requester;
}
