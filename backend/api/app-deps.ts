/** What the HTTP API needs from the rest of the backend; the composition root fills it in. */
import type { Logger } from 'pino';
import type { BlobStore } from '../core/ports/blob-store.js';
import type { JobQueue } from '../core/ports/job-queue.js';
import type { SqlDb } from '../core/ports/sql-db.js';
import type { JobRepository } from '../core/jobs/job-repository.js';
import type { FsBlobStore } from '../adapters/blob-store.fs.js';
import type { JobType } from '../../src-shared/api/job-types.js';
import type { JobChangeBus } from '../core/jobs/job-change-bus.js';
import type { DesktopAccessOptions } from './plugins/desktop-access.js';
import type { TokenCheck } from './plugins/token-auth.js';

export interface ApiDeps {
  db: SqlDb;
  repo: JobRepository;
  store: BlobStore;
  /** Set when the object store is the embedded folder, which the API then serves through signed URLs. */
  fsStore: FsBlobStore | null;
  queue: JobQueue;
  /** Health of a queue that is not the database (SQS); absent when the jobs table is the queue. */
  checkQueue?: () => Promise<boolean>;
  logger: Logger;
  mode: string;
  maxUploadBytes: number;
  maxAttempts: number;
  signedUrlTtlSeconds: number;
  availableJobTypes: ReadonlySet<JobType>;
  /** Called after a job is stored, so an in-process worker can claim it at once. */
  onJobCreated: () => void;
  /** Folder of the built renderer to serve at `/`; null to serve none. */
  rendererDir: string | null;
  /** Announces job changes made in this process; SSE streams wake on it. */
  changes: JobChangeBus;
  /** How often an SSE stream re-reads its job when nothing was announced (the worker may be another process). */
  eventPollMs?: number;
  /** Set when the desktop shell started this backend: its page's origin (CORS) and per-launch token. */
  desktopAccess?: DesktopAccessOptions;
  /** Set on team servers (ZEROSEC_AUTH=tokens): every API request needs a token, and users see only their own data. */
  tokens?: TokenCheck;
  /** Page origins allowed to call the API from a browser (CORS) besides the desktop page; none by default. */
  corsOrigins?: readonly string[];
  /** API requests allowed per token (or per client address without one) in each window; absent: no limit. */
  rateLimit?: { max: number; windowSeconds: number };
}
