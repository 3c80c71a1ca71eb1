/**
 * Hands the fitted linear models to engineers as an Excel workbook whose calculator sheet predicts with live
 * formulas (inverse transform included), so they can try conditions in Excel or LibreOffice without the app.
 *
 * Glossary:
 * - term: one column of the design matrix, the product of its factors (`(Intercept)` has none).
 * - coded input: a numeric input after `(x − center) / scale`, when the model was fitted on coded inputs.
 * - z: the prediction on the transformed scale, Σ coefficient × term; the prediction is the inverse transform
 *   of z minus the shift that was added to y before transforming.
 * - neutralised text: a data string that Excel could read as a formula, prefixed with `'`.
 */
import ExcelJS from 'exceljs';
import { LABELS, linearWorkbookSheetNames } from './linear-workbook-labels.js';

export type WorkbookFactor =
  { kind: 'numeric'; column: string; power: number } | { kind: 'level'; column: string; level: string };

export type WorkbookTransformName = 'none' | 'log' | 'log10' | 'sqrt' | 'box_cox' | 'yeo_johnson';

export interface WorkbookTransform {
  name: WorkbookTransformName;
  lambda: number | null;
  /**
   * Added to y before log, log10, sqrt and Box-Cox; the inverse subtracts it again. Ignored for 'none' and
   * Yeo-Johnson, which never shift (as in backend/analysis/transforms/target-transform.ts).
   */
  shift: number;
}

export interface WorkbookModel {
  target: string;
  /** Terms in order; '(Intercept)' has factors []. A term's value = product of its factors. */
  terms: Array<{ name: string; factors: WorkbookFactor[] }>;
  /** One per term, for CODED inputs when coding is set. */
  coefficients: number[];
  /** Numeric inputs are coded (x − center) / scale before use; null means raw inputs. */
  coding: Record<string, { center: number; scale: number }> | null;
  categorical: Record<string, { levels: string[]; reference: string }>;
  transform: WorkbookTransform;
  /** Example inputs shown in the calculator (e.g. the first data row), and the training range per numeric column. */
  example: Record<string, number | string>;
  ranges: Record<string, { min: number; max: number }>;
}

export type WorkbookTable = {
  target: string;
  header: string[];
  rows: Array<Array<string | number | null>>;
};

export { linearWorkbookSheetNames };

export interface WorkbookContent {
  /** One per target. */
  models: WorkbookModel[];
  /** Key/value rows: job id, date, n, metrics... */
  summary: Array<[string, string | number]>;
  coefficientTables: WorkbookTable[];
  anovaTables: WorkbookTable[];
  predictions: { header: string[]; rows: Array<Array<string | number | null>> };
  /** Labels and sheet names; Japanese when omitted. */
  language?: 'ja' | 'en';
}

// ---------------------------------------------------------------------------------------------------------
// Text safety

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** `'` is included so that neutralising stays one-to-one (`'=x` and `=x` do not collide). */
const FORMULA_START = /^[=+\-@\t\r']/;

/**
 * Makes a data string safe to put in a cell: a leading `=`, `+`, `-`, `@`, tab or CR (and `'`) gets a `'`
 * prefix, unless the whole string is a plain number such as `-1.5`. One-to-one, so levels stay distinct.
 */
export function neutralizeText(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_PATTERN.test(text) ? `'${text}` : text;
}

type CellScalar = string | number | null;

/** A data value for a cell: neutralised text, finite numbers as numbers, non-finite ones as text. */
function dataValue(value: CellScalar | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return neutralizeText(value);
}

// ---------------------------------------------------------------------------------------------------------
// Prediction in TypeScript, with the same arithmetic as the formulas

/**
 * The inverse of z = T(y + shift), evaluated in the same order as the calculator's formula. Outside the
 * transform's range it returns the limit, as the engine's inverse does: sqrt treats z < 0 as 0, and a power
 * base λz + 1 ≤ 0 (Box-Cox, Yeo-Johnson) as 0, which gives −shift, or ±∞ (an error cell in the sheet).
 */
export function inverseTransform(transform: WorkbookTransform, z: number): number {
  const { shift } = transform;
  const lambda = transform.lambda ?? Number.NaN;
  switch (transform.name) {
    case 'none':
      return z;
    case 'log':
      return Math.exp(z) - shift;
    case 'log10':
      return Math.pow(10, z) - shift;
    case 'sqrt':
      return Math.pow(Math.max(z, 0), 2) - shift;
    case 'box_cox':
      return (lambda === 0 ? Math.exp(z) : Math.pow(Math.max(lambda * z + 1, 0), 1 / lambda)) - shift;
    case 'yeo_johnson':
      return z >= 0
        ? lambda === 0
          ? Math.exp(z) - 1
          : Math.pow(Math.max(lambda * z + 1, 0), 1 / lambda) - 1
        : lambda === 2
          ? 1 - Math.exp(-z)
          : 1 - Math.pow(Math.max(1 - (2 - lambda) * z, 0), 1 / (2 - lambda));
  }
}

/** Whether the transform's inverse subtracts a shift (the others never shift). */
function usesShift(name: WorkbookTransformName): boolean {
  return name === 'log' || name === 'log10' || name === 'sqrt' || name === 'box_cox';
}

/** The value of one factor for raw inputs (numeric inputs coded when the model says so). */
function factorValue(
  model: WorkbookModel,
  factor: WorkbookFactor,
  inputs: Record<string, number | string>,
): number {
  const input = inputs[factor.column];
  if (factor.kind === 'level') return String(input) === factor.level ? 1 : 0;
  const x = typeof input === 'number' ? input : Number(input);
  const code = model.coding ? codingOf(model, factor.column) : null;
  const v = code ? (x - code.center) / code.scale : x;
  return factor.power === 1 ? v : Math.pow(v, factor.power);
}

/**
 * The prediction of one model for raw inputs (column → number or level): z on the transformed scale and
 * y in original units. Same operations in the same order as the workbook formulas, so the cached values
 * match what a spreadsheet computes.
 */
export function predictLinear(
  model: WorkbookModel,
  inputs: Record<string, number | string>,
): { z: number; y: number } {
  checkModel(model);
  let z = 0;
  model.terms.forEach((term, i) => {
    let product = model.coefficients[i]!;
    for (const factor of term.factors) product = product * factorValue(model, factor, inputs);
    z = i === 0 ? product : z + product;
  });
  return { z, y: inverseTransform(model.transform, z) };
}

function codingOf(model: WorkbookModel, column: string): { center: number; scale: number } {
  const code = model.coding?.[column];
  if (!code) {
    throw new Error(
      `linear workbook: model "${model.target}" codes its inputs but has no center/scale for "${column}".`,
    );
  }
  return code;
}

function checkModel(model: WorkbookModel): void {
  if (model.coefficients.length !== model.terms.length) {
    throw new Error(
      `linear workbook: model "${model.target}" has ${model.terms.length} terms but ${model.coefficients.length} coefficients.`,
    );
  }
  model.coefficients.forEach((c, i) => {
    if (!Number.isFinite(c)) {
      throw new Error(
        `linear workbook: coefficient of "${model.terms[i]!.name}" in model "${model.target}" is ${c}; pass 0 for aliased terms.`,
      );
    }
  });
  const { name, lambda } = model.transform;
  if ((name === 'box_cox' || name === 'yeo_johnson') && (lambda === null || !Number.isFinite(lambda))) {
    throw new Error(`linear workbook: model "${model.target}" uses ${name} but has no finite lambda.`);
  }
  if (usesShift(name) && !Number.isFinite(model.transform.shift)) {
    throw new Error(`linear workbook: model "${model.target}" has a non-finite shift.`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Calculator layout

interface InputColumn {
  name: string;
  kind: 'numeric' | 'text';
  levels: string[];
  /** Defined name of the input cell (`in_1`, ...). */
  cellName: string;
  range: { min: number; max: number } | null;
  value: number | string;
}

/** Every input column of every model, in order of first appearance; text when any model treats it as levels. */
function collectInputs(models: WorkbookModel[]): InputColumn[] {
  const byName = new Map<string, InputColumn>();
  const touch = (name: string): InputColumn => {
    let col = byName.get(name);
    if (!col) {
      col = { name, kind: 'numeric', levels: [], cellName: `in_${byName.size + 1}`, range: null, value: 0 };
      byName.set(name, col);
    }
    return col;
  };
  const addLevel = (col: InputColumn, level: string) => {
    col.kind = 'text';
    if (!col.levels.includes(level)) col.levels.push(level);
  };
  for (const model of models) {
    for (const term of model.terms) {
      for (const factor of term.factors) {
        const col = touch(factor.column);
        if (factor.kind === 'level') addLevel(col, factor.level);
      }
    }
    for (const [name, cat] of Object.entries(model.categorical)) {
      const col = touch(name);
      col.kind = 'text';
      // Keep the declared order: reference and listed levels first, then levels seen only in terms.
      const declared = [...cat.levels];
      if (!declared.includes(cat.reference)) declared.unshift(cat.reference);
      col.levels = [...declared, ...col.levels.filter((l) => !declared.includes(l))];
    }
  }
  for (const col of byName.values()) {
    for (const model of models) {
      const r = model.ranges[col.name];
      if (!col.range && r && Number.isFinite(r.min) && Number.isFinite(r.max)) col.range = { ...r };
    }
    const example = models.map((m) => m.example[col.name]).find((v) => v !== undefined);
    if (col.kind === 'text') {
      const reference = models.map((m) => m.categorical[col.name]?.reference).find((v) => v !== undefined);
      col.value = example !== undefined ? String(example) : (reference ?? col.levels[0] ?? '');
    } else {
      const x = typeof example === 'number' ? example : Number(example);
      col.value =
        example !== undefined && Number.isFinite(x) ? x : col.range ? (col.range.min + col.range.max) / 2 : 0;
    }
  }
  return [...byName.values()];
}

/** A string literal inside a formula. */
function formulaString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Excel limits a string literal in a formula to 255 characters; longer levels are compared by cell. */
const MAX_FORMULA_LITERAL = 255;

function levelOperand(level: string, cellAddress: string): string {
  const safe = neutralizeText(level);
  return safe.length <= MAX_FORMULA_LITERAL ? formulaString(safe) : cellAddress;
}

/** The formula of z for model number t (1-based): Σ coef_t_i × term_i, in term order. */
function zFormula(
  model: WorkbookModel,
  t: number,
  inputs: Map<string, InputColumn>,
  levelCells: Map<string, string>,
): string {
  const parts = model.terms.map((term, i) => {
    const factors = term.factors.map((factor) => {
      const col = inputs.get(factor.column)!;
      if (factor.kind === 'level') {
        const address = levelCells.get(levelKey(factor.column, factor.level))!;
        return `IF(EXACT(${col.cellName},${levelOperand(factor.level, address)}),1,0)`;
      }
      const index = col.cellName.slice('in_'.length);
      if (model.coding) codingOf(model, factor.column);
      const base = model.coding ? `(${col.cellName}-ctr_${t}_${index})/scl_${t}_${index}` : col.cellName;
      if (factor.power === 1) return model.coding ? `(${base})` : base;
      return `POWER(${base},${numberLiteral(factor.power)})`;
    });
    return [`coef_${t}_${i}`, ...factors].join('*');
  });
  return parts.length > 0 ? parts.join('+') : '0';
}

/** The inverse transform formula for model number t, reading z_t, lambda_t and shift_t (same as inverseTransform). */
function inverseFormula(transform: WorkbookTransform, t: number): string {
  const z = `z_${t}`;
  const l = `lambda_${t}`;
  const s = `shift_${t}`;
  switch (transform.name) {
    case 'none':
      return z;
    case 'log':
      return `EXP(${z})-${s}`;
    case 'log10':
      return `POWER(10,${z})-${s}`;
    case 'sqrt':
      return `POWER(MAX(${z},0),2)-${s}`;
    case 'box_cox':
      return `IF(${l}=0,EXP(${z}),POWER(MAX(${l}*${z}+1,0),1/${l}))-${s}`;
    case 'yeo_johnson':
      return (
        `IF(${z}>=0,IF(${l}=0,EXP(${z})-1,POWER(MAX(${l}*${z}+1,0),1/${l})-1),` +
        `IF(${l}=2,1-EXP(-${z}),1-POWER(MAX(1-(2-${l})*${z},0),1/(2-${l}))))`
      );
  }
}

/** Numbers inside formulas: shortest round-trip text, so no precision is lost. */
function numberLiteral(x: number): string {
  return String(x);
}

function levelKey(column: string, level: string): string {
  return JSON.stringify([column, level]);
}

/** A cached formula result: the number, or the error a spreadsheet shows for ∞ (POWER(0, −p)) or NaN. */
function cached(x: number): number | { error: '#DIV/0!' | '#NUM!' } {
  if (Number.isFinite(x)) return x;
  return { error: Number.isNaN(x) ? '#NUM!' : '#DIV/0!' };
}

// ---------------------------------------------------------------------------------------------------------
// Workbook

const FILL_INPUT: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const FILL_RESULT: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };
const FILL_CONSTANT: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const FILL_HEADER: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function writeHeader(row: ExcelJS.Row, header: readonly string[], fromData: boolean): void {
  header.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = fromData ? neutralizeText(h) : h;
    cell.font = { bold: true };
    cell.fill = FILL_HEADER;
  });
}

function writeDataRow(row: ExcelJS.Row, values: readonly CellScalar[]): void {
  values.forEach((v, i) => {
    const value = dataValue(v);
    if (value !== null) row.getCell(i + 1).value = value;
  });
}

function writeTables(sheet: ExcelJS.Worksheet, tables: WorkbookTable[], targetPrefix: string): void {
  for (const table of tables) {
    const title = sheet.addRow([`${targetPrefix}${neutralizeText(table.target)}`]);
    title.font = { bold: true };
    writeHeader(sheet.addRow([]), table.header, true);
    for (const r of table.rows) writeDataRow(sheet.addRow([]), r);
    sheet.addRow([]);
  }
}

/**
 * Builds the linear-analysis workbook (summary, coefficients, ANOVA, predictions, a live-formula calculator
 * and a how-to sheet) and returns the .xlsx bytes. Throws when a model is inconsistent (terms vs
 * coefficients, non-finite coefficients, Box-Cox/Yeo-Johnson without λ, coding missing a column).
 */
export async function buildLinearWorkbook(content: WorkbookContent): Promise<Uint8Array> {
  const L = LABELS[content.language ?? 'ja'];
  content.models.forEach(checkModel);
  const wb = new ExcelJS.Workbook();
  wb.creator = '0.00sec';
  // Ask Excel to recalculate on open; the cached values are already right for the example inputs.
  wb.calcProperties = { fullCalcOnLoad: true };

  // Summary
  const summary = wb.addWorksheet(L.sheets.summary);
  writeHeader(summary.addRow([]), [L.key, L.value], false);
  for (const [k, v] of content.summary) writeDataRow(summary.addRow([]), [k, v]);
  summary.getColumn(1).width = 32;
  summary.getColumn(2).width = 40;

  // Coefficients, ANOVA
  const coefficients = wb.addWorksheet(L.sheets.coefficients);
  writeTables(coefficients, content.coefficientTables, L.targetPrefix);
  coefficients.getColumn(1).width = 28;
  const anova = wb.addWorksheet(L.sheets.anova);
  writeTables(anova, content.anovaTables, L.targetPrefix);
  anova.getColumn(1).width = 28;

  // Predictions
  const predictions = wb.addWorksheet(L.sheets.predictions);
  writeHeader(predictions.addRow([]), content.predictions.header, true);
  for (const r of content.predictions.rows) writeDataRow(predictions.addRow([]), r);
  predictions.views = [{ state: 'frozen', ySplit: 1 }];

  writeCalculator(wb.addWorksheet(L.sheets.calculator), content);

  // How to use
  const howTo = wb.addWorksheet(L.sheets.howTo);
  L.howTo.forEach((line, i) => {
    const row = howTo.addRow([line]);
    if (i === 0) row.font = { bold: true, size: 14 };
  });
  howTo.getColumn(1).width = 120;

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

function writeCalculator(sheet: ExcelJS.Worksheet, content: WorkbookContent): void {
  const L = LABELS[content.language ?? 'ja'];
  const inputs = collectInputs(content.models);
  const inputByName = new Map(inputs.map((c) => [c.name, c]));
  const rawInputs: Record<string, number | string> = Object.fromEntries(inputs.map((c) => [c.name, c.value]));

  sheet.getColumn(1).width = 30;
  sheet.getColumn(2).width = 24;
  sheet.getColumn(3).width = 18;
  sheet.getColumn(4).width = 18;
  sheet.getColumn(5).width = 26;

  sheet.getCell('A1').value = L.calcTitle;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = L.calcInstruction;

  // Level lists for the dropdowns, one column per text input, from column G.
  const levelCells = new Map<string, string>();
  const listRanges = new Map<string, string>();
  const LIST_HEADER_ROW = 5;
  inputs
    .filter((c) => c.kind === 'text')
    .forEach((col, k) => {
      const colNumber = 7 + k;
      sheet.getColumn(colNumber).width = 18;
      const header = sheet.getCell(LIST_HEADER_ROW, colNumber);
      header.value = `${L.levelsHeader}${neutralizeText(col.name)}`;
      header.font = { bold: true };
      header.fill = FILL_HEADER;
      col.levels.forEach((level, j) => {
        const cell = sheet.getCell(LIST_HEADER_ROW + 1 + j, colNumber);
        cell.value = neutralizeText(level);
        levelCells.set(levelKey(col.name, level), `$${cell.address.replace(/(\d+)$/, '$$$1')}`);
      });
      const letter = sheet.getColumn(colNumber).letter;
      const last = LIST_HEADER_ROW + Math.max(col.levels.length, 1);
      listRanges.set(col.name, `$${letter}$${LIST_HEADER_ROW + 1}:$${letter}$${last}`);
    });

  // Inputs
  let r = 4;
  const section = (title: string) => {
    const cell = sheet.getCell(r, 1);
    cell.value = title;
    cell.font = { bold: true, size: 12 };
    r += 1;
  };
  section(L.inputsSection);
  writeHeader(sheet.getRow(r), L.inputHeader, false);
  r += 1;
  for (const col of inputs) {
    const row = sheet.getRow(r);
    row.getCell(1).value = neutralizeText(col.name);
    const input = row.getCell(2);
    input.name = col.cellName;
    input.fill = FILL_INPUT;
    input.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
    if (col.kind === 'text') {
      input.value = neutralizeText(String(col.value));
      input.dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: [listRanges.get(col.name)!],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: L.listTitle,
        error: L.listMessage,
      };
      row.getCell(3).value = L.chooseLevel;
    } else {
      input.value = col.value as number;
      if (col.range) {
        const { min, max } = col.range;
        row.getCell(3).value = min;
        row.getCell(4).value = max;
        input.dataValidation = {
          type: 'decimal',
          operator: 'between',
          allowBlank: false,
          formulae: [min, max],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: L.validationTitle,
          error: L.validationMessage(min, max),
          showInputMessage: true,
          promptTitle: L.promptTitle,
          prompt: L.prompt(min, max),
        };
        const x = col.value as number;
        row.getCell(5).value = {
          formula: `IF(OR(${col.cellName}<C${r},${col.cellName}>D${r}),${formulaString(L.outOfRange)},${formulaString(L.inRange)})`,
          result: x < min || x > max ? L.outOfRange : L.inRange,
        };
      }
    }
    r += 1;
  }

  // Predictions (formulas filled in below, once the constants have their names)
  r += 1;
  section(L.resultsSection);
  writeHeader(sheet.getRow(r), L.resultHeader, false);
  r += 1;
  const resultRows = content.models.map((model) => {
    const row = sheet.getRow(r);
    row.getCell(1).value = neutralizeText(model.target);
    row.getCell(1).font = { bold: true };
    const lambda = model.transform.lambda;
    const usesLambda = model.transform.name === 'box_cox' || model.transform.name === 'yeo_johnson';
    row.getCell(4).value =
      L.transformNames[model.transform.name] + (usesLambda && lambda !== null ? ` (λ = ${lambda})` : '');
    r += 1;
    return row;
  });

  // Model constants
  r += 1;
  section(L.constantsSection);
  content.models.forEach((model, m) => {
    const t = m + 1;
    const title = sheet.getCell(r, 1);
    title.value = `${L.targetPrefix}${neutralizeText(model.target)}`;
    title.font = { bold: true };
    r += 1;
    const constant = (label: string, name: string, value: number) => {
      sheet.getCell(r, 1).value = label;
      const cell = sheet.getCell(r, 2);
      cell.value = value;
      cell.name = name;
      cell.fill = FILL_CONSTANT;
      sheet.getCell(r, 3).value = name;
      r += 1;
    };
    if (model.transform.name === 'box_cox' || model.transform.name === 'yeo_johnson') {
      constant(L.lambda, `lambda_${t}`, model.transform.lambda!);
    }
    if (usesShift(model.transform.name)) constant(L.shift, `shift_${t}`, model.transform.shift);
    writeHeader(sheet.getRow(r), L.termHeader, false);
    r += 1;
    model.terms.forEach((term, i) => {
      constant(neutralizeText(term.name), `coef_${t}_${i}`, model.coefficients[i]!);
    });
    if (model.coding) {
      const coded = inputs.filter(
        (col) =>
          col.kind === 'numeric' &&
          model.terms.some((term) => term.factors.some((f) => f.kind === 'numeric' && f.column === col.name)),
      );
      if (coded.length > 0) {
        writeHeader(sheet.getRow(r), L.codingHeader, false);
        r += 1;
        for (const col of coded) {
          const code = codingOf(model, col.name);
          const index = col.cellName.slice('in_'.length);
          const row = sheet.getRow(r);
          row.getCell(1).value = neutralizeText(col.name);
          for (const [k, name, value] of [
            [2, `ctr_${t}_${index}`, code.center],
            [3, `scl_${t}_${index}`, code.scale],
          ] as const) {
            const cell = row.getCell(k);
            cell.value = value;
            cell.name = name;
            cell.fill = FILL_CONSTANT;
          }
          r += 1;
        }
      }
    }
    r += 1;
  });

  // The live formulas, with cached results for the example inputs.
  content.models.forEach((model, m) => {
    const t = m + 1;
    const { z, y } = predictLinear(model, rawInputs);
    const row = resultRows[m]!;
    const zCell = row.getCell(3);
    zCell.value = { formula: zFormula(model, t, inputByName, levelCells), result: cached(z) };
    zCell.name = `z_${t}`;
    const yCell = row.getCell(2);
    yCell.value = { formula: inverseFormula(model.transform, t), result: cached(y) };
    yCell.name = `pred_${t}`;
    yCell.font = { bold: true, size: 12 };
    yCell.fill = FILL_RESULT;
  });
}
