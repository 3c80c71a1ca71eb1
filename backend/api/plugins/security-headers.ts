/**
 * Headers that keep browsers from misusing API answers: no MIME sniffing, no framing (clickjacking), no referrer
 * leaking job ids, and no caching of JSON that may belong to one user.
 */
import type { FastifyInstance } from 'fastify';

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', "frame-ancestors 'none'");
    const type = String(reply.getHeader('content-type') ?? '');
    if (request.url.startsWith('/api/') && type.startsWith('application/json'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
