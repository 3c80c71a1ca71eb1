/** The error handler's answer to an unreachable database: 503, Retry-After in seconds, the one error envelope. */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { installErrorHandler, UNAVAILABLE_RETRY_AFTER_SECONDS } from './error-handler.js';
import { databaseUnavailable } from '../../adapters/pg-connection-failure.js';

let app: FastifyInstance;

afterEach(async () => {
  await app.close();
});

describe('error handler', () => {
  it('answers a database outage with 503 ZS_ERR_UNAVAILABLE and Retry-After', async () => {
    app = Fastify();
    installErrorHandler(app);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    app.get('/api/v1/jobs', async () => {
      throw databaseUnavailable(refused);
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/jobs' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe(String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    expect(res.json()).toEqual({
      error: { code: 'ZS_ERR_UNAVAILABLE', message: 'The database is unavailable; try again shortly.' },
    });
    // The address of the database stays in the server log.
    expect(res.body).not.toContain('5432');
  });

  it('keeps a Retry-After a route already set', async () => {
    app = Fastify();
    installErrorHandler(app);
    app.get('/x', async (_req, reply) => {
      reply.header('retry-after', '30');
      throw databaseUnavailable(new Error('Connection terminated unexpectedly'));
    });
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
  });

  it('still answers 500 without Retry-After for a bug', async () => {
    app = Fastify({ logger: false });
    installErrorHandler(app);
    app.get('/x', async () => {
      throw new TypeError('boom');
    });
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.json().error.code).toBe('ZS_ERR_INTERNAL');
  });
});
