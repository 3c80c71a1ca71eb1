/**
 * The composition root: the only place that chooses adapters (PGlite or PostgreSQL, folder store, table queue)
 * and starts the API, the worker or both. Used by `zerosec serve`, the Electron shell and the tests.
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { loadConfig, ConfigError, type BackendConfig } from '../config/config.js';
import { openPgliteDb } from '../adapters/sql-db.pglite.js';
import { openPostgresDb } from '../adapters/sql-db.pg.js';
import { FsBlobStore, loadOrCreateSecret } from '../adapters/blob-store.fs.js';
import { TableJobQueue } from '../adapters/job-queue.pg.js';
import { migrate } from '../core/migrate.js';
import { JobRepository } from '../core/jobs/job-repository.js';
import { JobChangeBus, announcingChanges } from '../core/jobs/job-change-bus.js';
import type { SqlDb } from '../core/ports/sql-db.js';
import { buildApp } from '../api/app.js';
import { WorkerLoop } from '../worker/worker-loop.js';
import { AVAILABLE_JOB_TYPES } from '../worker/available-job-types.js';
import { PACKAGE_ROOT } from '../package-info.js';
import { createLogger } from './logger.js';
import { lockDataDir } from './data-dir-lock.js';

export type BackendMode = 'all' | 'api' | 'worker';

export interface StartBackendOptions {
  mode: BackendMode;
  host?: string;
  port?: number;
  dataDir?: string;
  /** Environment to read settings from (default process.env); explicit options above win. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

export interface RunningBackend {
  url: string | null;
  config: BackendConfig;
  close(): Promise<void>;
}

async function openDb(
  config: BackendConfig,
  mode: BackendMode,
): Promise<{ db: SqlDb; unlock: () => Promise<void> }> {
  if (config.databaseUrl)
    return { db: await openPostgresDb(config.databaseUrl), unlock: async () => undefined };
  if (mode !== 'all') {
    throw new ConfigError(
      `--mode ${mode} runs the API and workers as separate processes, which needs a shared PostgreSQL: set DATABASE_URL. ` +
        'The embedded database belongs to one process (--mode all).',
    );
  }
  const unlock = await lockDataDir(config.dataDir);
  try {
    return { db: await openPgliteDb(path.join(config.dataDir, 'db')), unlock };
  } catch (err) {
    await unlock();
    throw err;
  }
}

export async function startBackend(options: StartBackendOptions): Promise<RunningBackend> {
  const base = loadConfig(options.env);
  const config: BackendConfig = {
    ...base,
    host: options.host ?? base.host,
    port: options.port ?? base.port,
    dataDir: options.dataDir ?? base.dataDir,
  };
  const logger = options.logger ?? createLogger(config.logLevel);
  await mkdir(config.dataDir, { recursive: true });
  const { db, unlock } = await openDb(config, options.mode);
  const closers: Array<() => Promise<void>> = [unlock, () => db.close()];
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const repo = new JobRepository(db);
    let publicUrl = `http://${config.host}:${config.port}`;
    const store = new FsBlobStore({
      root: path.join(config.dataDir, 'objects'),
      secret: config.signingSecret
        ? Buffer.from(config.signingSecret, 'utf8')
        : await loadOrCreateSecret(path.join(config.dataDir, 'signing.key')),
      publicUrl: () => publicUrl,
    });
    const changes = new JobChangeBus();
    const queue = announcingChanges(
      new TableJobQueue(db, { leaseSeconds: config.leaseSeconds, retryBaseSeconds: config.retryBaseSeconds }),
      changes,
    );

    let worker: WorkerLoop | null = null;
    if (options.mode !== 'api') {
      worker = new WorkerLoop({
        queue,
        store,
        logger,
        concurrency: config.workerConcurrency,
        pollIntervalMs: config.pollIntervalMs,
        leaseSeconds: config.leaseSeconds,
        testProgressDelayMs: config.testProgressDelayMs,
      });
    }

    let url: string | null = null;
    if (options.mode !== 'worker') {
      const app = await buildApp({
        db,
        repo,
        store,
        fsStore: store,
        queue,
        logger,
        mode: options.mode === 'all' ? 'embedded' : 'api',
        maxUploadBytes: config.maxUploadBytes,
        maxAttempts: config.maxAttempts,
        signedUrlTtlSeconds: config.signedUrlTtlSeconds,
        availableJobTypes: AVAILABLE_JOB_TYPES,
        onJobCreated: () => worker?.wake(),
        changes,
        rendererDir: path.join(PACKAGE_ROOT, 'dist', 'renderer'),
      });
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      publicUrl = `http://${host}:${address.port}`;
      url = publicUrl;
      closers.unshift(() => app.close());
      logger.info({ url }, 'API listening');
    }
    if (worker) {
      worker.start();
      const w = worker;
      closers.unshift(() => w.stop(config.shutdownGraceMs));
    }

    let closing: Promise<void> | null = null;
    return {
      url,
      config,
      close() {
        closing ??= (async () => {
          for (const close of closers)
            await close().catch((err) => logger.error({ err }, 'shutdown step failed'));
        })();
        return closing;
      },
    };
  } catch (err) {
    for (const close of closers) await close().catch(() => undefined);
    throw err;
  }
}
