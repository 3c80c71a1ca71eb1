/**
 * A fixed set of warm analysis threads (one per concurrent job): loading the engine costs a few hundred
 * milliseconds, so threads are reused; a thread that will not stop on cancel is terminated and replaced.
 */
import { Worker } from 'node:worker_threads';
import type { TaskEvent, TaskRequest, ThreadMessage } from './thread-protocol.js';

export type TaskResult = Extract<TaskEvent, { type: 'done' | 'cancelled' | 'error' }>;
export type TaskInput = Omit<TaskRequest, 'type' | 'runId' | 'cancelFlag'>;

export interface TaskRun {
  result: Promise<TaskResult>;
  /** Asks the task to stop at its next checkpoint; terminates its thread if it has not stopped within `graceMs`. */
  cancel(graceMs?: number): void;
}

// Under tsx/vitest this module is TypeScript; the thread then needs a bootstrap that loads TypeScript too.
const runningFromSource = import.meta.url.endsWith('.ts');
const THREAD_ENTRY = new URL(
  runningFromSource ? './analysis-thread.dev.mjs' : './analysis-thread.js',
  import.meta.url,
);

interface Slot {
  worker: Worker;
  busy: boolean;
}

export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private nextRunId = 1;
  private closed = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.slots.push({ worker: this.spawn(), busy: false });
  }

  private spawn(): Worker {
    const worker = new Worker(THREAD_ENTRY);
    worker.unref();
    // A crash inside a thread surfaces as its 'exit', handled per task; without a listener it would kill the process.
    worker.on('error', () => undefined);
    return worker;
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  run(input: TaskInput, onProgress: (e: Extract<TaskEvent, { type: 'progress' }>) => void): TaskRun {
    if (this.closed) throw new Error('thread pool is closed');
    const cancelFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelFlag);
    const runId = this.nextRunId++;
    let killTimer: NodeJS.Timeout | undefined;
    let slotRef: Slot | undefined;
    let settled = false;

    const result = this.acquire().then(
      (slot) =>
        new Promise<TaskResult>((resolve) => {
          slotRef = slot;
          const worker = slot.worker;
          const cleanup = () => {
            clearTimeout(killTimer);
            worker.off('message', onMessage);
            worker.off('exit', onExit);
          };
          const finish = (r: TaskResult, threadAlive: boolean) => {
            settled = true;
            cleanup();
            if (!threadAlive && !this.closed) slot.worker = this.spawn();
            this.release(slot);
            resolve(r);
          };
          const onMessage = (m: ThreadMessage) => {
            if (m.runId !== runId) return;
            if (m.type === 'progress') onProgress(m);
            else finish(m, true);
          };
          const onExit = (code: number) =>
            finish(
              Atomics.load(flag, 0) === 1
                ? { type: 'cancelled' }
                : {
                    type: 'error',
                    permanent: false,
                    error: { code: 'ZS_ERR_INTERNAL', message: `Analysis thread exited with code ${code}.` },
                  },
              false,
            );
          worker.on('message', onMessage);
          worker.once('exit', onExit);
          if (Atomics.load(flag, 0) === 1) return finish({ type: 'cancelled' }, true);
          const request: TaskRequest = { type: 'run', runId, cancelFlag, ...input };
          worker.postMessage(request);
        }),
    );

    return {
      result,
      cancel: (graceMs = 1000) => {
        if (settled) return;
        Atomics.store(flag, 0, 1);
        killTimer ??= setTimeout(() => void slotRef?.worker.terminate(), graceMs);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
