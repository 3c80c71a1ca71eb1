/**
 * The shipped default profile: deburring with ceramic-fibre brushes, as logged by the original app (see
 * /work/shared/reference/original-app.md §1). The column names, aliases, derived formulas and the brush rule
 * come from there; the only Japanese column names in the engine live in this file.
 *
 * Choices:
 * - `線材本数` defaults to 6 in the original database; the profile format has no defaults, so it is part of the
 *   key and a form must carry it (the label says so).
 * - `加工時間` is the exact formula, rounded to 6 places only to drop binary noise; `切削時間` is the same rounded
 *   to 0.1 s, as the original's prediction sheets.
 * - `バリ除去` is 1 when a top-edge sag was measured above 0, and 0 when it is missing, as in the original.
 * - Observed factor ranges are not rules: the original data covers one day and one brush only.
 */
import { DomainProfile, type DomainProfileInput } from '../../../src-shared/logs/domain-profile.js';

const brushes = ['A13', 'A11', 'A21', 'A32'] as const;

const input: DomainProfileInput = {
  id: 'brush-deburring',
  version: 1,
  name: { ja: 'ブラシバリ取り', en: 'Brush deburring' },
  description:
    'Experiment log of deburring with ceramic-fibre brushes: brush type and size, workpiece material, ' +
    'machining conditions, measured sags, wear, roughness and cutting forces.',
  columns: [
    { name: '実験日', type: 'date', role: 'date', label: { ja: '実験日', en: 'Experiment date' } },
    ...brushes.map((b) => ({
      name: b,
      type: 'number' as const,
      role: 'one_hot' as const,
      label: { ja: `ブラシ ${b}`, en: `Brush ${b}` },
    })),
    { name: '直径', type: 'number', role: 'factor', unit: 'mm', label: { ja: '直径', en: 'Brush diameter' } },
    { name: '材料', type: 'category', role: 'factor', label: { ja: '材料', en: 'Workpiece material' } },
    {
      name: '線材長',
      type: 'number',
      role: 'factor',
      unit: 'mm',
      label: { ja: '線材長', en: 'Filament length' },
    },
    {
      name: '線材本数',
      type: 'number',
      role: 'factor',
      label: { ja: '線材本数(標準 6)', en: 'Filament count (usually 6)' },
    },
    {
      name: '回転速度',
      type: 'number',
      role: 'factor',
      unit: 'min⁻¹',
      label: { ja: '回転速度', en: 'Spindle speed' },
    },
    {
      name: '送り速度',
      type: 'number',
      role: 'factor',
      unit: 'mm/min',
      label: { ja: '送り速度', en: 'Feed rate' },
    },
    {
      name: 'UPカット',
      aliases: ['回転方向'],
      type: 'number',
      role: 'factor',
      label: { ja: 'UPカット(1 = アップ、0 = ダウン)', en: 'Up-cut (1 = up-cut, 0 = down-cut)' },
    },
    {
      name: '切込量',
      aliases: ['切込み量'],
      type: 'number',
      role: 'factor',
      unit: 'mm',
      label: { ja: '切込量', en: 'Depth of cut' },
    },
    {
      name: '突出量',
      aliases: ['突出し量'],
      type: 'number',
      role: 'factor',
      unit: 'mm',
      label: { ja: '突出量', en: 'Protrusion' },
    },
    { name: '載せ率', type: 'number', role: 'factor', label: { ja: '載せ率', en: 'Overlap ratio' } },
    { name: 'パス数', type: 'number', role: 'factor', label: { ja: 'パス数', en: 'Passes' } },
    {
      name: '上面ダレ量',
      aliases: ['上面ダレ'],
      type: 'number',
      role: 'response',
      unit: 'mm',
      label: { ja: '上面ダレ量', en: 'Top-edge sag' },
    },
    {
      name: '側面ダレ量',
      aliases: ['側面ダレ'],
      type: 'number',
      role: 'response',
      unit: 'mm',
      label: { ja: '側面ダレ量', en: 'Side sag' },
    },
    {
      name: '摩耗量',
      type: 'number',
      role: 'response',
      unit: 'mm',
      label: { ja: '摩耗量', en: 'Brush wear' },
    },
    {
      name: '面粗度前',
      aliases: ['面粗度(Ra)前', '粗度(Ra)前'],
      type: 'number',
      role: 'response',
      unit: 'µm',
      label: { ja: '面粗度(Ra)前', en: 'Roughness Ra before' },
    },
    {
      name: '面粗度後',
      aliases: ['面粗度(Ra)後', '粗度(Ra)後'],
      type: 'number',
      role: 'response',
      unit: 'µm',
      label: { ja: '面粗度(Ra)後', en: 'Roughness Ra after' },
    },
    ...(['X', 'Y', 'Z'] as const).map((axis) => ({
      name: `切削力${axis}`,
      type: 'number' as const,
      role: 'response' as const,
      unit: 'N',
      label: { ja: `切削力${axis}`, en: `Cutting force ${axis}` },
    })),
  ],
  one_hot_groups: [{ name: 'ブラシ', columns: [...brushes] }],
  derived: [
    { name: '加工時間', type: 'number', expression: '100 / 送り速度 * 60', round: 6, unit: 's' },
    { name: '切削時間', type: 'number', expression: '100 / 送り速度 * 60', round: 1, unit: 's' },
    { name: 'バリ除去', type: 'flag', expression: '上面ダレ量 > 0', when_missing: 0 },
  ],
  rules: [
    { kind: 'allowed_values', column: '直径', values: [6, 15, 25, 40, 60, 100] },
    { kind: 'allowed_values', column: '直径', values: [6, 15], when: { column: 'A13', equals: 1 } },
    { kind: 'allowed_values', column: '材料', values: ['Steel', 'Alumi'] },
    { kind: 'allowed_values', column: 'UPカット', values: [0, 1] },
  ],
  key_columns: [
    '実験日',
    ...brushes,
    '直径',
    '材料',
    '線材長',
    '線材本数',
    '回転速度',
    '送り速度',
    'UPカット',
    '切込量',
    '突出量',
    '載せ率',
    'パス数',
  ],
  date_column: '実験日',
};

/** Parsed at load, so a mistake here fails every test that imports the engine rather than a user's import. */
export const BRUSH_DEBURRING_PROFILE: DomainProfile = DomainProfile.parse(input);
