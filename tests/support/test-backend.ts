/** Starts a real embedded backend (PGlite, folder store, worker threads) in a fresh temp folder for one test file. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  startBackend,
  type RunningBackend,
  type StartBackendOptions,
} from '../../backend/app/start-backend.js';

/** Settings that make leases, retries and polling fast enough for tests. */
export const FAST_TEST_ENV = {
  ZEROSEC_LOG_LEVEL: 'silent',
  ZEROSEC_LEASE_SECONDS: '2',
  ZEROSEC_RETRY_BASE_SECONDS: '0.2',
  ZEROSEC_POLL_INTERVAL_MS: '100',
  ZEROSEC_SHUTDOWN_GRACE_MS: '500',
} as const;

export interface TestBackend extends RunningBackend {
  url: string;
  dataDir: string;
  /** Stops the backend and deletes its folder. */
  dispose(): Promise<void>;
}

export async function startTestBackend(
  env: Record<string, string> = {},
  options: Partial<StartBackendOptions> = {},
): Promise<TestBackend> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-test-'));
  const backend = await startBackend({
    mode: 'all',
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env: { ...FAST_TEST_ENV, ...env },
    ...options,
  });
  return {
    ...backend,
    url: backend.url!,
    dataDir,
    async dispose() {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
