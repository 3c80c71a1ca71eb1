/**
 * The composition root: the only place that chooses adapters (PGlite or PostgreSQL, folder or S3 store, table or SQS
 * queue) and starts the API, the worker or both. Used by `zerosec serve`, the Electron shell and the tests.
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { loadConfig, ConfigError, type BackendConfig } from '../config/config.js';
import { openPgliteDb } from '../adapters/sql-db.pglite.js';
import { openPostgresDb } from '../adapters/sql-db.pg.js';
import { migrate } from '../core/migrate.js';
import { JobRepository } from '../core/jobs/job-repository.js';
import { ApiTokenRepository } from '../core/auth/api-tokens.js';
import { JobChangeBus, announcingChanges } from '../core/jobs/job-change-bus.js';
import type { SqlDb } from '../core/ports/sql-db.js';
import { buildApp } from '../api/app.js';
import type { DesktopAccessOptions } from '../api/plugins/desktop-access.js';
import type { JobType } from '../../src-shared/api/job-types.js';
import { WorkerLoop } from '../worker/worker-loop.js';
import { AVAILABLE_JOB_TYPES } from '../worker/available-job-types.js';
import { PACKAGE_ROOT } from '../package-info.js';
import { createLogger } from './logger.js';
import { lockDataDir } from './data-dir-lock.js';
import { loadDeploymentConfig } from './deployment-config.js';
import { withDatabaseUrl } from './database-url.js';
import { openBlobStore, openJobQueue } from './server-adapters.js';

export type BackendMode = 'all' | 'api' | 'worker';

export interface StartBackendOptions {
  mode: BackendMode;
  host?: string;
  port?: number;
  dataDir?: string;
  /** Jobs this process runs at once (worker modes); default ZEROSEC_WORKER_CONCURRENCY. */
  concurrency?: number;
  /** Environment to read settings from (default process.env); explicit options above win. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Only from the desktop shell (embedded mode): its page's origin for CORS and the per-launch API token. */
  desktopAccess?: DesktopAccessOptions;
  /** Job types the API accepts (default: every type this build can run); tests narrow it. */
  availableJobTypes?: ReadonlySet<JobType>;
}

export interface RunningBackend {
  url: string | null;
  config: BackendConfig;
  close(): Promise<void>;
}

/** Opens the metadata database this configuration names (PostgreSQL, else the data folder's PGlite, locked). */
export async function openDb(
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
  const env = withDatabaseUrl(options.env ?? process.env);
  const base = loadConfig(env);
  const deployment = loadDeploymentConfig(env);
  const config: BackendConfig = {
    ...base,
    host: options.host ?? base.host,
    port: options.port ?? base.port,
    dataDir: options.dataDir ?? base.dataDir,
    workerConcurrency: options.concurrency ?? base.workerConcurrency,
  };
  const logger = options.logger ?? createLogger(config.logLevel);
  await mkdir(config.dataDir, { recursive: true });
  const { db, unlock } = await openDb(config, options.mode);
  // Run in this order at shutdown; each step is added as soon as what it stops exists.
  const steps: Record<'claims' | 'api' | 'worker' | 'queue' | 'store' | 'db', Array<() => Promise<void>>> = {
    claims: [],
    api: [],
    worker: [],
    queue: [],
    store: [],
    db: [unlock, () => db.close()],
  };
  const closers = () => Object.values(steps).flat();
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const repo = new JobRepository(db);
    let publicUrl = `http://${config.host}:${config.port}`;
    const { store, fsStore, close: closeStore } = await openBlobStore(config, deployment, () => publicUrl);
    steps.store.push(async () => closeStore());
    const chosen = openJobQueue(db, config, deployment, logger);
    steps.queue.push(() => chosen.close());
    steps.claims.push(async () => chosen.stopClaiming());
    const changes = new JobChangeBus();
    const queue = announcingChanges(chosen.queue, changes);
    chosen.start((jobId) => changes.changed(jobId));

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
        jobs: repo,
      });
    }

    let url: string | null = null;
    // The desktop shell's per-launch token guards an embedded backend it started; team servers use stored tokens.
    const desktopAccess = options.mode === 'all' ? options.desktopAccess : undefined;
    const tokenAuth = config.auth === 'tokens' && !desktopAccess;
    if (options.mode === 'api' && !tokenAuth)
      logger.warn(
        'ZEROSEC_AUTH is not "tokens": anyone who can reach this API can use it (see docs/deployment.md)',
      );
    if (options.mode !== 'worker') {
      const app = await buildApp({
        db,
        repo,
        store,
        fsStore,
        queue,
        ...(chosen.check ? { checkQueue: chosen.check } : {}),
        logger,
        mode: options.mode === 'all' ? 'embedded' : 'api',
        maxUploadBytes: config.maxUploadBytes,
        maxAttempts: config.maxAttempts,
        signedUrlTtlSeconds: config.signedUrlTtlSeconds,
        availableJobTypes: options.availableJobTypes ?? AVAILABLE_JOB_TYPES,
        onJobCreated: () => {
          chosen.jobCreated();
          worker?.wake();
        },
        changes,
        rendererDir: path.join(PACKAGE_ROOT, 'dist', 'renderer'),
        // CORS for the desktop page and its per-launch token: only when the desktop shell starts this backend.
        ...(desktopAccess ? { desktopAccess } : {}),
        ...(tokenAuth ? { tokens: new ApiTokenRepository(db) } : {}),
        corsOrigins: config.corsOrigins,
        ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
      });
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      publicUrl = `http://${host}:${address.port}`;
      url = publicUrl;
      steps.api.push(() => app.close());
      logger.info({ url }, 'API listening');
    }
    if (worker) {
      worker.start();
      const w = worker;
      steps.worker.push(() => w.stop(config.shutdownGraceMs));
    }

    let closing: Promise<void> | null = null;
    return {
      url,
      config,
      close() {
        closing ??= (async () => {
          for (const close of closers())
            await close().catch((err) => logger.error({ err }, 'shutdown step failed'));
        })();
        return closing;
      },
    };
  } catch (err) {
    for (const close of closers()) await close().catch(() => undefined);
    throw err;
  }
}
