/**
 * Fuzzes job parameter validation: arbitrary JSON never makes a schema throw (only zod issues come back), and
 * whatever a schema accepts survives the wire (JSON) and a second validation unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_PARAMETER_SCHEMAS, JOB_TYPES, type JobType } from './job-types.js';

/** Runs per property: ~300 in CI, `npm run test:fuzz` sets ZEROSEC_FUZZ_RUNS=10000. */
const RUNS = Number(process.env.ZEROSEC_FUZZ_RUNS ?? 300);
/** Room for the full fuzz run on a slow machine; CI runs take a second or two. */
const TIMEOUT_MS = Math.max(60_000, RUNS * 30);

/** Values that the schemas' enums, column names and numeric ranges accept, mixed with arbitrary JSON. */
const ENUM_WORDS = [
  'ols',
  'ridge',
  'lasso',
  'elastic_net',
  'linear',
  'interactions',
  'quadratic',
  'main_effects',
  'none',
  'log',
  'box_cox',
  'auto',
  'mae',
  'rmse',
  'D',
  'I',
  'A',
  'D_then_I',
  'fedorov',
  'coordinate',
  'range',
  'standardize',
  'continuous',
  'categorical',
  'minimize',
  'maximize',
  'min',
  'max',
  'random_forest',
  'gradient_boosting',
  'logistic',
  'error',
  'flag',
  'y',
  'x1',
  '温度',
  '0b7e8f3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
];

const plausible: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...ENUM_WORDS),
    fc.integer({ min: -2, max: 60 }),
    fc.double({ min: -1, max: 2, noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.constantFrom(...ENUM_WORDS), { maxLength: 4 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom('column', 'direction', 'tolerance', 'name', 'min', 'max', 'step', 'levels', 'type'),
      tie('value'),
      { maxKeys: 4 },
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
})).value;

/** The smallest accepted object of each type; random fields are laid over it so many inputs are accepted. */
const MINIMAL: Record<JobType, Record<string, unknown>> = {
  optimization: {},
  linear_analysis: { target_column: 'y' },
  nonlinear_analysis: { target_columns: ['y'] },
  classification: { target_column: 'y' },
  prediction: { model_job_id: '0b7e8f3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c' },
  pareto: { objectives: [{ column: 'a' }, { column: 'b', direction: 'max' }] },
};

/** Objects using the schema's own field names (so many are accepted), plus a stray key now and then. */
function parametersFor(type: JobType): fc.Arbitrary<unknown> {
  const keys = Object.keys(JOB_PARAMETER_SCHEMAS[type].shape);
  const fields = fc.oneof(
    fc.dictionary(fc.constantFrom(...keys), plausible, { maxKeys: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })), plausible, {
      maxKeys: 4,
    }),
  );
  return fc
    .tuple(fc.boolean(), fields)
    .map(([fromMinimal, extra]) => (fromMinimal ? { ...MINIMAL[type], ...extra } : extra));
}

/** JSON as it arrives over HTTP: including `__proto__`, `constructor` and deep nesting. */
const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  fc.string().map((s) => JSON.parse(`{"__proto__": ${JSON.stringify(s)}, "num_points": 3}`) as unknown),
);

describe('job parameter schemas on arbitrary JSON', () => {
  for (const type of JOB_TYPES) {
    const schema = JOB_PARAMETER_SCHEMAS[type];

    it(
      `${type}: never throws; rejections are zod issues with a path and a message`,
      () => {
        fc.assert(
          fc.property(fc.oneof(hostileJson, parametersFor(type)), (input) => {
            const result = schema.safeParse(input);
            if (!result.success) {
              expect(result.error.issues.length).toBeGreaterThan(0);
              for (const issue of result.error.issues) {
                expect(Array.isArray(issue.path)).toBe(true);
                expect(typeof issue.message).toBe('string');
              }
            }
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT_MS,
    );

    it(
      `${type}: whatever is accepted round-trips through JSON and a second validation`,
      () => {
        let accepted = 0;
        fc.assert(
          fc.property(parametersFor(type), (input) => {
            const first = schema.safeParse(input);
            if (!first.success) return;
            accepted++;
            const wire = JSON.parse(JSON.stringify(first.data)) as unknown;
            const second = schema.safeParse(wire);
            expect(second.success, JSON.stringify(second.error?.issues)).toBe(true);
            expect(JSON.stringify(second.data)).toBe(JSON.stringify(first.data));
          }),
          { numRuns: RUNS },
        );
        // The generator must reach the accepting side too, or the property says nothing.
        expect(accepted).toBeGreaterThan(0);
      },
      TIMEOUT_MS,
    );
  }
});
