/**
 * The exchange's random starts as a parallel kernel: starts are independent (each has its own seeded stream), so
 * they can run on any thread in any order, and the best-of-starts choice stays identical for any thread count.
 */
import type { ComputeKernel, ParallelMap } from '../parallel/parallel-map.js';
import { serialMap } from '../parallel/parallel-map.js';
import { DesignError, type DesignErrorReason } from './design-error.js';
import { DesignState } from './design-state.js';
import {
  bestOfStarts,
  exchangeStart,
  prepareDesignProblem,
  type DesignProblem,
  type DesignSolution,
  type PreparedDesignProblem,
  type StartResult,
} from './exchange.js';

/** The prepared problem plus the seed: what every thread receives once per call. */
export type ExchangeShared = PreparedDesignProblem & { seed: number };

/** A start's result, or the DesignError it raised as data (errors lose their class between threads). */
export type StartOutcome =
  | { ok: true; result: StartResult }
  | { ok: false; message: string; reason: DesignErrorReason; dependentColumns: number[] };

interface ExchangeContext {
  prep: ExchangeShared;
  reuse: { state: DesignState; order: Int32Array };
}

export const exchangeStartKernel: ComputeKernel<ExchangeShared, number, StartOutcome, ExchangeContext> = {
  name: 'doe.exchange-start',
  setup: (prep) => ({
    prep,
    reuse: { state: new DesignState(prep), order: new Int32Array(prep.nCandidates) },
  }),
  run({ prep, reuse }, start, signal) {
    try {
      return { ok: true, result: exchangeStart(prep, prep.seed, start, signal, reuse) };
    } catch (err) {
      if (!(err instanceof DesignError)) throw err;
      return {
        ok: false,
        message: err.message,
        reason: err.reason,
        dependentColumns: [...err.dependentColumns],
      };
    }
  },
};

/**
 * `optimalDesign` with its starts spread over `parallel` (default: in-process, one after another). Same result as
 * `optimalDesign` for any ParallelMap. Progress is reported as starts finish. Rejects with the DesignError of the
 * lowest failing start, or with what the signal throws when aborted. Mutates nothing it is given.
 */
export async function optimalDesignParallel(
  problem: DesignProblem,
  parallel: ParallelMap = serialMap,
): Promise<DesignSolution> {
  const prep = prepareDesignProblem(problem);
  const starts = Array.from({ length: problem.nStarts }, (_, s) => s);
  let finished = 0;
  const outcomes = await parallel.map(exchangeStartKernel, { ...prep, seed: problem.seed }, starts, {
    signal: problem.signal,
    onResult: () => problem.onProgress?.(++finished / problem.nStarts, 'exchange'),
  });
  const results: StartResult[] = [];
  for (const o of outcomes) {
    if (!o.ok) throw new DesignError(o.message, o.reason, o.dependentColumns);
    results.push(o.result);
  }
  return bestOfStarts(problem.criterion, results);
}
