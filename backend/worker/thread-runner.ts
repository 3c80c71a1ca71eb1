/** Runs one task in a fresh analysis thread, relays its progress, and stops it promptly on cancel or shutdown. */
import { Worker } from 'node:worker_threads';
import type { ThreadInput, ThreadMessage } from './thread-protocol.js';

export type ThreadResult = Extract<ThreadMessage, { type: 'done' | 'cancelled' | 'error' }>;

export interface ThreadRun {
  result: Promise<ThreadResult>;
  /** Asks the task to stop at its next checkpoint; terminates the thread if it has not stopped within `graceMs`. */
  cancel(graceMs?: number): void;
}

// Under tsx/vitest this module is TypeScript; the thread then needs a bootstrap that loads TypeScript too.
const runningFromSource = import.meta.url.endsWith('.ts');
const threadEntry = new URL(runningFromSource ? './analysis-thread.dev.mjs' : './analysis-thread.js', import.meta.url);

export function runInThread(
  input: Omit<ThreadInput, 'cancelFlag'>,
  onProgress: (m: Extract<ThreadMessage, { type: 'progress' }>) => void,
): ThreadRun {
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  const data: ThreadInput = { ...input, cancelFlag };
  const worker = new Worker(threadEntry, { workerData: data });
  let settled = false;
  let killTimer: NodeJS.Timeout | undefined;

  const result = new Promise<ThreadResult>((resolve) => {
    const finish = (r: ThreadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      resolve(r);
      void worker.terminate();
    };
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'progress') onProgress(m);
      else finish(m);
    });
    worker.on('error', (err) =>
      finish({ type: 'error', permanent: false, error: { code: 'ZS_ERR_INTERNAL', message: err.message } }),
    );
    worker.on('exit', (code) => {
      if (Atomics.load(flag, 0) === 1) finish({ type: 'cancelled' });
      else finish({ type: 'error', permanent: false, error: { code: 'ZS_ERR_INTERNAL', message: `Analysis thread exited with code ${code}.` } });
    });
  });

  return {
    result,
    cancel(graceMs = 1000) {
      Atomics.store(flag, 0, 1);
      if (!settled && !killTimer) killTimer = setTimeout(() => void worker.terminate(), graceMs);
    },
  };
}
