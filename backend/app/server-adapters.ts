/**
 * Chooses the object store (folder or S3) and the queue (jobs table or SQS with its outbox relay and dead-letter
 * monitor) from the deployment configuration; part of the composition root, the only place that picks adapters.
 */
import path from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import type { BackendConfig } from '../config/config.js';
import type { DeploymentConfig } from './deployment-config.js';
import type { BlobStore } from '../core/ports/blob-store.js';
import type { JobQueue } from '../core/ports/job-queue.js';
import type { SqlDb } from '../core/ports/sql-db.js';
import { FsBlobStore, loadOrCreateSecret } from '../adapters/blob-store.fs.js';
import { S3BlobStore } from '../adapters/blob-store.s3.js';
import { TableJobQueue } from '../adapters/job-queue.pg.js';
import { SqsJobQueue } from '../adapters/job-queue.sqs.js';
import { OutboxRelay } from '../adapters/sqs-outbox-relay.js';
import { DeadLetterMonitor } from '../adapters/sqs-dead-letters.js';

export interface ChosenStore {
  store: BlobStore;
  /** Set for the folder store, which the API serves through its own signed URLs. */
  fsStore: FsBlobStore | null;
  close(): void;
}

export async function openBlobStore(
  config: BackendConfig,
  deployment: DeploymentConfig,
  publicUrl: () => string,
): Promise<ChosenStore> {
  const b = deployment.blobStore;
  if (b.kind === 's3') {
    const { kind: _kind, ...settings } = b;
    const store = new S3BlobStore(settings);
    return { store, fsStore: null, close: () => store.close() };
  }
  const store = new FsBlobStore({
    root: path.join(config.dataDir, 'objects'),
    secret: config.signingSecret
      ? Buffer.from(config.signingSecret, 'utf8')
      : await loadOrCreateSecret(path.join(config.dataDir, 'signing.key')),
    publicUrl,
  });
  // Staging files a killed process left behind; a day is far longer than any single write.
  await store.sweepStaging(24 * 3600 * 1000);
  return { store, fsStore: store, close: () => undefined };
}

export interface ChosenQueue {
  queue: JobQueue;
  /** Health of the queue itself (SQS); the table queue is as healthy as the database. */
  check: (() => Promise<boolean>) | null;
  /** Called after this process committed a job (publishes the outbox at once). */
  jobCreated(): void;
  /** Background work: the SQS outbox relay and dead-letter monitor (every process runs them; they share safely). */
  start(onDeadLettered: (jobId: string) => void): void;
  /** Makes a waiting claim return at once, before the worker stops. */
  stopClaiming(): void;
  close(): Promise<void>;
}

export function openJobQueue(
  db: SqlDb,
  config: BackendConfig,
  deployment: DeploymentConfig,
  logger: Logger,
): ChosenQueue {
  const table = new TableJobQueue(db, {
    leaseSeconds: config.leaseSeconds,
    retryBaseSeconds: config.retryBaseSeconds,
  });
  const q = deployment.queue;
  if (q.kind === 'pg') {
    return {
      queue: table,
      check: null,
      jobCreated: () => undefined,
      start: () => undefined,
      stopClaiming: () => undefined,
      close: async () => undefined,
    };
  }
  const client = new SQSClient({
    region: q.region,
    ...(q.endpoint ? { endpoint: q.endpoint } : {}),
    ...(q.credentials ? { credentials: q.credentials } : {}),
  });
  const log = logger.child({ component: 'sqs' });
  const queue = new SqsJobQueue(db, table, {
    client,
    queueUrl: q.queueUrl,
    leaseSeconds: config.leaseSeconds,
    waitTimeSeconds: q.waitTimeSeconds,
    logger: log,
  });
  const relay = new OutboxRelay(db, {
    client,
    queueUrl: q.queueUrl,
    intervalMs: q.relayIntervalMs,
    logger: log,
  });
  let monitor: DeadLetterMonitor | null = null;
  return {
    queue,
    check: () => queue.check(),
    jobCreated: () => relay.wake(),
    start(onDeadLettered) {
      relay.start();
      monitor = new DeadLetterMonitor(db, {
        client,
        dlqUrl: q.dlqUrl,
        waitTimeSeconds: q.waitTimeSeconds,
        logger: log,
        onFailed: onDeadLettered,
      });
      monitor.start();
    },
    stopClaiming: () => queue.stopClaiming(),
    async close() {
      queue.stopClaiming();
      await Promise.all([relay.stop(), monitor?.stop()]);
      client.destroy();
    },
  };
}
