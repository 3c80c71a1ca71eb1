import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { installErrorHandler } from './error-handler.js';
import { installDesktopAccess } from './desktop-access.js';

const ORIGIN = 'app://zerosec';
const TOKEN = 'per-launch-secret';
let app: FastifyInstance;

async function build(apiToken: string | null = TOKEN): Promise<FastifyInstance> {
  app = Fastify();
  installErrorHandler(app);
  installDesktopAccess(app, { allowedOrigins: [ORIGIN], apiToken });
  app.get('/api/v1/health', async () => ({ status: 'ok' }));
  app.get('/api/v1/jobs', async () => ({ jobs: [] }));
  app.get('/api/v1/blobs/x', async () => 'signed');
  await app.ready();
  return app;
}

afterEach(async () => {
  await app.close();
});

describe('desktop access (CORS for the shell page, per-launch token)', () => {
  it('answers a preflight from the desktop origin and nobody else', async () => {
    await build();
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/v1/jobs',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const ok = await preflight(ORIGIN);
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(ok.headers['access-control-allow-headers'])).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('requires the bearer token on /api/ except health', async () => {
    await build();
    const without = await app.inject({ url: '/api/v1/jobs', headers: { origin: ORIGIN } });
    expect(without.statusCode).toBe(401);
    expect(without.headers['access-control-allow-origin']).toBe(ORIGIN);
    const wrong = await app.inject({ url: '/api/v1/jobs', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const right = await app.inject({ url: '/api/v1/jobs', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
    // Signed file URLs carry their own signature.
    expect((await app.inject({ url: '/api/v1/blobs/x' })).statusCode).toBe(200);
  });

  it('checks no token when none is configured', async () => {
    await build(null);
    expect((await app.inject({ url: '/api/v1/jobs' })).statusCode).toBe(200);
  });
});
