/**
 * Keeps the embedded backend alive for as long as the app runs: starts it on 127.0.0.1 with a per-launch token,
 * waits for its health check, restarts it with growing delays when it crashes (its jobs resume through their
 * leases), gives up after repeated failures, and shuts it down gracefully on quit.
 */
import { randomBytes } from 'node:crypto';
import type { BackendStatus } from '../../src-shared/ipc/contract.js';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { BackoffPolicy } from './backoff.js';
import { ChildMessage } from './child-protocol.js';
import { waitForHealth } from './health.js';
import type { BackendChild, LaunchBackend } from './launchers.js';

export interface SupervisorOptions {
  launch: LaunchBackend;
  /** Page origins the backend must accept (CORS). */
  origins: string[];
  dataDir?: string | null;
  /** The shell's own events (start, crash, restart). */
  log: (line: string) => void;
  /** The backend's stdout and stderr, as they come. */
  childOutput: (text: string) => void;
  onStatus?: (status: BackendStatus) => void;
  backoff?: BackoffPolicy;
  /** Consecutive failed starts or crashes before giving up. */
  maxConsecutiveFailures?: number;
  /** A backend that ran this long counts as healthy again: its next crash restarts after the shortest delay. */
  stableAfterMs?: number;
  /** From launch to healthy (the first start creates the database). */
  readyTimeoutMs?: number;
  /** How long a graceful shutdown may take before the process is killed. */
  shutdownGraceMs?: number;
  fetch?: typeof fetch;
  /** Injected for tests; defaults to 32 random bytes. */
  token?: string;
}

export interface BackendEndpoint {
  url: string;
  token: string;
}

class StartFailed extends Error {}

export class BackendSupervisor {
  readonly token: string;
  private child: BackendChild | null = null;
  private endpoint: BackendEndpoint | null = null;
  private port = 0;
  private restarts = 0;
  private failures = 0;
  private stopping = false;
  private state: BackendStatus = { state: 'stopped', restarts: 0, message: null };
  private readyWaiters: Array<{ resolve: (e: BackendEndpoint) => void; reject: (e: Error) => void }> = [];
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: SupervisorOptions) {
    this.token = options.token ?? randomBytes(32).toString('base64url');
  }

  status(): BackendStatus {
    return this.state;
  }

  /** The backend's URL and token while it is healthy; null while starting, restarting or stopped. */
  current(): BackendEndpoint | null {
    return this.endpoint;
  }

  /** Starts the backend (once); resolves when it is healthy, rejects when it could not be started at all. */
  start(): Promise<BackendEndpoint> {
    this.stopping = false;
    const ready = this.waitReady();
    if (!this.running && !this.child && !this.restartTimer) this.running = this.launchOnce();
    return ready;
  }

  /** Resolves at the next (or current) healthy state; rejects if the supervisor gives up or is stopped first. */
  waitReady(): Promise<BackendEndpoint> {
    if (this.endpoint) return Promise.resolve(this.endpoint);
    if (this.state.state === 'failed')
      return Promise.reject(new Error(this.state.message ?? 'backend failed'));
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  private setStatus(state: BackendStatus['state'], message: string | null = null): void {
    this.state = { state, restarts: this.restarts, message };
    this.options.onStatus?.(this.state);
  }

  private async launchOnce(): Promise<void> {
    this.setStatus(this.restarts === 0 ? 'starting' : 'restarting');
    const child = this.options.launch();
    this.child = child;
    const startedAt = Date.now();
    child.stdout?.on('data', (chunk: Buffer) => this.options.childOutput(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.options.childOutput(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.onExit(resolve));
    void exited.then((code) => this.onChildExit(child, code, startedAt));
    this.options.log(`backend process ${child.pid ?? '?'} started (port ${this.port || 'random'})`);

    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new StartFailed(`no ready message within ${this.readyTimeout()} ms`)),
          this.readyTimeout(),
        );
        child.onMessage((raw) => {
          const message = ChildMessage.safeParse(raw);
          if (!message.success) return;
          clearTimeout(timer);
          if (message.data.type === 'ready') resolve(message.data.url);
          else reject(new StartFailed(message.data.message));
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new StartFailed(`the backend process exited (code ${code}) before it was ready`));
        });
        child.send({
          type: 'start',
          token: this.token,
          origins: this.options.origins,
          port: this.port,
          dataDir: this.options.dataDir ?? null,
        });
      });
      await waitForHealth(url, this.token, {
        timeoutMs: this.readyTimeout(),
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      });
      if (this.child !== child) return; // crashed or stopped while we waited
      this.port = Number(new URL(url).port);
      this.endpoint = { url, token: this.token };
      this.options.log(`backend ready at ${url}`);
      this.setStatus('ready');
      for (const waiter of this.readyWaiters.splice(0)) waiter.resolve(this.endpoint);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.options.log(`backend start failed: ${message}`);
      if (this.child === child) child.kill(); // onChildExit schedules the retry
    } finally {
      this.running = null;
    }
  }

  private readyTimeout(): number {
    return this.options.readyTimeoutMs ?? 120_000;
  }

  private onChildExit(child: BackendChild, code: number | null, startedAt: number): void {
    if (this.child !== child) return;
    this.child = null;
    this.endpoint = null;
    if (this.stopping) {
      this.setStatus('stopped');
      return;
    }
    const ranFor = Date.now() - startedAt;
    this.failures = ranFor >= (this.options.stableAfterMs ?? 60_000) ? 1 : this.failures + 1;
    this.options.log(
      `backend process exited (code ${code}) after ${ranFor} ms; failure ${this.failures} in a row`,
    );
    if (this.failures > (this.options.maxConsecutiveFailures ?? 5)) {
      const message = `the backend failed ${this.failures} times in a row; giving up`;
      this.options.log(message);
      this.setStatus('failed', message);
      for (const waiter of this.readyWaiters.splice(0)) waiter.reject(new Error(message));
      return;
    }
    this.restarts += 1;
    const delay = backoffDelay(this.failures, this.options.backoff ?? DEFAULT_BACKOFF);
    this.options.log(`restarting the backend in ${delay} ms`);
    this.setStatus('restarting', `restart in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.running = this.launchOnce();
    }, delay);
  }

  /** Asks the backend to finish (it hands unfinished jobs back) and waits; kills it after the grace period. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    for (const waiter of this.readyWaiters.splice(0))
      waiter.reject(new Error('the backend is shutting down'));
    const child = this.child;
    if (!child) {
      this.setStatus('stopped');
      return;
    }
    const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
    child.send({ type: 'shutdown' });
    const grace = this.options.shutdownGraceMs ?? 15_000;
    const timer = setTimeout(() => {
      this.options.log(`backend did not stop within ${grace} ms; killing it`);
      child.kill();
    }, grace);
    await exited;
    clearTimeout(timer);
    this.options.log('backend stopped');
  }
}
