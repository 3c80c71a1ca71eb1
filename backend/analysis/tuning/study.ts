/**
 * An ask/tell tuning study: the caller runs the objective wherever it likes (this thread, a worker pool, a remote
 * worker) and the study only decides what to try next, so trials can run in parallel.
 *
 * - Determinism: trial k's parameters are drawn with createRng(deriveSeed(seed, k)), so they depend only on the
 *   seed and on the trials finished (and running, under the constant liar) when trial k is asked — not on how
 *   many random numbers earlier asks consumed. The same seed and the same ask/tell order give the same trials.
 * - Several outstanding asks are allowed. With `constantLiar` (default true) a running trial counts as a bad
 *   one when building g(x), so parallel asks spread out; without it running trials are simply ignored. Either
 *   way running trials never count towards n (the startup threshold and γ(n)).
 */
import { createRng, deriveSeed } from '../random/rng.js';
import type { Pruner } from './median-pruner.js';
import { validateSearchSpace, type Params, type SearchSpace } from './search-space.js';
import type { Direction, FrozenTrial, TrialState } from './study-types.js';
import { DEFAULT_TPE_OPTIONS, sampleTpe, type TpeObservation, type TpeOptions } from './tpe-sampler.js';

export interface StudyOptions {
  space: SearchSpace;
  /** Default 'minimize'. */
  direction?: Direction;
  /** Any safe integer (default 0). */
  seed?: number;
  /** TPE settings; unspecified ones take Optuna's defaults (see tpe-sampler.ts). */
  sampler?: Partial<TpeOptions>;
  /** Optional; without one `shouldPrune` is always false. */
  pruner?: Pruner;
}

export interface AskedTrial {
  id: number;
  params: Params;
}

interface MutableTrial {
  id: number;
  params: Params;
  state: TrialState;
  value: number | null;
  intermediateValues: Map<number, number>;
}

export class Study {
  readonly direction: Direction;
  readonly space: SearchSpace;
  private readonly seed: number;
  private readonly options: TpeOptions;
  private readonly pruner: Pruner | null;
  private readonly all: MutableTrial[] = [];

  constructor(options: StudyOptions) {
    validateSearchSpace(options.space);
    this.space = options.space;
    this.direction = options.direction ?? 'minimize';
    this.seed = options.seed ?? 0;
    this.options = { ...DEFAULT_TPE_OPTIONS, ...options.sampler };
    this.pruner = options.pruner ?? null;
    if (!(this.options.nEiCandidates >= 1)) throw new RangeError('study: nEiCandidates must be ≥ 1');
  }

  /** Starts a trial: draws its parameters from the trials so far. The trial is 'running' until told. */
  ask(): AskedTrial {
    const id = this.all.length;
    const observations: TpeObservation[] = [];
    for (const t of this.all) {
      const obs = this.observation(t);
      if (obs) observations.push(obs);
    }
    const params = sampleTpe(this.space, observations, this.options, createRng(deriveSeed(this.seed, id)));
    this.all.push({ id, params, state: 'running', value: null, intermediateValues: new Map() });
    return { id, params: { ...params } };
  }

  /** Records an intermediate value of a running trial at integer step ≥ 0 (a repeated step is ignored, as Optuna). */
  report(id: number, step: number, value: number): void {
    const t = this.running(id, 'report');
    if (!Number.isInteger(step) || step < 0)
      throw new RangeError(`study.report: step must be an integer ≥ 0, got ${step}`);
    if (!t.intermediateValues.has(step)) t.intermediateValues.set(step, value);
  }

  /** Whether the pruner would stop this running trial after its latest report. */
  shouldPrune(id: number): boolean {
    const t = this.running(id, 'shouldPrune');
    if (!this.pruner) return false;
    return this.pruner.shouldPrune(t, this.completed(), this.direction);
  }

  /** Finishes a trial with its objective value (NaN counts as failed, as in Optuna), or as pruned / failed. */
  tell(id: number, outcome: number | 'pruned' | 'failed'): FrozenTrial {
    const t = this.running(id, 'tell');
    if (typeof outcome === 'number') {
      if (Number.isNaN(outcome)) t.state = 'failed';
      else {
        t.state = 'complete';
        t.value = outcome;
      }
    } else t.state = outcome;
    return this.freeze(t);
  }

  /** All trials in ask order (snapshots). */
  get trials(): FrozenTrial[] {
    return this.all.map((t) => this.freeze(t));
  }

  /** The best complete trial (earliest among equals), or null before any completes. */
  get bestTrial(): FrozenTrial | null {
    let best: MutableTrial | null = null;
    for (const t of this.all) {
      if (t.state !== 'complete') continue;
      if (!best || (this.direction === 'minimize' ? t.value! < best.value! : t.value! > best.value!))
        best = t;
    }
    return best ? this.freeze(best) : null;
  }

  private completed(): FrozenTrial[] {
    return this.all.filter((t) => t.state === 'complete');
  }

  private running(id: number, where: string): MutableTrial {
    const t = this.all[id];
    if (!t) throw new RangeError(`study.${where}: no trial ${id}`);
    if (t.state !== 'running') throw new RangeError(`study.${where}: trial ${id} is already ${t.state}`);
    return t;
  }

  private freeze(t: MutableTrial): FrozenTrial {
    return {
      id: t.id,
      params: { ...t.params },
      state: t.state,
      value: t.value,
      intermediateValues: new Map(t.intermediateValues),
    };
  }

  /** The sampler's view of a trial (see TpeObservation), or null when it must be ignored. */
  private observation(t: MutableTrial): TpeObservation | null {
    const sign = this.direction === 'minimize' ? 1 : -1;
    switch (t.state) {
      case 'complete':
        return { params: t.params, rank: [Number.NEGATIVE_INFINITY, sign * t.value!], finished: true };
      case 'pruned': {
        if (t.intermediateValues.size === 0) return { params: t.params, rank: [1, 0], finished: true };
        const step = Math.max(...t.intermediateValues.keys());
        const v = t.intermediateValues.get(step)!;
        return {
          params: t.params,
          rank: [-step, Number.isNaN(v) ? Number.POSITIVE_INFINITY : sign * v],
          finished: true,
        };
      }
      case 'running':
        return this.options.constantLiar
          ? { params: t.params, rank: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], finished: false }
          : null;
      case 'failed':
        return null;
    }
  }
}
