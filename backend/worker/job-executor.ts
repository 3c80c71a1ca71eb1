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

export async function executeJob(job: ClaimedJob, deps: ExecutorDeps, shutdown: AbortSignal): Promise<void> {
  const log = deps.logger.child({ job_id: job.jobId, job_type: job.jobType, attempt: job.attempts });
  const { queue, workerId } = deps;
  log.info('job started');
  const finish = async (outcome: JobOutcome) => {
    const recorded = await queue.finish(job.jobId, workerId, outcome);
    if (!recorded)
      log.warn({ outcome: outcome.kind }, 'lease lost before the job could be finished; result discarded');
    else log.info({ outcome: outcome.kind }, 'job finished');
  };

  await queue.reportProgress(job.jobId, workerId, { progress: 1, stage: 'downloading_input', message: null });
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
    await queue.reportProgress(job.jobId, workerId, {
      progress: 92,
      stage: 'uploading_outputs',
      message: null,
      status: 'uploading_outputs',
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
