/**
 * A few warm worker threads that run the engine's named pure kernels (backend/analysis/parallel/kernels.ts) on
 * many items, so independent work (exchange starts, forest trees) uses every core while the engine stays free of
 * threads. Usage: `pool.map(kernel, shared, items, { signal, onResult })` resolves to the results in item order.
 *
 * - Shared inputs go to each thread once per call: top-level typed arrays are copied once into shared memory
 *   (unless they already live there) and every thread reads the same bytes; items and results are cloned.
 * - Items are handed out one at a time to whichever thread is free, so a slow item does not hold up the others;
 *   results do not depend on the thread count because each item's result depends only on (shared, item).
 * - Cancellation: an aborted signal (or an `onResult` that throws) sets a flag in shared memory that the kernels'
 *   signal reads; a thread still busy after `cancelGraceMs` is terminated and replaced on the next call.
 * - Calls on one pool run one after another. Threads are unref'd: an idle pool never keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ComputeKernel, MapOptions, ParallelMap } from '../../analysis/parallel/parallel-map.js';
import type { FromComputeThread, SerializedError, ToComputeThread } from './compute-protocol.js';

export interface ComputePoolOptions {
  /** Worker threads (default: os.availableParallelism()). */
  threads?: number;
  /** How long a cancelled kernel may run on before its thread is terminated (default 1000 ms). */
  cancelGraceMs?: number;
}

// Under tsx/vitest this module is TypeScript; the thread then needs a bootstrap that loads TypeScript too.
const runningFromSource = import.meta.url.endsWith('.ts');
const THREAD_ENTRY = new URL(
  runningFromSource ? './compute-thread.dev.mjs' : './compute-thread.js',
  import.meta.url,
);

interface Slot {
  worker: Worker;
  /** Index of the item it is running, or −1. */
  running: number;
  onMessage: ((m: FromComputeThread) => void) | null;
  onExit: ((code: number) => void) | null;
}

type TypedArray = Exclude<ArrayBufferView, DataView>;

/** A copy of `a` over a SharedArrayBuffer (or `a` itself if it already is over one). */
function toShared<T extends TypedArray>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  (out as unknown as { set(src: T): void }).set(a);
  return out;
}

/** `shared` with its top-level typed arrays moved to shared memory (other values unchanged). */
function shareInputs(shared: unknown): unknown {
  if (shared === null || typeof shared !== 'object' || ArrayBuffer.isView(shared)) {
    return ArrayBuffer.isView(shared) && !(shared instanceof DataView) ? toShared(shared) : shared;
  }
  if (Array.isArray(shared)) return shared;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(shared as Record<string, unknown>))
    out[k] = ArrayBuffer.isView(v) && !(v instanceof DataView) ? toShared(v) : v;
  return out;
}

function revive(e: SerializedError): Error {
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}

export class ComputePool implements ParallelMap {
  readonly lanes: number;
  private readonly graceMs: number;
  private readonly slots: Array<Slot | null>;
  private queue: Promise<unknown> = Promise.resolve();
  /** Settles when the threads still busy with a stopped call have answered or been terminated. */
  private draining: Promise<unknown> = Promise.resolve();
  private nextCallId = 1;
  private closed = false;

  constructor(options: ComputePoolOptions = {}) {
    this.lanes = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
    this.graceMs = options.cancelGraceMs ?? 1000;
    this.slots = Array.from({ length: this.lanes }, () => null);
  }

  private slot(k: number): Slot {
    const existing = this.slots[k];
    if (existing) return existing;
    const worker = new Worker(THREAD_ENTRY);
    worker.unref();
    const slot: Slot = { worker, running: -1, onMessage: null, onExit: null };
    worker.on('message', (m: FromComputeThread) => slot.onMessage?.(m));
    // A crash surfaces as 'exit' (handled per call); without an 'error' listener it would kill the process.
    worker.on('error', () => undefined);
    worker.once('exit', (code) => {
      if (this.slots[k] === slot) this.slots[k] = null;
      slot.onExit?.(code);
    });
    this.slots[k] = slot;
    return slot;
  }

  map<S, I, R, C>(
    kernel: ComputeKernel<S, I, R, C>,
    shared: S,
    items: readonly I[],
    options: MapOptions<R> = {},
  ): Promise<R[]> {
    const call = this.queue.then(() => this.draining).then(() => this.run(kernel, shared, items, options));
    this.queue = call.catch(() => undefined);
    return call;
  }

  private run<S, I, R, C>(
    kernel: ComputeKernel<S, I, R, C>,
    shared: S,
    items: readonly I[],
    options: MapOptions<R>,
  ): Promise<R[]> {
    if (this.closed) return Promise.reject(new Error('compute pool is closed'));
    options.signal?.throwIfAborted();
    if (items.length === 0) return Promise.resolve([]);
    const callId = this.nextCallId++;
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const results = new Array<R>(items.length);
    const used = Array.from({ length: Math.min(this.lanes, items.length) }, (_, k) => this.slot(k));
    const sharedInputs = shareInputs(shared);
    let next = 0;
    let done = 0;

    return new Promise<R[]>((resolve, reject) => {
      let settled = false;
      const signal = options.signal as (MapOptions<R>['signal'] & Partial<EventTarget>) | undefined;
      const onAbort = () => {
        try {
          signal!.throwIfAborted();
        } catch (err) {
          stop(err);
        }
      };
      const cleanup = () => {
        settled = true;
        signal?.removeEventListener?.('abort', onAbort);
        for (const s of used) {
          s.onMessage = null;
          s.onExit = null;
          if (this.slots.includes(s))
            s.worker.postMessage({ type: 'release', callId } satisfies ToComputeThread);
        }
      };
      const stop = (err: unknown) => {
        if (settled) return;
        Atomics.store(flag, 0, 1);
        const busy = used.filter((s) => s.running >= 0);
        cleanup();
        this.draining = Promise.all(
          busy.map(
            (s) =>
              new Promise<void>((drained) => {
                // The kernel should notice the flag at its next checkpoint; if not, the thread is replaced.
                const timer = setTimeout(() => void s.worker.terminate(), this.graceMs);
                const finish = () => {
                  clearTimeout(timer);
                  s.running = -1;
                  s.onMessage = null;
                  s.onExit = null;
                  drained();
                };
                s.onMessage = (m) => {
                  if (m.callId === callId) finish();
                };
                s.onExit = finish;
              }),
          ),
        );
        reject(err);
      };
      const dispatch = (s: Slot) => {
        if (next >= items.length) return;
        s.running = next++;
        s.worker.postMessage({
          type: 'run',
          callId,
          index: s.running,
          item: items[s.running],
        } satisfies ToComputeThread);
      };
      for (const s of used) {
        s.onMessage = (m) => {
          if (m.callId !== callId || settled) return;
          s.running = -1;
          if (m.type === 'error') return stop(revive(m.error));
          results[m.index] = m.result as R;
          done++;
          try {
            if (signal?.aborted) signal.throwIfAborted();
            options.onResult?.(m.index, m.result as R);
          } catch (err) {
            return stop(err);
          }
          if (done === items.length) {
            cleanup();
            resolve(results);
          } else dispatch(s);
        };
        s.onExit = (code) => stop(new Error(`compute thread exited with code ${code}`));
        s.worker.postMessage({
          type: 'setup',
          callId,
          kernel: kernel.name,
          shared: sharedInputs,
          cancel,
        } satisfies ToComputeThread);
      }
      signal?.addEventListener?.('abort', onAbort, { once: true });
      for (const s of used) dispatch(s);
    });
  }

  /** Terminates the threads; later calls reject. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s?.worker.terminate()));
  }
}

let defaultPool: ComputePool | null = null;

/**
 * The process-wide (per analysis thread) pool with the default thread count, created on first use and kept warm
 * for later jobs.
 */
export function sharedComputePool(): ComputePool {
  defaultPool ??= new ComputePool();
  return defaultPool;
}
