import { describe, expect, it } from 'vitest';
import { DomainProfile } from '../../src-shared/logs/domain-profile.js';
import { brushRun } from './experiment-log.testing.js';
import { computeDerived } from './derived-columns.js';
import { BRUSH_DEBURRING_PROFILE as profile, canonicalKey, logRowsTable, plannedRows } from './index.js';

describe('BRUSH_DEBURRING_PROFILE', () => {
  it('is a valid DomainProfile whose key, group, rule and derived columns name its own columns', () => {
    expect(DomainProfile.parse(profile)).toEqual(profile);
    const names = new Set(profile.columns.map((c) => c.name));
    expect(profile.key_columns).toHaveLength(16);
    for (const k of profile.key_columns) expect(names.has(k)).toBe(true);
    for (const c of profile.one_hot_groups[0]!.columns) expect(names.has(c)).toBe(true);
    expect(profile.date_column).toBe('実験日');
    expect(profile.columns.every((c) => c.label?.en !== undefined && c.label.ja !== undefined)).toBe(true);
  });
});

describe('computeDerived', () => {
  it('computes the machining time, rounds the cutting time, and flags a measured sag', () => {
    expect(computeDerived(profile, { 送り速度: 700, 上面ダレ量: 0.2 })).toEqual({
      加工時間: 8.571429,
      切削時間: 8.6,
      バリ除去: 1,
    });
    expect(computeDerived(profile, { 送り速度: 0, 上面ダレ量: 0 })).toEqual({
      加工時間: null,
      切削時間: null,
      バリ除去: 0,
    });
    expect(computeDerived(profile, {})).toEqual({ 加工時間: null, 切削時間: null, バリ除去: 0 });
  });

  it('compares a text input with a quoted text, and leaves a text in arithmetic uncomputed', () => {
    const p = DomainProfile.parse({
      id: 'text-derived',
      version: 1,
      name: { ja: 't', en: 't' },
      columns: [
        { name: 'material', type: 'category', role: 'factor' },
        { name: 'x', type: 'number', role: 'factor' },
      ],
      derived: [
        { name: 'steel', type: 'flag', expression: "material == 'Steel'" },
        { name: 'double', type: 'number', expression: 'material * 2' },
      ],
      key_columns: ['x'],
    });
    expect(computeDerived(p, { material: 'Steel' })).toEqual({ steel: 1, double: null });
    expect(computeDerived(p, { material: 'Alumi' })).toEqual({ steel: 0, double: null });
    // A number where the expression compares with a text: not computable, like a missing input.
    expect(computeDerived(p, { material: 3 })).toEqual({ steel: null, double: 6 });
  });
});

describe('canonicalKey', () => {
  it('equates 1, "1" and "1.0", and dates by their ISO day', () => {
    const a = canonicalKey(profile, ['直径', '実験日'], { 直径: 15, 実験日: '2025-10-29' });
    expect(canonicalKey(profile, ['直径', '実験日'], { 直径: '15', 実験日: '2025-10-29T10:00:00' })).toBe(a);
    expect(canonicalKey(profile, ['直径', '実験日'], { 直径: '15.0', 実験日: '45959' })).toBe(a);
    expect(canonicalKey(profile, ['直径', '実験日'], { 直径: 25, 実験日: '2025-10-29' })).not.toBe(a);
    expect(canonicalKey(profile, ['直径', '実験日'], { 直径: 15 })).not.toBe(a);
  });
});

describe('plannedRows', () => {
  it('resolves aliases, expands a one-hot group, computes derived columns and warns about dropped names', () => {
    const { rows, warnings } = plannedRows(profile, [
      { ...brushRun({ 実験日: null }), 回転方向: 0, candidate_index: 3 },
      { ブラシ: 'A21', 直径: 25, 送り速度: '1500', 上面ダレ量: 0.31, 実験日: '2025-11-01' },
    ]);
    expect(rows[0]).toMatchObject({ A11: 1, UPカット: 0, 加工時間: 4, バリ除去: 0 });
    expect(rows[0]).not.toHaveProperty('candidate_index');
    expect(rows[1]).toMatchObject({ A13: 0, A11: 0, A21: 1, A32: 0, 直径: 25, 送り速度: 1500, 切削時間: 4 });
    expect(rows[1]).not.toHaveProperty('上面ダレ量');
    expect(rows[1]).not.toHaveProperty('実験日');
    expect(warnings.map((w) => w.code)).toEqual(['unknown_columns', 'planned_values_dropped']);
    expect(warnings[0]!.message).toContain("'candidate_index'");
  });

  it('leaves a value that does not fit its column empty, with a warning', () => {
    const { rows, warnings } = plannedRows(profile, [{ 回転速度: 'fast', ブラシ: 'Z9' }]);
    expect(rows[0]!['回転速度']).toBeNull();
    expect(warnings[0]).toMatchObject({ code: 'invalid_values' });
    expect(warnings[0]!.message).toMatch(/^2 value/);
  });
});

describe('logRowsTable', () => {
  it('lays rows out in profile order, then derived columns, then status', () => {
    const t = logRowsTable(profile, [
      { status: 'done', values: { 実験日: '2025-10-29', 回転速度: 4000, 加工時間: 4 } },
      { status: 'planned', values: {} },
    ]);
    expect(t.header.slice(0, 2)).toEqual(['実験日', 'A13']);
    expect(t.header.slice(-4)).toEqual(['加工時間', '切削時間', 'バリ除去', 'status']);
    expect(t.header).toHaveLength(profile.columns.length + profile.derived.length + 1);
    expect(t.cells[0]![t.header.indexOf('回転速度')]).toBe(4000);
    expect(t.cells[0]!.at(-1)).toBe('done');
    expect(t.cells[1]!.slice(0, -1).every((c) => c === null)).toBe(true);
  });
});
