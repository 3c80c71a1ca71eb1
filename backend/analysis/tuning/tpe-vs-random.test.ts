import { describe, expect, it } from 'vitest';
import { loadTuningReference } from '../__fixtures__/tuning-reference.js';
import { nanMedian } from './median-pruner.js';
import { optimize } from './run-study.js';
import { Study } from './study.js';
import { branin, hartmann6, mixedCategorical, type TestFunction } from './test-functions.js';

const ref = loadTuningReference();
const N_TRIALS = ref.n_trials; // 80, the budget the Optuna reference used
const SEEDS = Array.from({ length: ref.n_seeds }, (_, s) => s); // 20

/** Best value after N_TRIALS trials; random search = TPE that never leaves its startup phase. */
function bestValue(f: TestFunction, seed: number, random: boolean): number {
  const study = new Study({ space: f.space, seed, sampler: random ? { nStartupTrials: N_TRIALS } : {} });
  optimize(study, (t) => f.evaluate(t.params), { nTrials: N_TRIALS });
  return study.bestTrial!.value!;
}

describe('TPE vs random search (Done-when of issue 7)', () => {
  for (const f of [branin, hartmann6, mixedCategorical]) {
    it(`beats random search on ${f.name}: median best of ${SEEDS.length} seeds × ${N_TRIALS} trials`, () => {
      const tpe = nanMedian(SEEDS.map((s) => bestValue(f, s, false)));
      const rnd = nanMedian(SEEDS.map((s) => bestValue(f, s, true)));
      const optuna = ref.studies[f.name]!;
      console.log(
        `${f.name} (minimum ${f.minimum.toFixed(5)}): median best — TPE ${tpe.toFixed(4)}, random ${rnd.toFixed(4)}` +
          ` | Optuna 3.1 TPE ${optuna.tpe.toFixed(4)}, Optuna random ${optuna.random.toFixed(4)}`,
      );
      expect(tpe).toBeLessThan(rnd);
      expect(tpe).toBeGreaterThanOrEqual(f.minimum - 1e-9);
      // Sanity against Optuna 3.1's TPE on the same budget: at most a third of the way back towards random.
      // (Optuna 3.1's continuous log-density lacks the −log σ term — optuna/optuna#5109, fixed in #5110 —
      // which happens to help on these functions; we use the true density, as Optuna does since 3.5.)
      expect(tpe).toBeLessThan(optuna.tpe + (optuna.random - optuna.tpe) / 3);
    });
  }
});
