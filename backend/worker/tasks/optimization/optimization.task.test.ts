import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { OptimizationBody } from '../../../../src-shared/api/optimization-result.js';
import { TaskError, type TaskContext, type TaskOutput } from '../task.js';
import { optimizationTask } from './optimization.task.js';

function context(csv: string, parameters: Record<string, unknown>): TaskContext & { stages: string[] } {
  const stages: string[] = [];
  return {
    parameters,
    input: new TextEncoder().encode(csv),
    inputFileName: 'input.csv',
    signal: new AbortController().signal,
    progress: (_f, stage) => void stages.push(stage),
    stages,
  };
}

async function run(
  csv: string,
  parameters: Record<string, unknown>,
): Promise<TaskOutput & { parsed: OptimizationBody }> {
  const out = await optimizationTask(context(csv, parameters));
  return { ...out, parsed: OptimizationBody.parse(out.body) };
}

function file(out: TaskOutput, name: string): string {
  const f = out.files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name}`);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(f.bytes);
}

const THREE_FACTORS = [
  { name: '回転速度', min: 1000, max: 3000, step: 1000 },
  { name: '送り速度', min: 0.1, max: 0.3, step: 0.1 },
  { name: 'パス数', levels: [1, 2, 3] },
];

describe('optimization task: generated candidates', () => {
  it('3 factors, quadratic, 12 runs: a valid body, design.csv, candidates.csv and the form', async () => {
    const out = await run('回転速度,送り速度,パス数\n', {
      factors: THREE_FACTORS,
      model: 'quadratic',
      num_points: 12,
      n_starts: 5,
    });
    const body = out.parsed;
    expect(body.n_candidates).toBe(27);
    expect(body.n_existing).toBe(0);
    expect(body.n_new).toBe(12);
    expect(body.terms).toHaveLength(10);
    expect(body.terms).toContain('回転速度^2');
    expect(body.factors).toEqual(['回転速度', '送り速度', 'パス数']);
    expect(body.coding['送り速度']!.center).toBeCloseTo(0.2, 12);
    expect(body.coding['送り速度']!.scale).toBeCloseTo(0.1, 12);
    expect(body.runs.map((r) => r.run)).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    expect(new Set(body.runs.map((r) => r.candidate_index)).size).toBe(12);
    for (const r of body.runs) expect([0.1, 0.2, 0.3]).toContain(r.values['送り速度']);
    expect(body.criteria.log_det).not.toBeNull();
    expect(body.criteria.d_efficiency).toBeGreaterThan(0);
    expect(body.criteria.g_efficiency).toBeGreaterThan(0);
    expect(body.criteria.g_efficiency).toBeLessThanOrEqual(100 + 1e-9);
    // VIF and correlations describe the terms other than the intercept.
    expect(body.vif.map((v) => v.term)).toEqual(body.terms.slice(1));
    expect(body.correlation.matrix).toHaveLength(9);
    expect(body.fds.fraction).toHaveLength(51);
    expect(body.projection.candidates).toHaveLength(27);
    expect(body.projection.selected).toHaveLength(12);
    expect(body.projection.explained[0]).toBeCloseTo(1 / 3, 9); // three independent coded factors, equal spread
    expect(out.warnings).toEqual([]);
    expect(out.summary).toMatch(
      /^D-optimal design: 12 new run\(s\) from 27 candidates, 10 terms, log det = /,
    );

    const design = file(out, 'design.csv').split('\r\n');
    expect(design[0]).toBe('\uFEFFrun,source,candidate_index,回転速度,送り速度,パス数');
    expect(design).toHaveLength(14);
    const candidates = file(out, 'candidates.csv').split('\r\n');
    expect(candidates[0]).toBe('\uFEFFcandidate_index,回転速度,送り速度,パス数');
    expect(candidates[1]).toBe('0,1000,0.1,1');
    expect(candidates[27]).toBe('26,3000,0.3,3');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      Buffer.from(
        out.files.find((f) => f.name === 'experiment-form.xlsx')!.bytes,
      ) as unknown as ExcelJS.Buffer,
    );
    expect(wb.worksheets[0]!.rowCount).toBe(13);
  });

  it('same seed, same design; the run order is shuffled only when asked', async () => {
    const params = {
      factors: THREE_FACTORS,
      model: 'quadratic',
      num_points: 12,
      n_starts: 5,
      random_seed: 7,
    };
    const a = (await run('x\n', params)).parsed;
    const b = (await run('x\n', params)).parsed;
    expect(b.runs).toEqual(a.runs);
    const c = (await run('x\n', { ...params, randomize_run_order: false })).parsed;
    const sorted = c.runs.map((r) => r.candidate_index!);
    expect(sorted).toEqual([...sorted].sort((x, y) => x - y));
    expect(new Set(sorted)).toEqual(new Set(a.runs.map((r) => r.candidate_index)));
  });

  it('existing runs are matched with tolerance, kept first and never chosen again; unmatched ones are warned about', async () => {
    const csv = ['回転速度,送り速度,パス数,メモ', '1000,0.1,1,a', '3000,0.30000001,3,b', '2500,0.2,2,c'].join(
      '\n',
    );
    const out = await run(csv, { factors: THREE_FACTORS, model: 'quadratic', num_points: 8, n_starts: 3 });
    const body = out.parsed;
    expect(body.n_existing).toBe(3);
    expect(body.n_new).toBe(8);
    expect(body.runs.slice(0, 3).map((r) => [r.source, r.candidate_index])).toEqual([
      ['existing', 0],
      ['existing', 26],
      ['existing', null],
    ]);
    const chosen = body.runs.slice(3).map((r) => r.candidate_index);
    expect(chosen).not.toContain(0);
    expect(chosen).not.toContain(26);
    expect(body.projection.existing).toHaveLength(3);
    expect(out.warnings.map((w) => w.code)).toEqual(['existing_runs_unmatched']);
    expect(out.warnings[0]!.message).toMatch(/1 existing run\(s\) match no candidate.*rows 4/);
  });

  it('one-hot groups, a categorical factor and constraints', async () => {
    const out = await run('A11,A13\n', {
      factors: [
        { name: '回転速度', min: 1000, max: 3000, step: 500 },
        { name: 'パス数', levels: [1, 2, 3] },
        { name: '材料', type: 'categorical', levels: ['SUS', 'AL'] },
      ],
      one_hot_groups: [['A11', 'A13']],
      constraints: ['回転速度 * パス数 <= 6000'],
      model: 'interactions',
      num_points: 16,
      n_starts: 3,
    });
    const body = out.parsed;
    // 5 × 3 combinations of speed and passes, 13 with speed·passes ≤ 6000, × 2 materials × 2 brushes.
    expect(body.n_candidates).toBe(52);
    expect(body.factors).toEqual(['A11', 'A13', '回転速度', 'パス数', '材料']);
    expect(body.terms).toContain('A13');
    expect(body.terms).toContain('A13:材料[SUS]');
    expect(body.coding).not.toHaveProperty('A11');
    for (const r of body.runs) {
      expect((r.values['A11'] as number) + (r.values['A13'] as number)).toBe(1);
      expect((r.values['回転速度'] as number) * (r.values['パス数'] as number)).toBeLessThanOrEqual(6000);
    }
    expect(out.warnings.map((w) => w.code)).toEqual(['candidates_filtered']);
    expect(out.summary).toMatch(/\(8 removed by constraints\)/);
  });
});

describe('optimization task: candidate file', () => {
  const rows = ['x1,x2,材料,done'];
  for (const x1 of [-1, 0, 1])
    for (const x2 of [10, 20, 30]) for (const m of ['SUS', 'AL']) rows.push(`${x1},${x2},${m},0`);
  rows[1] = '-1,10,SUS,1';
  rows[18] = '1,30,AL,1';
  const csv = rows.join('\n');

  it('keeps the rows flagged by existing_column and chooses only new ones; text columns are categorical', async () => {
    const out = await run(csv, {
      feature_columns: ['x1', 'x2', '材料'],
      existing_column: 'done',
      model: 'quadratic',
      num_points: 7,
      n_starts: 4,
    });
    const body = out.parsed;
    expect(body.n_candidates).toBe(18);
    expect(body.n_existing).toBe(2);
    expect(body.runs.slice(0, 2)).toEqual([
      { run: 1, source: 'existing', candidate_index: 0, values: { x1: -1, x2: 10, 材料: 'SUS' } },
      { run: 2, source: 'existing', candidate_index: 17, values: { x1: 1, x2: 30, 材料: 'AL' } },
    ]);
    const chosen = body.runs.slice(2);
    expect(chosen).toHaveLength(7);
    for (const r of chosen) {
      expect(r.source).toBe('new');
      expect([0, 17]).not.toContain(r.candidate_index);
    }
    expect(body.terms).toEqual([
      '(Intercept)',
      'x1',
      'x2',
      '材料[SUS]',
      'x1:x2',
      'x1:材料[SUS]',
      'x2:材料[SUS]',
      'x1^2',
      'x2^2',
    ]);
    expect(body.coding).toEqual({ x1: { center: 0, scale: 1 }, x2: { center: 20, scale: 10 } });
    expect(out.files.map((f) => f.name)).toEqual(['design.csv', 'experiment-form.xlsx']);
  });

  it('default factors: every numeric column except existing_column', async () => {
    const out = await run(csv, { existing_column: 'done', num_points: 4, n_starts: 2 });
    expect(out.parsed.factors).toEqual(['x1', 'x2']);
  });
});

describe('optimization task: errors name the cause', () => {
  async function failure(csv: string, params: Record<string, unknown>): Promise<TaskError> {
    try {
      await optimizationTask(context(csv, params));
    } catch (err) {
      if (err instanceof TaskError) return err;
      throw err;
    }
    throw new Error('no error');
  }

  it('fewer candidates than model terms', async () => {
    const err = await failure('x\n', {
      factors: [
        { name: 'a', levels: [0, 1, 2] },
        { name: 'b', levels: [0, 1, 2] },
      ],
      constraints: ['a == b'],
      model: 'quadratic',
      num_points: 3,
    });
    expect(err.message).toMatch(/fewer candidates \(3\) than model terms \(6\)/);
  });

  it('a factor with one level in a quadratic model; a quadratic term of a two-level factor', async () => {
    const one = await failure('x\n', {
      factors: [
        { name: 'a', levels: [0, 1, 2] },
        { name: 'b', levels: [5] },
      ],
      model: 'quadratic',
      num_points: 6,
    });
    expect(one.message).toMatch(/factor 'b' has a single level \(5\)/);
    const two = await failure('x\n', {
      factors: [
        { name: 'a', levels: [0, 1, 2] },
        { name: 'b', levels: [0, 1] },
      ],
      model: 'quadratic',
      num_points: 6,
    });
    expect(two.message).toMatch(/factor 'b' has only 2 levels .* b\^2, which needs at least 3/);
  });

  it('a constraint that removes every candidate, and an unknown column in a constraint', async () => {
    const base = { factors: [{ name: 'a', min: 0, max: 1, step: 0.5 }], num_points: 2 };
    const all = await failure('x\n', { ...base, constraints: ['a > 2'] });
    expect(all.message).toMatch(/constraint 1 \(a > 2\) removes every one of the 3 candidates/);
    expect(all.details).toMatchObject({ field: 'parameters.constraints.0' });
    const unknown = await failure('x\n', { ...base, constraints: ['温度 < 2'] });
    expect(unknown.message).toMatch(/unknown column '温度' at character 1; known columns: a/);
    expect(unknown.details).toMatchObject({ field: 'parameters.constraints.0', position: 0 });
  });

  it('too many new runs for the candidates left', async () => {
    const err = await failure('x\n', { factors: [{ name: 'a', levels: [0, 1, 2] }], num_points: 4 });
    expect(err.message).toMatch(/4 new runs were requested but only 3 candidate\(s\) remain/);
  });
});

describe('optimization task: coordinate exchange (no candidate list)', () => {
  const BOX = [
    { name: '温度', min: 20, max: 80 },
    { name: '圧力', min: 1, max: 3 },
  ];

  it('2 continuous factors, quadratic, 9 runs: the 3² face-centred points, with the usual outputs', async () => {
    const out = await run('温度,圧力\n', {
      algorithm: 'coordinate',
      factors: BOX,
      model: 'quadratic',
      num_points: 9,
      n_starts: 4,
    });
    const body = out.parsed;
    expect(body.algorithm).toBe('coordinate');
    expect(body.n_new).toBe(9);
    expect(body.terms).toHaveLength(6);
    expect(body.coding['温度']).toEqual({ center: 50, scale: 30 });
    const runs = body.runs.map((r) => [r.values['温度'], r.values['圧力']]);
    for (const [t, pr] of runs) {
      expect(t).toBeGreaterThanOrEqual(20);
      expect(t).toBeLessThanOrEqual(80);
      expect(pr).toBeGreaterThanOrEqual(1);
      expect(pr).toBeLessThanOrEqual(3);
    }
    // The D-optimal exact 9-run design for the full quadratic on the square is the 3² grid.
    const grid = runs.map(([t, pr]) => `${t},${pr}`).sort();
    expect(grid).toEqual(['20,1', '20,2', '20,3', '50,1', '50,2', '50,3', '80,1', '80,2', '80,3'].sort());
    expect(body.criteria.log_det).not.toBeNull();
    expect(body.projection.selected).toHaveLength(9);
    expect(out.files.map((f) => f.name)).toEqual(['design.csv', 'experiment-form.xlsx']);
    expect(file(out, 'design.csv').split('\r\n')[0]).toBe('\uFEFFrun,source,candidate_index,温度,圧力');
    expect(out.summary).toMatch(
      /^D-optimal design: 9 new run\(s\) by coordinate exchange over 2 continuous factor/,
    );
  });

  it('keeps existing runs from the file and is reproducible', async () => {
    const params = {
      algorithm: 'coordinate',
      factors: BOX,
      model: 'main_effects',
      num_points: 4,
      n_starts: 3,
    };
    const a = (await run('温度,圧力\n50,2\n', params)).parsed;
    const b = (await run('温度,圧力\n50,2\n', params)).parsed;
    expect(a.n_existing).toBe(1);
    expect(a.runs[0]).toMatchObject({ source: 'existing', values: { 温度: 50, 圧力: 2 } });
    expect(b.runs).toEqual(a.runs);
  });

  it('refuses level lists, categorical factors and constraints, naming the factor', async () => {
    for (const [factors, extra, pattern] of [
      [[{ name: 'a', levels: [1, 2, 3] }], {}, /factor 'a' is given as a level list/],
      [[{ name: 'm', type: 'categorical', levels: ['A', 'B'] }], {}, /factor 'm' is categorical/],
      [BOX, { constraints: ['温度 < 50'] }, /constraints need a candidate list/],
      [[{ name: 'a', min: 1, max: 1 }], {}, /factor 'a' needs min < max/],
    ] as const) {
      await expect(
        optimizationTask(context('x\n', { algorithm: 'coordinate', factors, num_points: 4, ...extra })),
      ).rejects.toThrow(pattern);
    }
    await expect(
      optimizationTask(context('x1,x2\n1,2\n3,4\n', { algorithm: 'coordinate', num_points: 4 })),
    ).rejects.toThrow(/needs factor definitions with min and max/);
  });
});
