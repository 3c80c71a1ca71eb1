import { describe, expect, it } from 'vitest';
import { candidateRecord, factorColumn, outputColumns } from './candidate-set.js';
import { CandidateError } from './factor-levels.js';
import { generateGrid } from './generate-grid.js';

function records(result: ReturnType<typeof generateGrid>) {
  return Array.from({ length: result.set.count }, (_, i) => candidateRecord(result.set, i));
}

describe('generateGrid', () => {
  it('walks the Cartesian product with the last factor fastest, keeping the last 0.1 step', () => {
    const result = generateGrid({
      factors: [
        { name: 'a', min: 1, max: 2, step: 1 },
        { name: 'b', min: 0.1, max: 0.3, step: 0.1 },
      ],
    });
    expect(result.generated).toBe(6);
    expect(result.removed).toBe(0);
    expect(records(result)).toEqual([
      { a: 1, b: 0.1 },
      { a: 1, b: 0.2 },
      { a: 1, b: 0.3 },
      { a: 2, b: 0.1 },
      { a: 2, b: 0.2 },
      { a: 2, b: 0.3 },
    ]);
  });

  it('stores categorical factors as level indices and one-hot groups as 0/1 columns, groups first', () => {
    const result = generateGrid({
      factors: [{ name: '材料', type: 'categorical', levels: ['SUS', 'AL'] }],
      oneHotGroups: [['A11', 'A13', 'A21']],
    });
    expect(result.set.count).toBe(6);
    expect(outputColumns(result.set.factors)).toEqual(['A11', 'A13', 'A21', '材料']);
    expect(factorColumn(result.set, 1)).toEqual(Int32Array.of(0, 1, 0, 1, 0, 1));
    const rows = records(result);
    expect(rows[0]).toEqual({ A11: 1, A13: 0, A21: 0, 材料: 'SUS' });
    expect(rows[3]).toEqual({ A11: 0, A13: 1, A21: 0, 材料: 'AL' });
    for (const r of rows) expect((r.A11 as number) + (r.A13 as number) + (r.A21 as number)).toBe(1);
  });

  it('filters with constraints and counts exactly what each removes', () => {
    // x, y in 1..10: x + y <= 10 keeps 45 of 100; x != y removes 10 more (x = y <= 5); y >= 2 removes x+y<=10, y=1 (9).
    const result = generateGrid({
      factors: [
        { name: 'x', min: 1, max: 10, step: 1 },
        { name: 'y', min: 1, max: 10, step: 1 },
      ],
      constraints: ['x + y <= 10', 'x != y', 'y >= 2'],
      chunkSize: 7,
    });
    let expected = 0;
    for (let x = 1; x <= 10; x++)
      for (let y = 1; y <= 10; y++) if (x + y <= 10 && x !== y && y >= 2) expected++;
    expect(result.set.count).toBe(expected);
    expect(result.set.count).toBe(32);
    expect(result.generated).toBe(100);
    expect(result.removed).toBe(68);
    expect(result.constraints).toEqual([
      { constraint: 'x + y <= 10', rejected: 55 },
      { constraint: 'x != y', rejected: 10 },
      { constraint: 'y >= 2', rejected: 10 },
    ]);
    expect(result.set.chunks.map((c) => c.length)).toEqual([7, 7, 7, 7, 4]);
    for (const r of records(result)) expect((r.x as number) + (r.y as number)).toBeLessThanOrEqual(10);
  });

  it('constraints can use one-hot columns and categorical levels', () => {
    const result = generateGrid({
      factors: [
        { name: '回転速度', levels: [1000, 2000] },
        { name: '材料', type: 'categorical', levels: ['SUS', 'AL'] },
      ],
      oneHotGroups: [['A11', 'A13']],
      constraints: ["A13 == 0 or (回転速度 < 1500 and 材料 == 'AL')"],
    });
    // A11 rows: 4; A13 rows: only 1000/AL.
    expect(result.set.count).toBe(5);
    expect(records(result).filter((r) => r.A13 === 1)).toEqual([
      { A11: 0, A13: 1, 回転速度: 1000, 材料: 'AL' },
    ]);
  });

  it('a constraint that removes every candidate is named', () => {
    const run = () =>
      generateGrid({
        factors: [{ name: 'x', min: 0, max: 1, step: 0.5 }],
        constraints: ['x >= 0', 'x > 5'],
      });
    expect(run).toThrow(CandidateError);
    expect(run).toThrow(/constraint 2 \(x > 5\) removes every one of the 3 candidates/);
    expect(() =>
      generateGrid({
        factors: [{ name: 'x', min: 0, max: 1, step: 0.5 }],
        constraints: ['x < 0.5', 'x > 0.5'],
      }),
    ).toThrow(/the constraints together remove every one of the 3 candidates/);
  });

  it('a constraint error names the constraint, position and field', () => {
    try {
      generateGrid({ factors: [{ name: 'x', min: 0, max: 1 }], constraints: ['x <= 1', 'y <= 1'] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CandidateError);
      const e = err as CandidateError;
      expect(e.message).toMatch(
        /constraint 2 \(y <= 1\): unknown column 'y' at character 1; known columns: x/,
      );
      expect(e.field).toBe('constraints.1');
      expect(e.details).toEqual({ constraint: 'y <= 1', position: 0 });
    }
  });

  it('refuses grids beyond the limits with the numbers', () => {
    const factors = [
      { name: 'a', min: 0, max: 99, step: 1 },
      { name: 'b', min: 0, max: 99, step: 1 },
    ];
    expect(() => generateGrid({ factors, maxCandidates: 5000 })).toThrow(
      /10,000 candidates, more than the limit of 5,000/,
    );
    expect(() => generateGrid({ factors, maxCombinations: 5000 })).toThrow(/10,000 combinations/);
    expect(() => generateGrid({ factors, constraints: ['a >= 10'], maxCandidates: 5000 })).toThrow(
      /more than 5,000 candidates meet the constraints/,
    );
  });

  it('refuses a name used twice', () => {
    expect(() =>
      generateGrid({ factors: [{ name: 'A11', levels: [1] }], oneHotGroups: [['A11', 'A13']] }),
    ).toThrow(/column 'A11' is defined twice/);
  });

  it('reports progress and stops when aborted', () => {
    const seen: number[] = [];
    generateGrid({
      factors: [
        { name: 'a', min: 0, max: 399, step: 1 },
        { name: 'b', min: 0, max: 399, step: 1 },
      ],
      onProgress: (f) => seen.push(f),
    });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
    const signal = {
      aborted: true,
      throwIfAborted() {
        throw new Error('aborted');
      },
    };
    expect(() =>
      generateGrid({
        factors: [
          { name: 'a', min: 0, max: 399, step: 1 },
          { name: 'b', min: 0, max: 399, step: 1 },
        ],
        signal,
      }),
    ).toThrow('aborted');
  });
});
