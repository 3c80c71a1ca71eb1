import { describe, expect, it } from 'vitest';
import { createMedianPruner, nanMedian } from './median-pruner.js';
import type { FrozenTrial } from './study-types.js';

function trial(
  id: number,
  curve: Record<number, number>,
  state: FrozenTrial['state'] = 'complete',
): FrozenTrial {
  return {
    id,
    params: {},
    state,
    value: state === 'complete' ? 0 : null,
    intermediateValues: new Map(Object.entries(curve).map(([k, v]) => [Number(k), v])),
  };
}

const completed = [
  trial(0, { 0: 1, 1: 0.5, 2: 0.4 }),
  trial(1, { 0: 2, 1: 0.9, 2: 0.8 }),
  trial(2, { 0: 3, 1: 1.3, 2: 1.2 }),
];

describe('median pruner (Optuna MedianPruner semantics)', () => {
  it('nanMedian is numpy.nanpercentile(·, 50)', () => {
    expect(nanMedian([3, 1, 2])).toBe(2);
    expect(nanMedian([4, 1, 2, 3])).toBe(2.5);
    expect(nanMedian([Number.NaN, 5, 1])).toBe(3);
    expect(nanMedian([Number.NaN])).toBeNaN();
  });

  it('prunes a minimising trial whose best value so far is above the median at its step', () => {
    const p = createMedianPruner({ nStartupTrials: 3 });
    expect(p.shouldPrune(trial(9, { 0: 2.5, 1: 1.0 }, 'running'), completed, 'minimize')).toBe(true); // median 0.9
    expect(p.shouldPrune(trial(9, { 0: 2.5, 1: 0.85 }, 'running'), completed, 'minimize')).toBe(false);
    // Best so far, not the latest value: 0.3 at step 0 beats the step-1 median even though 1.0 does not.
    expect(p.shouldPrune(trial(9, { 0: 0.3, 1: 1.0 }, 'running'), completed, 'minimize')).toBe(false);
  });

  it('mirrors for maximisation', () => {
    const p = createMedianPruner({ nStartupTrials: 3 });
    // Step-1 median 0.9; the best (largest) value so far decides.
    expect(p.shouldPrune(trial(9, { 0: 0.2, 1: 0.8 }, 'running'), completed, 'maximize')).toBe(true);
    expect(p.shouldPrune(trial(9, { 0: 0.2, 1: 1.0 }, 'running'), completed, 'maximize')).toBe(false);
    expect(p.shouldPrune(trial(9, { 0: 1.0, 1: 0.8 }, 'running'), completed, 'maximize')).toBe(false);
  });

  it('waits for nStartupTrials completed trials and nWarmupSteps', () => {
    const bad = trial(9, { 0: 100, 1: 100, 2: 100 }, 'running');
    expect(createMedianPruner({ nStartupTrials: 4 }).shouldPrune(bad, completed, 'minimize')).toBe(false);
    expect(
      createMedianPruner({ nStartupTrials: 3, nWarmupSteps: 3 }).shouldPrune(bad, completed, 'minimize'),
    ).toBe(false);
    expect(
      createMedianPruner({ nStartupTrials: 3, nWarmupSteps: 2 }).shouldPrune(bad, completed, 'minimize'),
    ).toBe(true);
    expect(createMedianPruner({ nStartupTrials: 0 }).shouldPrune(bad, [], 'minimize')).toBe(false);
  });

  it('checks only at the first report of each interval, and needs nMinTrials reports at the step', () => {
    const p = createMedianPruner({ nStartupTrials: 1, intervalSteps: 2 });
    expect(p.shouldPrune(trial(9, { 0: 9, 1: 9 }, 'running'), completed, 'minimize')).toBe(false); // step 1 not a check step
    expect(p.shouldPrune(trial(9, { 0: 9, 1: 9, 2: 9 }, 'running'), completed, 'minimize')).toBe(true);
    const strict = createMedianPruner({ nStartupTrials: 1, nMinTrials: 4 });
    expect(strict.shouldPrune(trial(9, { 0: 9 }, 'running'), completed, 'minimize')).toBe(false);
  });

  it('prunes a trial whose reports are all NaN, never one without reports', () => {
    const p = createMedianPruner({ nStartupTrials: 1 });
    expect(p.shouldPrune(trial(9, { 0: Number.NaN }, 'running'), completed, 'minimize')).toBe(true);
    expect(p.shouldPrune(trial(9, {}, 'running'), completed, 'minimize')).toBe(false);
    expect(() => createMedianPruner({ intervalSteps: 0 })).toThrow(RangeError);
  });
});
