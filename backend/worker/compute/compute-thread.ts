/**
 * Entry of a compute thread: runs registered engine kernels (backend/analysis/parallel/kernels.ts) on items sent
 * by a ComputePool. Kernels run synchronously, so cancellation is a flag in shared memory that the kernel's
 * signal reads at its own checkpoints.
 */
import { parentPort } from 'node:worker_threads';
import { KERNELS } from '../../analysis/parallel/kernels.js';
import type { AbortSignalLike } from '../../analysis/linear/ols.js';
import type { FromComputeThread, ToComputeThread } from './compute-protocol.js';

interface Call {
  kernel: (typeof KERNELS)[string];
  context: unknown;
  signal: AbortSignalLike;
}

const calls = new Map<number, Call>();

function flagSignal(buffer: SharedArrayBuffer): AbortSignalLike {
  const flag = new Int32Array(buffer);
  return {
    get aborted() {
      return Atomics.load(flag, 0) === 1;
    },
    throwIfAborted() {
      if (Atomics.load(flag, 0) === 1) throw new DOMException('The computation was cancelled.', 'AbortError');
    },
  };
}

function post(m: FromComputeThread): void {
  parentPort!.postMessage(m);
}

function fail(callId: number, index: number, err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  post({ type: 'error', callId, index, error: { name: e.name, message: e.message, stack: e.stack } });
}

parentPort!.on('message', (m: ToComputeThread) => {
  if (m.type === 'setup') {
    try {
      const kernel = KERNELS[m.kernel];
      if (!kernel) throw new Error(`no compute kernel named '${m.kernel}'`);
      calls.set(m.callId, { kernel, context: kernel.setup(m.shared), signal: flagSignal(m.cancel) });
    } catch (err) {
      fail(m.callId, -1, err);
    }
  } else if (m.type === 'run') {
    const call = calls.get(m.callId);
    if (!call) return; // setup failed; the pool already knows
    try {
      post({
        type: 'result',
        callId: m.callId,
        index: m.index,
        result: call.kernel.run(call.context, m.item, call.signal),
      });
    } catch (err) {
      fail(m.callId, m.index, err);
    }
  } else calls.delete(m.callId);
});
