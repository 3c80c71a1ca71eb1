import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultEnvelope } from '../../../src-shared/api/results.js';
import classification from './__fixtures__/classification-result.json';
import nonlinear from './__fixtures__/nonlinear-result.json';
import optimization from './__fixtures__/optimization-result.json';
import pareto from './__fixtures__/pareto-result.json';
import prediction from './__fixtures__/prediction-result.json';
import { decodeResult } from './decode-result.js';
import { parsePredictionRows } from './prediction-rows.js';

const FIXTURES = { optimization, nonlinear_analysis: nonlinear, classification, prediction, pareto };

describe('result.json fixtures of the job types whose engines land later', () => {
  for (const [type, fixture] of Object.entries(FIXTURES)) {
    it(`${type}: a valid ResultEnvelope, decoded to its own view`, () => {
      const parsed = ResultEnvelope.safeParse(fixture);
      expect(parsed.error).toBeUndefined();
      expect(parsed.data?.job_type).toBe(type);
      expect(decodeResult(fixture).kind).toBe(type);
    });
  }

  it('are coherent where the views rely on it', () => {
    const opt = ResultEnvelope.parse(optimization);
    if (opt.job_type !== 'optimization') throw new Error('not optimization');
    expect(opt.body.runs).toHaveLength(opt.body.n_existing + opt.body.n_new);
    expect(opt.body.projection.candidates).toHaveLength(opt.body.n_candidates);
    expect(opt.body.projection.selected).toHaveLength(opt.body.n_new);
    const front = ResultEnvelope.parse(pareto);
    if (front.job_type !== 'pareto') throw new Error('not pareto');
    expect(front.body.front).toHaveLength(front.body.n_front);
    const csv = readFileSync(path.join(import.meta.dirname, '__fixtures__', 'prediction-rows.csv'), 'utf8');
    const rows = parsePredictionRows(csv, prediction.body.columns);
    expect(rows.missing).toEqual([]);
    expect(rows.rows).toHaveLength(prediction.body.n);
  });

  it('tells a body of another shape apart (unsupported version, not a crash)', () => {
    expect(decodeResult({ ...pareto, body: { front: 'x' } })).toEqual({
      kind: 'unsupported_version',
      jobType: 'pareto',
      schemaVersion: '1',
    });
    expect(decodeResult({ ...classification, schema_version: 2 }).kind).toBe('unsupported_version');
  });
});
