/**
 * Loops that drive a Study with an objective: one on this thread (tests, cheap objectives) and one that keeps
 * up to `concurrency` asynchronous evaluations in flight (worker threads, remote workers).
 */
import type { AbortSignalLike } from '../linear/ols.js';
import type { Params } from './search-space.js';
import type { Study } from './study.js';

/** Thrown by an objective to end its trial as pruned (Optuna's TrialPruned). */
export class TrialPruned extends Error {
  constructor() {
    super('trial pruned');
    this.name = 'TrialPruned';
  }
}

/** What an objective sees of its trial. */
export interface TrialContext {
  readonly id: number;
  readonly params: Readonly<Params>;
  /** Records an intermediate value at step ≥ 0 (e.g. the running CV score after fold `step`). */
  report(step: number, value: number): void;
  /** True when the study's pruner says to stop; the objective should then throw TrialPruned. */
  shouldPrune(): boolean;
}

export interface OptimizeOptions {
  nTrials: number;
  signal?: AbortSignalLike;
  /** Called after each finished trial with the fraction of nTrials done. */
  onProgress?: (fraction: number) => void;
  /** true: an objective that throws (other than TrialPruned) fails its trial and the study goes on. Default false. */
  catchErrors?: boolean;
}

function contextFor(study: Study, id: number, params: Params): TrialContext {
  return {
    id,
    params,
    report: (step, value) => study.report(id, step, value),
    shouldPrune: () => study.shouldPrune(id),
  };
}

function settle(study: Study, id: number, run: () => number, catchErrors: boolean): void {
  let value: number;
  try {
    value = run();
  } catch (error) {
    if (error instanceof TrialPruned) {
      study.tell(id, 'pruned');
      return;
    }
    study.tell(id, 'failed');
    if (!catchErrors) throw error;
    return;
  }
  study.tell(id, value);
}

/** Runs nTrials trials one after another. A thrown error (not TrialPruned) fails its trial and is rethrown unless catchErrors. */
export function optimize(
  study: Study,
  objective: (trial: TrialContext) => number,
  options: OptimizeOptions,
): void {
  for (let k = 0; k < options.nTrials; k++) {
    options.signal?.throwIfAborted();
    const { id, params } = study.ask();
    settle(study, id, () => objective(contextFor(study, id, params)), options.catchErrors ?? false);
    options.onProgress?.((k + 1) / options.nTrials);
  }
}

/**
 * Runs nTrials trials with at most `concurrency` objectives pending at once; each new trial is asked as soon
 * as a slot frees, so it sees every trial finished by then (and, under the constant liar, the running ones).
 * Resolves when all are told; rejects with the first error when catchErrors is false (after the pending
 * trials settle, so none is left running).
 */
export async function optimizeConcurrently(
  study: Study,
  objective: (trial: TrialContext) => Promise<number>,
  options: OptimizeOptions & { concurrency: number },
): Promise<void> {
  if (!(options.concurrency >= 1)) throw new RangeError('optimizeConcurrently: concurrency must be ≥ 1');
  let started = 0;
  let done = 0;
  let firstError: unknown = null;
  const slot = async (): Promise<void> => {
    while (started < options.nTrials && firstError === null) {
      options.signal?.throwIfAborted();
      started++;
      const { id, params } = study.ask();
      try {
        study.tell(id, await objective(contextFor(study, id, params)));
      } catch (error) {
        if (error instanceof TrialPruned) study.tell(id, 'pruned');
        else {
          study.tell(id, 'failed');
          if (!options.catchErrors && firstError === null) firstError = error;
        }
      }
      done++;
      options.onProgress?.(done / options.nTrials);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.nTrials) }, slot));
  if (firstError !== null) throw firstError;
}
