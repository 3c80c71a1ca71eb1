import { describe, expect, it } from 'vitest';
import linear from './__fixtures__/linear-result.json';
import optimization from './__fixtures__/optimization-result.json';
import { decodeResult } from './decode-result.js';

const source = {
  kind: 'experiment_log',
  log_id: '22222222-2222-4222-8222-222222222222',
  log_name: 'ライン1',
  revision: 2,
  view_name: '11月',
  filter: { status: ['done'] },
  rows: 12,
};

describe('decodeResult with rows from an experiment log', () => {
  it('keeps input_source on linear and other results (a strict envelope must not refuse it)', () => {
    const a = decodeResult({ ...linear, input_source: source });
    expect(a.kind).toBe('linear');
    expect(a.kind === 'linear' && a.result.input_source).toEqual(source);
    const b = decodeResult({ ...optimization, input_source: source });
    expect(b.kind === 'optimization' && b.result.input_source).toEqual(source);
  });
});
