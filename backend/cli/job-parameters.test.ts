/** Pins how `--param` text becomes values and how schema problems are reported, field by field. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkJobParameters,
  collectParameters,
  parseJobType,
  parseParamAssignments,
  parseParamValue,
} from './job-parameters.js';
import { UsageError } from './usage-error.js';

describe('parseParamValue', () => {
  it('reads valid JSON as JSON', () => {
    expect(parseParamValue('15')).toBe(15);
    expect(parseParamValue('-0.5')).toBe(-0.5);
    expect(parseParamValue('true')).toBe(true);
    expect(parseParamValue('null')).toBeNull();
    expect(parseParamValue('["a","b"]')).toEqual(['a', 'b']);
    expect(parseParamValue('[{"column":"a","direction":"max"}]')).toEqual([
      { column: 'a', direction: 'max' },
    ]);
    expect(parseParamValue('"42"')).toBe('42');
  });

  it('keeps anything else as text', () => {
    expect(parseParamValue('yield')).toBe('yield');
    expect(parseParamValue('a,b')).toBe('a,b');
    expect(parseParamValue('')).toBe('');
    expect(parseParamValue('[a, b]')).toBe('[a, b]');
    expect(parseParamValue('Sheet 1')).toBe('Sheet 1');
  });
});

describe('parseParamAssignments', () => {
  it('splits at the first = and lets later keys win', () => {
    expect(parseParamAssignments(['num_points=20', 'sheet=a=b', 'num_points=30'])).toEqual({
      num_points: 30,
      sheet: 'a=b',
    });
  });

  it.each(['num_points', '=3', ' =3', 'a.b=1', '1x=2'])('rejects %j', (text) => {
    expect(() => parseParamAssignments([text])).toThrow(UsageError);
  });
});

describe('collectParameters', () => {
  it('puts --param on top of --params-file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-params-'));
    await writeFile(path.join(dir, 'p.json'), JSON.stringify({ target_column: 'y', cv_splits: 3 }));
    expect(await collectParameters(['cv_splits=4'], 'p.json', dir)).toEqual({
      target_column: 'y',
      cv_splits: 4,
    });
  });

  it('rejects a missing, broken or non-object file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-params-'));
    await writeFile(path.join(dir, 'broken.json'), '{');
    await writeFile(path.join(dir, 'list.json'), '[1]');
    await expect(collectParameters([], 'missing.json', dir)).rejects.toThrow(/no such file/);
    await expect(collectParameters([], 'broken.json', dir)).rejects.toThrow(/not valid JSON/);
    await expect(collectParameters([], 'list.json', dir)).rejects.toThrow(/JSON object/);
  });
});

describe('parseJobType', () => {
  it('accepts the contract types and names them when rejecting', () => {
    expect(parseJobType('pareto')).toBe('pareto');
    expect(() => parseJobType('linear')).toThrow(
      /unknown job type "linear"; expected one of: optimization, linear_analysis/,
    );
  });
});

describe('checkJobParameters', () => {
  it('accepts valid parameters, defaults left out', () => {
    expect(
      checkJobParameters('linear_analysis', { target_column: 'y', feature_columns: ['a', 'b'] }),
    ).toEqual({ ok: true });
    expect(checkJobParameters('optimization', {})).toEqual({ ok: true });
  });

  it('names a missing required field', () => {
    const check = checkJobParameters('linear_analysis', {});
    expect(check).toEqual({ ok: false, problems: [expect.stringMatching(/^parameters\.target_column: /)] });
  });

  it('names an unknown field and lists the known ones', () => {
    const check = checkJobParameters('optimization', { num_point: 5 });
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.problems[0]).toMatch(
        /^parameters\.num_point: not a parameter of optimization \(known: .*num_points/,
      );
  });

  it('hints at JSON when a list was given as text', () => {
    const check = checkJobParameters(
      'linear_analysis',
      parseParamAssignments(['target_column=y', 'feature_columns=a,b']),
    );
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.problems).toEqual([expect.stringContaining(`--param feature_columns='["a","b"]'`)]);
  });

  it('names nested fields with their index', () => {
    const check = checkJobParameters(
      'pareto',
      parseParamAssignments(['objectives=[{"column":"a"},{"column":"b","direction":"up"}]']),
    );
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.problems).toEqual([expect.stringMatching(/^parameters\.objectives\.1\.direction: /)]);
  });

  it('rejects wrongly typed numbers', () => {
    // `model` also takes a formula, so any text is a valid model here; the wrong types are the numbers.
    const check = checkJobParameters(
      'optimization',
      parseParamAssignments(['num_points=2.5', 'n_starts=many', 'model=a + b']),
    );
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.problems.map((p) => p.split(':')[0])).toEqual([
        'parameters.num_points',
        'parameters.n_starts',
      ]);
    }
  });
});
