import { describe, expect, it } from 'vitest';
import { ImportRowOutcome } from '../../src-shared/logs/experiment-log-api.js';
import type { CellValue } from '../../src-shared/logs/experiment-log-api.js';
import { readTable } from '../ingest/read-table.js';
import type { Table } from '../ingest/table.js';
import { brushRun, tableOfRecords } from './experiment-log.testing.js';
import { BRUSH_DEBURRING_PROFILE as profile, planImport, type ImportPlan, type StoredRow } from './index.js';

const keyColumns = profile.key_columns;

function plan(table: Table, existing: readonly StoredRow[] = []): ImportPlan {
  return planImport({ profile, keyColumns, table, existing });
}

/** The rows a plan leaves in the log (updates applied, inserts given ids). */
function apply(existing: readonly StoredRow[], p: ImportPlan): StoredRow[] {
  const rows = existing.map((r) => {
    const u = p.updates.find((x) => x.row_id === r.row_id);
    return u === undefined ? r : { ...r, status: u.status, values: u.values };
  });
  p.inserts.forEach((ins, i) => {
    rows.push({
      row_id: `new-${existing.length + i}`,
      status: ins.status,
      values: ins.values,
      planned_by_job: null,
    });
  });
  return rows;
}

describe('planImport: headers', () => {
  it('resolves aliases, NFKC variants and ignores unknown headers with a warning naming them', () => {
    const run = brushRun();
    for (const canonical of ['UPカット', '切込量', '突出量']) delete run[canonical];
    const table = tableOfRecords([
      {
        ...run,
        回転方向: 0,
        切込み量: 1.5,
        突出し量: 20,
        上面ダレ: 0.2,
        '面粗度（Ra）前': 1.2,
        '粗度(Ra)後': 0.8,
        run: 1,
        source: 'design',
        candidate_index: 17,
      },
    ]);
    const p = plan(table);
    expect(p.counts).toEqual({ insert: 1, update: 0, unchanged: 0, rejected: 0 });
    const values = p.inserts[0]!.values;
    expect(values).toMatchObject({
      UPカット: 0,
      切込量: 1.5,
      突出量: 20,
      上面ダレ量: 0.2,
      面粗度前: 1.2,
      面粗度後: 0.8,
    });
    expect(p.column_mapping).toContainEqual({ source: '面粗度（Ra）前', canonical: '面粗度前' });
    expect(p.column_mapping).toContainEqual({ source: 'run', canonical: null });
    const unknown = p.warnings.find((w) => w.code === 'unknown_columns');
    expect(unknown?.message).toContain("'run', 'source', 'candidate_index'");
    expect(unknown?.message_ja).toContain('「candidate_index」');
    expect(values).not.toHaveProperty('run');
  });

  it('reads the first of two headers meaning one column and warns about the later one', () => {
    const table = tableOfRecords([{ ...brushRun(), 上面ダレ量: 0.3, 上面ダレ: 0.9 }]);
    const p = plan(table);
    expect(p.inserts[0]!.values['上面ダレ量']).toBe(0.3);
    expect(p.column_mapping).toContainEqual({ source: '上面ダレ', canonical: null });
    expect(p.warnings.find((w) => w.code === 'duplicate_columns')?.message).toContain("'上面ダレ'");
  });

  it('warns when a key column has no header and rejects the rows naming it', () => {
    const run = brushRun();
    delete run['線材本数'];
    const p = plan(tableOfRecords([run]));
    expect(p.warnings.find((w) => w.code === 'missing_key_columns')?.message).toContain('線材本数');
    expect(p.rows[0]!.action).toBe('rejected');
    expect(p.rows[0]!.problems[0]).toMatchObject({ row: 2, column: '線材本数' });
    expect(p.rows[0]!.problems[0]!.message_ja).toContain('2行目');
  });
});

describe('planImport: cells and derived columns', () => {
  it('computes derived columns and replaces differing file values with a counted warning', () => {
    const table = tableOfRecords([
      { ...brushRun({ 送り速度: 700 }), 上面ダレ量: 0.25, 加工時間: 99, 切削時間: 8.6, バリ除去: 1 },
      { ...brushRun({ 送り速度: 1500, 回転速度: 5000 }), 加工時間: 4 },
    ]);
    const p = plan(table);
    expect(p.inserts[0]!.values).toMatchObject({ 加工時間: 8.571429, 切削時間: 8.6, バリ除去: 1 });
    expect(p.inserts[1]!.values).toMatchObject({ 加工時間: 4, 切削時間: 4, バリ除去: 0 });
    const w = p.warnings.find((x) => x.code === 'derived_replaced');
    expect(w?.message).toMatch(/^1 value/);
    expect(w?.message).toContain("'加工時間'");
  });

  it('rejects text in a number column, and an unreadable date, naming row, column and text', () => {
    const table = tableOfRecords([
      brushRun({ 回転速度: '4千' }),
      brushRun({ 実験日: 'yesterday', 回転速度: 3000 }),
      brushRun({ 回転速度: '1,500' }),
    ]);
    const p = plan(table);
    expect(p.counts.rejected).toBe(3);
    expect(p.rows[0]!.problems[0]).toMatchObject({ row: 2, column: '回転速度' });
    expect(p.rows[0]!.problems[0]!.message).toContain("'4千'");
    expect(p.rows[0]!.problems[0]!.message_ja).toContain('「4千」');
    expect(p.rows[1]!.problems[0]).toMatchObject({ row: 3, column: '実験日' });
    expect(p.rows[1]!.problems[0]!.message).toContain("'yesterday'");
    expect(p.rows[2]!.problems[0]!.message).toContain('decimal mark');
  });

  it('stores ISO text, slashes, Japanese dates, midnight times and Excel serials as one ISO date', () => {
    const dates = ['2025-10-29', '2025/10/29', '2025年10月29日', '2025-10-29 00:00:00', '45959'];
    const table = tableOfRecords(dates.map((d, i) => brushRun({ 実験日: d, パス数: i + 1 })));
    const p = plan(table);
    expect(p.counts.insert).toBe(5);
    expect(p.inserts.map((r) => r.values['実験日'])).toEqual(Array(5).fill('2025-10-29'));
  });

  it('keeps category numbers as numbers and text as text', () => {
    const p = plan(tableOfRecords([brushRun({ 材料: 'Alumi' })]));
    expect(p.inserts[0]!.values['材料']).toBe('Alumi');
    expect(p.inserts[0]!.values['直径']).toBe(15);
  });
});

describe('planImport: validation', () => {
  it('rejects a broken one-hot group naming row, group, column and values in both languages', () => {
    const p = plan(
      tableOfRecords([brushRun({ A13: 1, 直径: 6 }), brushRun({ A11: 0 }), brushRun({ A11: 2 })]),
    );
    expect(p.rows.map((r) => r.action)).toEqual(['rejected', 'rejected', 'rejected']);
    const [two, none, notBinary] = p.rows.map((r) => r.problems[0]!);
    expect(two).toMatchObject({ row: 2, column: 'A11' });
    expect(two!.message).toContain("Row 2: one-hot group 'ブラシ'");
    expect(two!.message).toContain('A13=1, A11=1, A21=0, A32=0');
    expect(two!.message_ja).toContain('2行目: ワンホットグループ「ブラシ」');
    expect(two!.message_ja).toContain('列「A11」');
    expect(none).toMatchObject({ row: 3, column: 'A13' });
    expect(notBinary).toMatchObject({ row: 4, column: 'A11' });
    expect(notBinary!.message).toContain('A11=2');
  });

  it('enforces allowed values, with the conditional brush rule', () => {
    const p = plan(
      tableOfRecords([
        brushRun({ A13: 1, A11: 0, 直径: 25 }),
        brushRun({ A13: 1, A11: 0, 直径: 15 }),
        brushRun({ 直径: 25 }),
        brushRun({ 直径: 30 }),
        brushRun({ 材料: 'Brass' }),
      ]),
    );
    expect(p.rows.map((r) => r.action)).toEqual(['rejected', 'insert', 'insert', 'rejected', 'rejected']);
    expect(p.rows[0]!.problems[0]!.message).toContain("when 'A13' is 1 it must be one of 6, 15");
    expect(p.rows[0]!.problems[0]!.message_ja).toContain('2行目: 列「直径」');
    expect(p.rows[3]!.problems[0]).toMatchObject({ row: 5, column: '直径' });
    expect(p.rows[4]!.problems[0]!.message).toContain("'Brass'");
  });

  it('rejects a later row with the key of an earlier one, naming the earlier row', () => {
    const p = plan(
      tableOfRecords([brushRun(), brushRun({ パス数: 3 }), brushRun({ 直径: '15.0', 摩耗量: 0.01 })]),
    );
    expect(p.rows.map((r) => r.action)).toEqual(['insert', 'insert', 'rejected']);
    expect(p.rows[2]!.problems[0]!.message).toContain('Row 4: the same run as row 2');
    expect(p.rows[2]!.problems[0]!.message_ja).toContain('2行目と同じ実験');
    expect(p.inserts).toHaveLength(2);
  });

  it('rejects a measured row without a date, but allows a planned one', () => {
    const p = plan(
      tableOfRecords([brushRun({ 実験日: null, 摩耗量: 0.02 }), brushRun({ 実験日: null, パス数: 3 })]),
    );
    expect(p.rows[0]!.action).toBe('rejected');
    expect(p.rows[0]!.problems[0]).toMatchObject({ row: 2, column: '実験日' });
    expect(p.rows[1]!.action).toBe('insert');
    expect(p.inserts[0]!.status).toBe('planned');
  });
});

describe('planImport: upsert', () => {
  const first = tableOfRecords([
    { ...brushRun(), 上面ダレ量: 0.2, 側面ダレ量: 0.1, 摩耗量: 0.01 },
    { ...brushRun({ 回転速度: 6000 }), 上面ダレ量: 0.3, 側面ダレ量: null, 摩耗量: 0.02 },
  ]);

  it('is idempotent: the same file twice gives only unchanged rows', () => {
    const p1 = plan(first);
    expect(p1.counts).toEqual({ insert: 2, update: 0, unchanged: 0, rejected: 0 });
    expect(p1.inserts.every((r) => r.status === 'done')).toBe(true);
    const p2 = plan(first, apply([], p1));
    expect(p2.counts).toEqual({ insert: 0, update: 0, unchanged: 2, rejected: 0 });
    expect(p2.inserts).toEqual([]);
    expect(p2.updates).toEqual([]);
    for (const row of p2.rows) expect(() => ImportRowOutcome.parse(row)).not.toThrow();
  });

  it('keeps values a partial re-import does not carry and lists only changed cells', () => {
    const log = apply([], plan(first));
    const partial = tableOfRecords([
      { ...brushRun({ 実験日: '2025/10/29' }), 側面ダレ量: 0.15 },
      { ...brushRun({ 回転速度: 6000, 送り速度: '1500.0' }), 側面ダレ量: 0.12, 摩耗量: null },
    ]);
    const p = plan(partial, log);
    expect(p.counts).toEqual({ insert: 0, update: 2, unchanged: 0, rejected: 0 });
    expect(p.rows[0]!.changes).toEqual([{ column: '側面ダレ量', before: 0.1, after: 0.15 }]);
    expect(p.rows[1]!.changes).toEqual([{ column: '側面ダレ量', before: null, after: 0.12 }]);
    expect(p.updates[0]!.values).toMatchObject({
      上面ダレ量: 0.2,
      側面ダレ量: 0.15,
      摩耗量: 0.01,
      バリ除去: 1,
    });
    expect(p.updates[1]!.values).toMatchObject({ 上面ダレ量: 0.3, 側面ダレ量: 0.12, 摩耗量: 0.02 });
    expect(p.updates[0]!.row_id).toBe(log[0]!.row_id);
  });

  it('fills a planned row without a date when a measured row matches all other key columns', () => {
    const planned: Record<string, CellValue> = {
      ...brushRun({ 実験日: null }),
      加工時間: 4,
      切削時間: 4,
      バリ除去: 0,
    };
    const existing: StoredRow[] = [
      { row_id: 'p1', status: 'planned', values: planned, planned_by_job: 'job-1' },
      { row_id: 'p2', status: 'planned', values: { ...planned }, planned_by_job: 'job-1' },
    ];
    const measured = tableOfRecords([
      { ...brushRun({ 実験日: '2025-11-03' }), 上面ダレ量: 0.22 },
      { ...brushRun({ 実験日: '2025-11-04' }), 上面ダレ量: 0.24 },
      { ...brushRun({ 実験日: '2025-11-05' }), 上面ダレ量: 0.26 },
    ]);
    const p = plan(measured, existing);
    expect(p.rows.map((r) => r.action)).toEqual(['update', 'update', 'insert']);
    expect(p.updates.map((u) => u.row_id)).toEqual(['p1', 'p2']);
    expect(p.updates[0]!.status).toBe('done');
    expect(p.updates[0]!.values).toMatchObject({ 実験日: '2025-11-03', 上面ダレ量: 0.22, バリ除去: 1 });
    expect(p.rows[0]!.changes.map((c) => c.column)).toEqual(['実験日', '上面ダレ量', 'バリ除去']);
  });

  it('prefers an exact key match over a planned row', () => {
    const done = { ...brushRun(), 上面ダレ量: 0.2 } as Record<string, CellValue>;
    const existing: StoredRow[] = [
      { row_id: 'p', status: 'planned', values: brushRun({ 実験日: null }), planned_by_job: null },
      { row_id: 'd', status: 'done', values: done, planned_by_job: null },
    ];
    const p = plan(tableOfRecords([{ ...brushRun(), 上面ダレ量: 0.25 }]), existing);
    expect(p.updates.map((u) => u.row_id)).toEqual(['d']);
  });
});

describe('planImport: a CSV read by readTable', () => {
  it('numbers rows as in the file (blank rows counted) and reads the form end to end', async () => {
    const csv = [
      'run,実験日,A13,A11,A21,A32,直径,材料,線材長,線材本数,回転速度,送り速度,回転方向,切込み量,突出し量,載せ率,パス数,上面ダレ,面粗度（Ra）前,加工時間',
      '1,2025/10/29,0,1,0,0,15,Steel,50,6,4000,1500,1,1.0,15,0.5,2,0.21,1.3,4',
      ',,,,,,,,,,,,,,,,,,,',
      '2,45960,0,1,0,0,15,Steel,50,6,4000,1500,1,1.0,15,0.5,2,abc,1.1,',
    ].join('\n');
    const table = await readTable(new TextEncoder().encode(csv), { filename: 'form.csv' });
    const p = plan(table);
    expect(p.rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'insert'],
      [4, 'rejected'],
    ]);
    expect(p.rows[1]!.problems[0]).toMatchObject({ row: 4, column: '上面ダレ量' });
    expect(p.rows[1]!.problems[0]!.message).toContain("header '上面ダレ'");
    expect(p.inserts[0]!.values).toMatchObject({
      実験日: '2025-10-29',
      上面ダレ量: 0.21,
      面粗度前: 1.3,
      加工時間: 4,
    });
    expect(p.warnings.map((w) => w.code)).toEqual(['unknown_columns']);
  });
});
