/**
 * Lets the engine spread independent pieces of work (random starts, trees of a forest) over threads without
 * knowing about threads: an algorithm hands a named pure kernel, its shared inputs and a list of items to a
 * ParallelMap; the worker side supplies a thread-backed map (backend/worker/compute), and `serialMap` runs the
 * same kernel in-process so the engine also works, and gives the same answer, without threads.
 *
 * Glossary:
 * - kernel: a pure, named computation registered in kernels.ts: `setup(shared)` builds per-thread working memory
 *   once per map call, `run(context, item, signal)` computes one item's result;
 * - shared: the large read-only inputs of a call (typed arrays and plain values), sent to each thread once per
 *   call (top-level typed arrays through shared memory), never per item;
 * - item / result: small structured-cloneable values; results come back in item order, whatever ran where.
 */
import type { AbortSignalLike } from '../linear/ols.js';

export interface ComputeKernel<S, I, R, C = unknown> {
  /** Registry key (kernels.ts); a thread looks the kernel up by it. */
  readonly name: string;
  /** Per-thread working memory from the shared inputs; must not mutate `shared`. */
  setup(shared: S): C;
  /** One item's result. Must be deterministic in (shared, item): which thread runs it may not matter. */
  run(context: C, item: I, signal?: AbortSignalLike): R;
}

export interface MapOptions<R> {
  /** Stops outstanding work; the map then rejects with what `throwIfAborted()` throws. */
  signal?: AbortSignalLike;
  /** Called on the calling thread as each item finishes (any order); if it throws, the map stops and rejects. */
  onResult?: (index: number, result: R) => void;
}

export interface ParallelMap {
  /** How many items can run at once. */
  readonly lanes: number;
  /** Runs `kernel` on every item; resolves to the results in item order. */
  map<S, I, R, C>(
    kernel: ComputeKernel<S, I, R, C>,
    shared: S,
    items: readonly I[],
    options?: MapOptions<R>,
  ): Promise<R[]>;
}

/** The in-process ParallelMap: items one after another on the calling thread. */
export const serialMap: ParallelMap = {
  lanes: 1,
  async map<S, I, R, C>(
    kernel: ComputeKernel<S, I, R, C>,
    shared: S,
    items: readonly I[],
    options: MapOptions<R> = {},
  ): Promise<R[]> {
    const out: R[] = [];
    if (items.length === 0) return out;
    const context = kernel.setup(shared);
    for (let i = 0; i < items.length; i++) {
      options.signal?.throwIfAborted();
      out.push(kernel.run(context, items[i]!, options.signal));
      options.onResult?.(i, out[i]!);
    }
    return out;
  },
};
