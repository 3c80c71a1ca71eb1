/** Entry of the analysis thread: heavy computation runs here so the API and the job loop stay responsive. */
import { parentPort, workerData } from 'node:worker_threads';
import { TASKS } from './tasks/registry.js';
import { TaskError } from './tasks/task.js';
import { TableError } from '../ingest/index.js';
import type { ThreadInput, ThreadMessage } from './thread-protocol.js';

const post = (m: ThreadMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);

async function run(input: ThreadInput): Promise<void> {
  const flag = new Int32Array(input.cancelFlag);
  const controller = new AbortController();
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const task = TASKS[input.jobType];
  if (!task) {
    post({ type: 'error', permanent: true, error: { code: 'ZS_ERR_JOB_TYPE_UNAVAILABLE', message: `No task for ${input.jobType}.` } });
    return;
  }
  try {
    const out = await task({
      parameters: input.parameters,
      input: input.input,
      inputFileName: input.inputFileName,
      signal: controller.signal,
      progress(fraction, stage, message) {
        // The task runs synchronously between checkpoints, so cancellation is polled here from shared memory.
        if (input.progressDelayMs > 0) Atomics.wait(sleeper, 0, 0, input.progressDelayMs);
        if (Atomics.load(flag, 0) === 1) controller.abort();
        controller.signal.throwIfAborted();
        post({ type: 'progress', fraction, stage, message: message ?? null });
      },
    });
    post(
      { type: 'done', body: out.body, warnings: out.warnings, files: out.files, summary: out.summary },
      out.files.map((f) => f.bytes.buffer as ArrayBuffer),
    );
  } catch (err) {
    if (controller.signal.aborted) post({ type: 'cancelled' });
    else if (err instanceof TaskError) post({ type: 'error', permanent: true, error: { code: err.code, message: err.message, details: err.details } });
    else if (err instanceof TableError) {
      post({ type: 'error', permanent: true, error: { code: 'ZS_ERR_INPUT', message: err.message, details: { reason: err.code, ...err.details } } });
    } else {
      const message = err instanceof Error ? err.message : String(err);
      post({ type: 'error', permanent: false, error: { code: 'ZS_ERR_INTERNAL', message, details: { stack: err instanceof Error ? err.stack : undefined } } });
    }
  }
}

await run(workerData as ThreadInput);
