/** Runs one claimed job end to end: input download, analysis thread, artifacts, result.json, final state. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import type { BlobStore } from '../core/ports/blob-store.js';
import type { ClaimedJob, JobOutcome, JobQueue } from '../core/ports/job-queue.js';
import { outputKey } from '../core/object-keys.js';
import { artifactTypeOf, type Artifact } from '../../src-shared/api/artifacts.js';
import { RESULT_SCHEMA_VERSION, ResultEnvelope } from '../../src-shared/api/results.js';
import { APP_VERSION } from '../package-info.js';
import type { ThreadPool, TaskResult } from './thread-pool.js';
import { AppError } from '../core/errors.js';
import { ReferenceProblem, type JobLookup } from '../core/jobs/referenced-jobs.js';
import { loadReferencedJobs } from './referenced-inputs.js';
import type { ReferencedJob } from './tasks/task.js';
import { isUnavailable, retryWhileUnavailable } from './retry-while-unavailable.js';

export interface ExecutorDeps {
  queue: JobQueue;
  store: BlobStore;
  logger: Logger;
  workerId: string;
  leaseSeconds: number;
  testProgressDelayMs: number;
  threads: ThreadPool;
  /** Reads the jobs a job refers to (a prediction's model job). */
  jobs: JobLookup;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
// Progress of the analysis maps to 5..90 %; downloading and uploading take the rest.
const ANALYSIS_FROM = 5;
const ANALYSIS_TO = 90;
const PROGRESS_WRITE_INTERVAL_MS = 250;
// How long a finished job waits for an unreachable database to record its outcome. Past it the job is left to its
// lease: it expires and the job runs again, so a longer outage costs an attempt but never loses the job.
const RECORD_OUTCOME_PATIENCE_MS = 120_000;

export async function executeJob(job: ClaimedJob, deps: ExecutorDeps, shutdown: AbortSignal): Promise<void> {
  const log = deps.logger.child({ job_id: job.jobId, job_type: job.jobType, attempt: job.attempts });
  const { queue, workerId } = deps;
  log.info('job started');
  const untilRecorded = <T>(what: string, fn: () => Promise<T>) =>
    retryWhileUnavailable(fn, {
      logger: log,
      what,
      giveUpAfterMs: RECORD_OUTCOME_PATIENCE_MS,
      signal: shutdown,
    });
  const finish = async (outcome: JobOutcome) => {
    // finish() only applies while this worker still holds the lease, so repeating it after a lost answer is safe.
    const recorded = await untilRecorded('recording the outcome', () =>
      queue.finish(job.jobId, workerId, outcome),
    );
    if (!recorded)
      log.warn({ outcome: outcome.kind }, 'lease lost before the job could be finished; result discarded');
    else log.info({ outcome: outcome.kind }, 'job finished');
  };

  // Progress is for display only: a database hiccup here must not stop the job.
  await queue
    .reportProgress(job.jobId, workerId, { progress: 1, stage: 'downloading_input', message: null })
    .catch((err) => log.warn({ err }, 'progress not recorded'));
  let input: Uint8Array;
  try {
    input = await deps.store.get(job.inputKey);
  } catch (err) {
    const missing = err instanceof AppError && err.statusCode === 404;
    await finish({
      kind: 'failed',
      retryable: !missing,
      error: {
        code: missing ? 'ZS_ERR_INPUT' : 'ZS_ERR_INTERNAL',
        message: missing ? 'The input file is missing from the store.' : String(err),
      },
    });
    return;
  }
  const inputSha256 = sha256(input);

  let references: ReferencedJob[];
  try {
    references = await loadReferencedJobs(deps.jobs, deps.store, job.jobType, job.parameters);
  } catch (err) {
    const problem = err instanceof ReferenceProblem;
    await finish({
      kind: 'failed',
      retryable: !problem,
      error: problem
        ? { code: 'ZS_ERR_INPUT', message: `${err.field}: ${err.message}`, details: { field: err.field } }
        : { code: 'ZS_ERR_INTERNAL', message: `Reading the referenced job's files failed: ${String(err)}` },
    });
    return;
  }

  let lastWrite = 0;
  let lastStage = '';
  const run = deps.threads.run(
    {
      jobType: job.jobType,
      parameters: job.parameters,
      input,
      inputFileName: path.posix.basename(job.inputKey),
      references,
      progressDelayMs: deps.testProgressDelayMs,
    },
    (m) => {
      const now = Date.now();
      if (m.stage === lastStage && now - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
      lastWrite = now;
      lastStage = m.stage;
      const progress = ANALYSIS_FROM + (ANALYSIS_TO - ANALYSIS_FROM) * m.fraction;
      void queue
        .reportProgress(job.jobId, workerId, { progress, stage: m.stage, message: m.message })
        .catch((err) => log.warn({ err }, 'progress not recorded'));
    },
  );

  // Heartbeats extend the lease and carry cancel requests; often enough that a cancel lands within 2 s.
  let leaseLost = false;
  const beatMs = Math.min(500, (deps.leaseSeconds * 1000) / 3);
  const heartbeat = setInterval(() => {
    queue
      .extendLease(job.jobId, workerId)
      .then((lease) => {
        if (!lease.held) {
          leaseLost = true;
          run.cancel(0);
        } else if (lease.cancelRequested) run.cancel();
      })
      .catch((err) => log.warn({ err }, 'heartbeat failed'));
  }, beatMs);
  const onShutdown = () => run.cancel();
  shutdown.addEventListener('abort', onShutdown, { once: true });

  let result: TaskResult;
  try {
    result = await run.result;
  } finally {
    shutdown.removeEventListener('abort', onShutdown);
  }
  try {
    if (leaseLost) {
      log.warn('lease lost while running; another worker owns the job now');
      return;
    }
    if (result.type === 'cancelled') {
      await finish(shutdown.aborted ? { kind: 'released' } : { kind: 'cancelled' });
      return;
    }
    if (result.type === 'error') {
      if (!result.permanent) log.error({ err: result.error }, 'job attempt failed');
      const { details: _stack, ...publicError } = result.error;
      await finish({
        kind: 'failed',
        retryable: !result.permanent,
        error: result.permanent ? result.error : publicError,
      });
      return;
    }
    // Outputs go to fixed keys, so a worker that lost its lease (heartbeats failed during a database outage and
    // another worker took the job over) must not write them over the new owner's. Renewing the lease here also
    // gives this worker a full lease for the upload and the final write.
    const lease = await untilRecorded('checking the lease', () => queue.extendLease(job.jobId, workerId));
    if (!lease.held) {
      log.warn('lease lost before the outputs were written; another worker owns the job now');
      return;
    }
    await queue
      .reportProgress(job.jobId, workerId, {
        progress: 92,
        stage: 'uploading_outputs',
        message: null,
        status: 'uploading_outputs',
      })
      .catch((err) => log.warn({ err }, 'progress not recorded'));
    // Provenance is a record, not the result: a failed read leaves it out rather than failing a finished job.
    const inputSource = await deps.jobs.inputSourceOf?.(job.jobId).catch((err: unknown) => {
      log.warn({ err }, 'input source not read');
      return null;
    });
    const envelope = ResultEnvelope.parse({
      job_id: job.jobId,
      job_type: job.jobType,
      schema_version: RESULT_SCHEMA_VERSION,
      engine_version: APP_VERSION,
      input_sha256: inputSha256,
      parameters: job.parameters,
      started_at: job.startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      warnings: result.warnings,
      ...(inputSource ? { input_source: inputSource } : {}),
      body: result.body,
    });
    const files = [
      { name: 'result.json', bytes: new TextEncoder().encode(JSON.stringify(envelope, null, 2)) },
      ...result.files,
    ];
    const artifacts: Artifact[] = [];
    for (const f of files) {
      const type = artifactTypeOf(f.name);
      if (!type) throw new Error(`task produced a file of unknown type: ${f.name}`);
      const key = outputKey(job.jobId, f.name);
      await deps.store.put(key, f.bytes, type.content_type);
      artifacts.push({
        file_key: key,
        file_name: f.name,
        ...type,
        size_bytes: f.bytes.byteLength,
        sha256: sha256(f.bytes),
        created_at: new Date().toISOString(),
      });
    }
    await finish({ kind: 'completed', inputSha256, artifacts, message: result.summary });
  } catch (err) {
    if (isUnavailable(err)) {
      log.error({ err }, 'job outcome not recorded: the database stayed unavailable; the job will run again');
      return;
    }
    log.error({ err }, 'job could not be finished');
    await finish({
      kind: 'failed',
      retryable: true,
      error: { code: 'ZS_ERR_INTERNAL', message: 'Saving the results failed.' },
    }).catch((e) => log.error({ err: e }, 'could not record the failure'));
  } finally {
    clearInterval(heartbeat);
  }
}
