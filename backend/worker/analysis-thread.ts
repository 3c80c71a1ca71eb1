/**
 * Entry of an analysis thread: heavy computation runs here so the API and the job loop stay responsive.
 * The thread stays alive between tasks, so its modules load once, not once per job.
 */
import { parentPort } from 'node:worker_threads';
import { TASKS } from './tasks/registry.js';
import { TaskError } from './tasks/task.js';
import { TableError } from '../ingest/index.js';
import type { TaskEvent, TaskRequest, ThreadMessage } from './thread-protocol.js';

/** Smallest progress change (of the whole task) worth a message. */
const PROGRESS_STEP = 0.05;

async function run(req: TaskRequest): Promise<void> {
  const post = (e: TaskEvent, transfer: ArrayBuffer[] = []) =>
    parentPort!.postMessage({ ...e, runId: req.runId } satisfies ThreadMessage, transfer);
  const flag = new Int32Array(req.cancelFlag);
  const controller = new AbortController();
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let lastStage = '';
  let lastFraction = -1;
  const task = TASKS[req.jobType];
  if (!task) {
    post({
      type: 'error',
      permanent: true,
      error: { code: 'ZS_ERR_JOB_TYPE_UNAVAILABLE', message: `No task for ${req.jobType}.` },
    });
    return;
  }
  try {
    const out = await task({
      parameters: req.parameters,
      input: req.input,
      inputFileName: req.inputFileName,
      references: req.references,
      signal: controller.signal,
      progress(fraction, stage, message) {
        // The task runs synchronously between checkpoints, so cancellation is polled here from shared memory,
        // at every checkpoint; progress is posted only when it moved visibly, to keep messages few.
        if (Atomics.load(flag, 0) === 1) controller.abort();
        controller.signal.throwIfAborted();
        if (stage === lastStage && fraction - lastFraction < PROGRESS_STEP) return;
        lastStage = stage;
        lastFraction = fraction;
        if (req.progressDelayMs > 0) {
          Atomics.wait(sleeper, 0, 0, req.progressDelayMs);
          if (Atomics.load(flag, 0) === 1) controller.abort();
          controller.signal.throwIfAborted();
        }
        post({ type: 'progress', fraction, stage, message: message ?? null });
      },
    });
    post(
      { type: 'done', body: out.body, warnings: out.warnings, files: out.files, summary: out.summary },
      out.files.map((f) => f.bytes.buffer as ArrayBuffer),
    );
  } catch (err) {
    if (controller.signal.aborted) post({ type: 'cancelled' });
    else if (err instanceof TaskError) {
      post({
        type: 'error',
        permanent: true,
        error: { code: err.code, message: err.message, details: err.details },
      });
    } else if (err instanceof TableError) {
      post({
        type: 'error',
        permanent: true,
        error: { code: 'ZS_ERR_INPUT', message: err.message, details: { reason: err.code, ...err.details } },
      });
    } else {
      const message = err instanceof Error ? err.message : String(err);
      const stack = err instanceof Error ? err.stack : undefined;
      post({
        type: 'error',
        permanent: false,
        error: { code: 'ZS_ERR_INTERNAL', message, details: { stack } },
      });
    }
  }
}

parentPort!.on('message', (req: TaskRequest) => void run(req));
