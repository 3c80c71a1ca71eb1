/**
 * The supervisor against the real backend in a real child process (child_process.fork of backend-entry.ts, the
 * same file Electron's utilityProcess runs): start, health, a SIGKILL crash and the restart, graceful shutdown.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackendStatus } from '../../src-shared/ipc/contract.js';
import { backoffDelay } from './backoff.js';
import { forkLauncher } from './launchers.js';
import type { BackendChild } from './launchers.js';
import { BackendSupervisor } from './supervisor.js';

const ENTRY = fileURLToPath(new URL('./backend-entry.ts', import.meta.url));
const ORIGIN = 'app://zerosec';

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, and jitters within ±20 %', () => {
    const exact = { baseMs: 500, maxMs: 30_000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, exact))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    const jittered = { ...exact, jitter: 0.2 };
    expect(backoffDelay(1, jittered, () => 0)).toBe(400);
    expect(backoffDelay(1, jittered, () => 1)).toBe(600);
  });
});

describe('BackendSupervisor with a process that never gets ready', () => {
  it('retries with backoff and gives up after the allowed failures', async () => {
    const launches: number[] = [];
    const launch = (): BackendChild => {
      launches.push(Date.now());
      const events = new EventEmitter();
      setTimeout(() => events.emit('exit', 1), 5); // crashes at once
      return {
        pid: 1,
        stdout: null,
        stderr: null,
        send: () => undefined,
        onMessage: (l) => events.on('message', l),
        onExit: (l) => events.once('exit', l),
        kill: () => events.emit('exit', null),
      };
    };
    const statuses: BackendStatus['state'][] = [];
    const supervisor = new BackendSupervisor({
      launch,
      origins: [ORIGIN],
      log: () => undefined,
      childOutput: () => undefined,
      onStatus: (s) => statuses.push(s.state),
      backoff: { baseMs: 20, maxMs: 80, jitter: 0 },
      maxConsecutiveFailures: 3,
    });
    await expect(supervisor.start()).rejects.toThrow(/4 times in a row/);
    expect(launches).toHaveLength(4);
    // Gaps grow: 20, 40, 80 ms (plus the 5 ms each process lives).
    const gaps = launches.slice(1).map((t, i) => t - launches[i]!);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]!).toBeGreaterThanOrEqual(80);
    expect(statuses.at(-1)).toBe('failed');
    expect(supervisor.status().restarts).toBe(3);
  });
});

describe('BackendSupervisor with the real backend', () => {
  let dataDir: string;
  let supervisor: BackendSupervisor;
  const log: string[] = [];
  const output: string[] = [];
  const statuses: BackendStatus[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-supervisor-'));
    supervisor = new BackendSupervisor({
      launch: forkLauncher({
        entry: ENTRY,
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, ZEROSEC_LOG_LEVEL: 'info', ZEROSEC_SHUTDOWN_GRACE_MS: '1000' },
      }),
      origins: [ORIGIN],
      dataDir,
      log: (line) => log.push(line),
      childOutput: (text) => output.push(text),
      onStatus: (s) => statuses.push(s),
      backoff: { baseMs: 200, maxMs: 2000, jitter: 0 },
      readyTimeoutMs: 60_000,
    });
  });

  afterAll(async () => {
    await supervisor.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts the backend on 127.0.0.1 and answers health', async () => {
    const endpoint = await supervisor.start();
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoint.token.length).toBeGreaterThanOrEqual(32);
    const health = await fetch(`${endpoint.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'ready']);
    // The backend's own JSON log lines reach the log sink.
    expect(output.join('')).toContain('API listening');
  });

  it('requires the per-launch token and accepts the desktop origin', async () => {
    const { url, token } = supervisor.current()!;
    expect((await fetch(`${url}/api/v1/jobs`)).status).toBe(401);
    const ok = await fetch(`${url}/api/v1/jobs`, {
      headers: { authorization: `Bearer ${token}`, origin: ORIGIN },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('restarts a killed backend after a backoff, on the same port', async () => {
    const before = supervisor.current()!;
    const pid = Number(/backend process (\d+) started/.exec(log.join('\n'))?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await vi.waitFor(() => expect(supervisor.status().state).toBe('restarting'), { timeout: 10_000 });
    expect(supervisor.current()).toBeNull();
    const after = await supervisor.waitReady();
    expect(after.url).toBe(before.url);
    expect(after.token).toBe(before.token);
    expect(supervisor.status()).toMatchObject({ state: 'ready', restarts: 1 });
    expect(log.join('\n')).toContain('restarting the backend in 200 ms');
    expect((await fetch(`${after.url}/api/v1/health`)).status).toBe(200);
  });

  it('shuts down gracefully', async () => {
    const { url } = supervisor.current()!;
    await supervisor.stop();
    expect(supervisor.status().state).toBe('stopped');
    await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();
    expect(log.at(-1)).toBe('backend stopped');
    expect(log.join('\n')).not.toContain('killing it');
  });
});
