/**
 * A team server with ZEROSEC_AUTH=tokens over real HTTP: no or bad token → 401, one user's jobs, artifacts and
 * signed URLs are invisible to another (404), a token revoked with `zerosec token revoke` stops working, only listed
 * origins pass CORS, the rate limit answers 429 with Retry-After, and every answer carries the security headers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type RunningBackend } from '../../backend/app/start-backend.js';
import { openTokenAdmin } from '../../backend/app/token-admin.js';
import { main } from '../../backend/cli/main.js';
import type { CliIo } from '../../backend/cli/cli-io.js';
import { createApiClient } from '../../src-shared/client/index.js';
import { FAST_TEST_ENV } from '../support/test-backend.js';
import { linearCsv, uploadText } from '../support/upload.js';

const TEAM_ORIGIN = 'https://team.example';
let dataDir: string;
let backend: RunningBackend | null = null;
const tokens: Record<'alice' | 'bob' | 'carol', { id: string; token: string }> = {} as never;
let aliceJob: string;
let aliceArtifactKey: string;

async function start(env: Record<string, string> = {}): Promise<RunningBackend> {
  return startBackend({
    mode: 'all',
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env: { ...FAST_TEST_ENV, ZEROSEC_AUTH: 'tokens', ZEROSEC_CORS_ORIGINS: TEAM_ORIGIN, ...env },
  });
}

/** The fields of JSON answers these tests read (error envelopes, job lists, statuses, signed URLs). */
interface Body {
  error: { code: string; message: string };
  jobs: Array<{ job_id: string }>;
  total: number;
  status: string;
  url: string;
}

/** Raw HTTP, so the statuses and headers seen are exactly the server's (the shared client retries some). */
async function call(
  method: string,
  route: string,
  token: string | null,
  init: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(`${backend!.url}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json: json as Body };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-auth-'));
  const admin = await openTokenAdmin({ ZEROSEC_DATA_DIR: dataDir });
  try {
    for (const user of ['alice', 'bob', 'carol'] as const) {
      const made = await admin.tokens.create(user);
      tokens[user] = { id: made.id, token: made.token };
    }
  } finally {
    await admin.close();
  }
  backend = await start();

  // Alice runs one job to the end, through the shared client with her token.
  const alice = createApiClient({ baseUrl: backend.url!, token: tokens.alice.token, retryBaseDelayMs: 20 });
  const presign = await uploadText(alice, 'alice.csv', linearCsv(40));
  await alice.createJob({
    job_id: presign.job_id,
    job_type: 'linear_analysis',
    input_key: presign.key,
    parameters: { target_column: 'y', models_to_use: ['ols'] },
  });
  const final = await alice.watchJob(presign.job_id);
  expect(final.status, JSON.stringify(final.error)).toBe('completed');
  aliceJob = presign.job_id;
  const { artifacts } = await alice.listArtifacts(aliceJob);
  aliceArtifactKey = artifacts.find((a) => a.file_name === 'result.json')!.file_key;
}, 180_000);

afterAll(async () => {
  await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('token authentication (ZEROSEC_AUTH=tokens)', () => {
  it('answers 401 with the error envelope without a token or with a bad one; health stays open', async () => {
    for (const token of [null, 'zs_not-a-real-token', 'garbage']) {
      const res = await call('GET', '/api/v1/jobs', token);
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('ZS_ERR_AUTH');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const malformed = await call('GET', '/api/v1/jobs', null, {
      headers: { authorization: `Basic ${tokens.alice.token}` },
    });
    expect(malformed.status).toBe(401);
    expect((await call('GET', '/api/v1/health', null)).status).toBe(200);
    const ok = await call('GET', '/api/v1/jobs', tokens.alice.token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('www-authenticate')).toBeNull();
  });

  it("hides alice's job from bob everywhere (404), and shows it to alice", async () => {
    const bob = tokens.bob.token;
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/jobs/${aliceJob}/status`],
      ['GET', `/api/v1/jobs/${aliceJob}/result`],
      ['GET', `/api/v1/jobs/${aliceJob}/artifacts`],
      ['GET', `/api/v1/jobs/${aliceJob}/events`],
      ['POST', `/api/v1/jobs/${aliceJob}/cancel`],
      ['POST', '/api/v1/presign/download', { job_id: aliceJob, file_key: aliceArtifactKey }],
    ];
    for (const [method, route, body] of routes) {
      const res = await call(method, route, bob, body === undefined ? {} : { body });
      expect(res.status, `${method} ${route}`).toBe(404);
      expect(res.json.error.code).toBe('ZS_ERR_NOT_FOUND');
    }
    const bobsList = await call('GET', '/api/v1/jobs', bob);
    expect(bobsList.json).toMatchObject({ jobs: [], total: 0 });

    const alice = tokens.alice.token;
    expect((await call('GET', `/api/v1/jobs/${aliceJob}/status`, alice)).json.status).toBe('completed');
    expect((await call('GET', `/api/v1/jobs/${aliceJob}/result`, alice)).status).toBe(200);
    const list = await call('GET', '/api/v1/jobs', alice);
    expect(list.json.jobs.map((j) => j.job_id)).toEqual([aliceJob]);
  });

  it("does not let bob submit a job on alice's upload or reference her model", async () => {
    const alice = createApiClient({ baseUrl: backend!.url!, token: tokens.alice.token });
    const presign = await uploadText(alice, 'second.csv', linearCsv(20));
    const onAliceUpload = await call('POST', '/api/v1/jobs', tokens.bob.token, {
      body: {
        job_id: presign.job_id,
        job_type: 'linear_analysis',
        input_key: presign.key,
        parameters: { target_column: 'y' },
      },
    });
    expect(onAliceUpload.status).toBe(422);
    expect(onAliceUpload.json.error.message).toMatch(/no upload was reserved/);

    const bob = createApiClient({ baseUrl: backend!.url!, token: tokens.bob.token });
    const own = await uploadText(bob, 'bob.csv', 'a,b\n1,2\n');
    const prediction = await call('POST', '/api/v1/jobs', tokens.bob.token, {
      body: {
        job_id: own.job_id,
        job_type: 'prediction',
        input_key: own.key,
        parameters: { model_job_id: aliceJob },
      },
    });
    expect(prediction.status).toBe(422);
    expect(prediction.json.error.message).toContain(`no job ${aliceJob} exists`);
  });

  it("signs download URLs for one object only: alice's URL cannot be turned to another key", async () => {
    const signed = await call('POST', '/api/v1/presign/download', tokens.alice.token, {
      body: { job_id: aliceJob, file_key: aliceArtifactKey },
    });
    expect(signed.status).toBe(200);
    const url = new URL(signed.json.url);
    expect((await fetch(url)).status).toBe(200);
    const input = url.pathname.replace(/outputs\/[^/]+\/.*$/, `inputs/${aliceJob}/alice.csv`);
    const tampered = await fetch(new URL(`${input}${url.search}`, url));
    expect(tampered.status).toBe(403);
  });

  it('lets only listed origins through CORS', async () => {
    const preflight = (origin: string) =>
      call('OPTIONS', '/api/v1/jobs', null, {
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const listed = await preflight(TEAM_ORIGIN);
    expect(listed.status).toBe(204);
    expect(listed.headers.get('access-control-allow-origin')).toBe(TEAM_ORIGIN);
    expect(listed.headers.get('access-control-allow-headers')).toContain('authorization');
    const unlisted = await preflight('https://evil.example');
    expect(unlisted.headers.get('access-control-allow-origin')).toBeNull();
    const read = await call('GET', '/api/v1/jobs', tokens.alice.token, {
      headers: { origin: 'https://evil.example' },
    });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends security headers and refuses oversized JSON bodies', async () => {
    const res = await call('GET', '/api/v1/jobs', tokens.alice.token);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const big = await call('POST', '/api/v1/presign/upload', tokens.alice.token, {
      body: { filename: 'x.csv', content_type: 'text/csv', size_bytes: 1, pad: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('ZS_ERR_PAYLOAD_TOO_LARGE');
  });
});

describe('after a restart: revoked tokens and the rate limit', () => {
  beforeAll(async () => {
    expect((await call('GET', '/api/v1/jobs', tokens.carol.token)).status).toBe(200);
    await backend!.close();
    backend = null;
    const out = { stdout: '', stderr: '' };
    const io: CliIo = {
      stdout: { write: (t) => void (out.stdout += t) },
      stderr: { write: (t) => void (out.stderr += t), isTTY: false, columns: 80 },
      env: { ZEROSEC_DATA_DIR: dataDir },
      cwd: os.tmpdir(),
      onShutdownSignal: () => () => {},
    };
    expect(await main(['token', 'revoke', tokens.carol.id], io), out.stderr).toBe(0);
    backend = await start({ ZEROSEC_RATE_LIMIT_MAX: '5', ZEROSEC_RATE_LIMIT_WINDOW_SECONDS: '60' });
  }, 120_000);

  it('rejects a revoked token with 401', async () => {
    const res = await call('GET', '/api/v1/jobs', tokens.carol.token);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('ZS_ERR_AUTH');
    expect(res.json.error.message).toMatch(/revoked/);
  });

  it('answers 429 with Retry-After after N requests, per token; health is not limited', async () => {
    for (let i = 0; i < 5; i++)
      expect((await call('GET', '/api/v1/jobs', tokens.alice.token)).status).toBe(200);
    const limited = await call('GET', '/api/v1/jobs', tokens.alice.token);
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('ZS_ERR_RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('GET', '/api/v1/jobs', tokens.bob.token)).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await call('GET', '/api/v1/health', null)).status).toBe(200);
  });
});
