import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ResultEnvelope } from '../../../../src-shared/api/results.js';
import { ParetoBody } from '../../../../src-shared/api/pareto-result.js';
import { ParetoParameters } from '../../../../src-shared/api/job-types.js';
import { bruteForceRanks } from '../../../analysis/pareto/brute-force.testing.js';
import { createRng } from '../../../analysis/random/rng.js';
import { TableError } from '../../../ingest/index.js';
import { TaskError, type TaskOutput } from '../task.js';
import { csvTaskContext } from '../task-context.testing.js';
import { paretoTask } from './pareto.task.js';

const context = csvTaskContext;

async function run(
  csv: string,
  parameters: Record<string, unknown>,
): Promise<TaskOutput & { parsed: ParetoBody }> {
  const out = await paretoTask(context(csv, parameters));
  return { ...out, parsed: ParetoBody.parse(out.body) };
}

function csvLines(out: TaskOutput): string[][] {
  const f = out.files.find((x) => x.name === 'pareto.csv')!;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(f.bytes);
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
}

/** A seeded brush study: conditions and three responses with integer-ish values (many ties). */
function studyCsv(n: number, seed: number, missingAt: number[] = []): string {
  const rng = createRng(seed);
  const lines = ['回転速度,送り速度,材料,摩耗量,上面ダレ量,加工速度'];
  for (let i = 0; i < n; i++) {
    const rpm = 1000 + 100 * rng.int(10);
    const feed = 300 + 50 * rng.int(8);
    const wear = missingAt.includes(i) ? '' : String(rng.int(8));
    lines.push(`${rpm},${feed},${i % 2 ? 'SUS' : 'AL'},${wear},${rng.int(6)},${rng.int(7)}`);
  }
  return lines.join('\n');
}

const OBJECTIVES = [
  { column: '摩耗量', direction: 'minimize' },
  { column: '上面ダレ量', direction: 'min' },
  { column: '加工速度', direction: 'maximize' },
];

describe('pareto task', () => {
  it('ranks every row like the brute force, and writes result.json, pareto.csv and the workbook', async () => {
    const n = 300;
    const out = await run(studyCsv(n, 3, [5, 77]), { objectives: OBJECTIVES });
    const body = out.parsed;
    expect(body.n_rows).toBe(n);
    expect(body.n_evaluated).toBe(n - 2);
    expect(body.n_excluded).toBe(2);
    expect(body.excluded).toEqual([
      { row: 7, column: '摩耗量', reason: 'missing' },
      { row: 79, column: '摩耗量', reason: 'missing' },
    ]);
    expect(out.warnings.map((w) => w.code)).toEqual(['rows_excluded']);
    expect(out.warnings[0]!.message).toMatch(/2 row\(s\) were left out .*row 7, column '摩耗量'; rows 7, 79/);
    expect(body.objectives).toEqual([
      { column: '摩耗量', direction: 'min' },
      { column: '上面ダレ量', direction: 'min' },
      { column: '加工速度', direction: 'max' },
    ]);

    // The CSV's ranks against the O(n²) peeling on the same rows (maximised column negated).
    const lines = csvLines(out);
    expect(lines[0]).toEqual([
      'row',
      '回転速度',
      '送り速度',
      '材料',
      '摩耗量',
      '上面ダレ量',
      '加工速度',
      'pareto_rank',
      'pareto_front',
      'crowding_distance',
      'in_plot',
      'excluded_reason',
    ]);
    expect(lines).toHaveLength(n + 1);
    const data = lines.slice(1);
    const valid = data.filter((c) => c[4] !== '');
    const x = new Float64Array(valid.length * 3);
    valid.forEach((c, k) => {
      x[k] = Number(c[4]);
      x[valid.length + k] = Number(c[5]);
      x[2 * valid.length + k] = -Number(c[6]);
    });
    const expected = bruteForceRanks(x, valid.length, 3);
    expect(valid.map((c) => Number(c[7]) - 1)).toEqual([...expected]);
    expect(valid.filter((c) => c[8] === '1')).toHaveLength(body.n_front);
    expect(data[5]!.slice(7)).toEqual(['', '', '', '0', 'missing value in 摩耗量']);
    expect(body.front_sizes!.reduce((s, v) => s + v, 0)).toBe(n - 2);
    expect(body.n_fronts).toBe(Math.max(...expected) + 1);

    // Not thinned: result.json plots every front row, with its row number and crowding distance.
    expect(body.plot!.thinned).toBe(false);
    expect(body.front).toHaveLength(body.n_front);
    const frontRows = data.filter((c) => c[8] === '1').map((c) => Number(c[0]));
    expect(body.plot!.rows).toEqual(frontRows);
    expect(body.plot!.crowding_distance).toHaveLength(body.n_front);
    expect(body.front[0]).toHaveProperty('材料');
    expect(body.hypervolume!.method).toBe('exact');
    expect(body.hypervolume!.reference_source).toBe('default');
    expect(body.hypervolume!.value).toBeGreaterThan(0);
    expect(body.knee).not.toBeNull();
    expect(frontRows).toContain(body.knee!.row);
    expect(out.summary).toMatch(
      /^Pareto front of 298 rows on 3 objectives: \d+ non-dominated, \d+ front\(s\), hypervolume = /,
    );

    const wb = new ExcelJS.Workbook();
    const xlsx = out.files.find((f) => f.name === 'pareto-summary.xlsx')!;
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['概要 Summary', 'パレート解 Front', 'フロント Fronts']);
    expect(wb.worksheets[1]!.rowCount).toBe(body.n_front + 1);
    expect(wb.worksheets[2]!.rowCount).toBe(body.n_fronts! + 1);

    // The envelope the worker writes validates with these parameters.
    const envelope = {
      job_id: '4f1c7a5e-6b8d-4e0f-8a3b-5c6d7e8f9012',
      job_type: 'pareto',
      schema_version: 1,
      engine_version: '0.1.0',
      input_sha256: 'a'.repeat(64),
      started_at: '2026-01-01T00:00:00.000Z',
      finished_at: '2026-01-01T00:00:01.000Z',
      warnings: out.warnings,
      parameters: ParetoParameters.parse({ objectives: OBJECTIVES }),
      body: out.body,
    };
    expect(ResultEnvelope.safeParse(JSON.parse(JSON.stringify(envelope))).error).toBeUndefined();
  });

  it('thinning shrinks only the plot data: every front row stays in pareto.csv', async () => {
    const n = 1200;
    const lines = ['a,b,c,label'];
    for (let i = 0; i < n; i++) {
      const t = i / (n - 1);
      lines.push(`${t},${1 - t * t},${i % 3},=cmd|${i}`); // the whole a–b curve is one front
    }
    const out = await run(lines.join('\n'), {
      objectives: [{ column: 'a' }, { column: 'b' }],
      max_plot_points: 60,
      lexicographic: [{ column: 'b', tolerance: 0.05 }],
    });
    const body = out.parsed;
    expect(body.n_front).toBe(n);
    expect(body.plot!.thinned).toBe(true);
    expect(body.front.length).toBeLessThanOrEqual(60);
    expect(body.front.length).toBe(body.plot!.rows.length);
    expect(body.plot!.rows).toContain(body.knee!.row);
    expect(body.plot!.rows).toContain(body.lexicographic!.choice.row);
    expect(body.lexicographic!.steps).toEqual([
      { column: 'b', tolerance: 0.05, best: 0, n_kept: expect.any(Number) },
    ]);
    const data = csvLines(out).slice(1);
    expect(data.filter((c) => c[5] === '1' && c[6] === '1')).toHaveLength(n);
    expect(data.filter((c) => c[8] === '1')).toHaveLength(body.front.length);
    // Formula-like text is neutralised in the CSV.
    expect(data[0]![4]).toBe("'=cmd|0");
  });

  it('4 objectives: a seeded Monte Carlo hypervolume with a standard error; a user reference point', async () => {
    const csv = studyCsv(200, 9);
    const params = {
      objectives: [...OBJECTIVES, { column: '回転速度', direction: 'min' }],
      reference_point: [8, 6, -1, 2000],
      hypervolume_samples: 5000,
    };
    const a = (await run(csv, params)).parsed;
    expect(a.hypervolume).toMatchObject({ method: 'monte_carlo', samples: 5000, reference_source: 'user' });
    expect(a.hypervolume!.reference_point).toEqual({
      摩耗量: 8,
      上面ダレ量: 6,
      加工速度: -1,
      回転速度: 2000,
    });
    expect(a.hypervolume!.standard_error).toBeGreaterThan(0);
    expect((await run(csv, params)).parsed.hypervolume).toEqual(a.hypervolume);
  });
});

describe('pareto task: errors name the cause', () => {
  async function failure(csv: string, params: Record<string, unknown>): Promise<Error> {
    try {
      await paretoTask(context(csv, params));
    } catch (err) {
      if (err instanceof TaskError || err instanceof TableError) return err;
      throw err;
    }
    throw new Error('no error');
  }
  const csv = 'x,y,z,name\n1,2,3,a\n2,1,,b\n';

  it('an unknown column lists the available ones', async () => {
    const err = await failure(csv, { objectives: [{ column: 'x' }, { column: '摩耗' }] });
    expect(err).toBeInstanceOf(TableError);
    expect(err.message).toMatch(/objective column "摩耗" is not in the table\. Available columns: .*x/);
  });

  it('a non-numeric column names the row and the column', async () => {
    const err = await failure(csv, { objectives: [{ column: 'x' }, { column: 'name' }] });
    expect(err.message).toMatch(/Row 2, column "name": "a" is not a number/);
  });

  it('fewer than 2 objectives is refused by the parameter schema', async () => {
    await expect(paretoTask(context(csv, { objectives: [{ column: 'x' }] }))).rejects.toThrow(/>=2 items/);
  });

  it('every row missing an objective', async () => {
    const err = await failure('x,y\n1,\n,2\n', { objectives: [{ column: 'x' }, { column: 'y' }] });
    expect(err).toBeInstanceOf(TaskError);
    expect(err.message).toMatch(/every row has a missing .* \(x, y\)/);
  });

  it('an objective twice, a reference of the wrong length, a preference that is not an objective', async () => {
    const two = await failure(csv, { objectives: [{ column: 'x' }, { column: 'x', direction: 'max' }] });
    expect(two.message).toMatch(/column 'x' is given twice/);
    const ref = await failure(csv, {
      objectives: [{ column: 'x' }, { column: 'y' }],
      reference_point: [1, 2, 3],
    });
    expect(ref.message).toMatch(/reference_point has 3 values but there are 2 objectives/);
    const lex = await failure(csv, {
      objectives: [{ column: 'x' }, { column: 'y' }],
      lexicographic: [{ column: 'z' }],
    });
    expect(lex.message).toMatch(/lexicographic preference 1 names 'z', which is not an objective/);
    expect((lex as TaskError).details).toMatchObject({ field: 'parameters.lexicographic.0.column' });
  });
});
