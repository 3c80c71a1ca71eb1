import { describe, expect, it } from 'vitest';
import { CandidateError, factorLevels, rangeLevels } from './factor-levels.js';

describe('factor levels', () => {
  it('0.1 steps keep the last level and print cleanly', () => {
    expect([...rangeLevels('x', 0.1, 0.3, 0.1)]).toEqual([0.1, 0.2, 0.3]);
    expect([...rangeLevels('x', 0, 1, 0.1)]).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect([...rangeLevels('x', 1.2, 2.0, 0.2)]).toEqual([1.2, 1.4, 1.6, 1.8, 2]);
  });

  it('a step that does not divide the range stops below max', () => {
    expect([...rangeLevels('x', 0, 10, 3)]).toEqual([0, 3, 6, 9]);
    expect([...rangeLevels('x', 1000, 1000, 50)]).toEqual([1000]);
  });

  it('explicit numeric levels are sorted and merged; text numbers are accepted', () => {
    const lv = factorLevels({ name: 'x', levels: [3, '1', 2, 3] });
    expect(lv.kind).toBe('numeric');
    expect([...(lv.levels as Float64Array)]).toEqual([1, 2, 3]);
  });

  it('categorical levels are texts in the given order', () => {
    expect(factorLevels({ name: '材料', type: 'categorical', levels: ['SUS', 'AL', 1, 'SUS'] })).toEqual({
      kind: 'categorical',
      name: '材料',
      levels: ['SUS', 'AL', '1'],
    });
  });

  it('min and max without a step give the two ends', () => {
    expect([...(factorLevels({ name: 'x', min: -1, max: 1 }).levels as Float64Array)]).toEqual([-1, 1]);
  });

  it.each([
    [{ name: 'x', min: 2, max: 1, step: 1 }, /min 2 is greater than max 1/],
    [{ name: 'x', min: 0, max: 1, step: 1, levels: [1] }, /either levels or min\/max\/step/],
    [{ name: 'x', type: 'categorical' as const, min: 0 }, /either levels|list its levels/],
    [{ name: 'x', levels: ['a'] }, /level 'a' is not a number/],
    [{ name: 'x', min: 0 }, /give its levels, or min and max/],
    [{ name: 'x', min: 0, max: 1e6, step: 1 }, /1000001 levels, more than 100000/],
  ])('%j is refused', (def, message) => {
    expect(() => factorLevels(def)).toThrow(CandidateError);
    expect(() => factorLevels(def)).toThrow(message);
  });
});
