/** Proves the calculator sheet's live formulas predict what the app predicts, recalculated by a real spreadsheet engine (LibreOffice Calc). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLinearWorkbook,
  linearWorkbookSheetNames,
  neutralizeText,
  predictLinear,
  type WorkbookContent,
  type WorkbookFactor,
  type WorkbookModel,
  type WorkbookTransform,
} from './linear-workbook.js';
import {
  convert,
  findSoffice,
  inputCells,
  load,
  namedCells,
  numberResult,
  withInputs,
  type Inputs,
} from './libreoffice-recalc.testing.js';

// ---- Models: every transform, interactions, squares, a cube, a text column, coded and raw inputs.

const TEMP = 'temp';
const PRESS = '+pressure'; // a column name that looks like a formula
const MAT = 'material';
const LEVELS = ['A', 'a', '-Mix']; // case-distinct levels and one that looks like a formula
const num = (column: string, power = 1): WorkbookFactor => ({ kind: 'numeric', column, power });
const lvl = (level: string): WorkbookFactor => ({ kind: 'level', column: MAT, level });

const TERMS: WorkbookModel['terms'] = [
  { name: '(Intercept)', factors: [] },
  { name: TEMP, factors: [num(TEMP)] },
  { name: PRESS, factors: [num(PRESS)] },
  { name: 'temp^2', factors: [num(TEMP, 2)] },
  { name: 'temp:+pressure', factors: [num(TEMP), num(PRESS)] },
  { name: 'material[a]', factors: [lvl('a')] },
  { name: 'material[-Mix]', factors: [lvl('-Mix')] },
  { name: 'temp:material[-Mix]', factors: [num(TEMP), lvl('-Mix')] },
];
const RAW_TERMS: WorkbookModel['terms'] = [...TERMS, { name: '+pressure^3', factors: [num(PRESS, 3)] }];

const CODING = { [TEMP]: { center: 200, scale: 50 }, [PRESS]: { center: 1.5, scale: 1 } };
const RANGES = { [TEMP]: { min: 150, max: 250 }, [PRESS]: { min: 0.5, max: 2.5 } };
const EXAMPLE = { [TEMP]: 201.5, [PRESS]: 1.75, [MAT]: 'a' };
/** Coded-input slopes; z ≈ intercept ± 1.2 over the test rows. */
const CODED_SLOPES = [0.31, -0.22, 0.12, 0.07, 0.18, -0.26, 0.09];
/** Raw-input slopes (temp ~200, pressure ~1.5); z ≈ intercept ± 1. */
const RAW_SLOPES = [0.011, -0.35, -2.2e-5, 0.0012, 0.2, -0.3, 0.0011, 0.04];

function model(
  target: string,
  transform: WorkbookTransform,
  intercept: number,
  coded: boolean,
): WorkbookModel {
  return {
    target,
    terms: coded ? TERMS : RAW_TERMS,
    coefficients: [intercept, ...(coded ? CODED_SLOPES : RAW_SLOPES)],
    coding: coded ? CODING : null,
    categorical: { [MAT]: { levels: LEVELS, reference: 'A' } },
    transform,
    example: EXAMPLE,
    ranges: RANGES,
  };
}
const tf = (name: WorkbookTransform['name'], lambda: number | null = null, shift = 0): WorkbookTransform => ({
  name,
  lambda,
  shift,
});

const CODED_MODELS: WorkbookModel[] = [
  model('y_none', tf('none'), 5.5, true),
  model('y_log', tf('log', null, 0.5), 2.1, true),
  model('y_log10', tf('log10'), 1.3, true),
  model('y_sqrt', tf('sqrt', null, 1.25), 3.2, true),
  model('y_sqrt_low', tf('sqrt', null, 1.25), -0.1, true), // some z < 0: clamped to −shift
  model('y_bc_floor', tf('box_cox', 0.5, 0.3), -2.2, true), // some λz + 1 ≤ 0: clamped to −shift
  model('y_bc_half', tf('box_cox', 0.5, 0.2), 1.5, true),
  model('y_bc_zero', tf('box_cox', 0), 0.8, true),
  model('y_bc_negative', tf('box_cox', -0.5), 0.6, true),
  model('y_yj', tf('yeo_johnson', 0.7), -0.18, true),
  model('y_yj_zero', tf('yeo_johnson', 0), 1.4, true),
  model('y_yj_two', tf('yeo_johnson', 2), -1.4, true),
  model('y_none_shift', tf('none', null, 7), 2.5, true), // a shift is ignored without a transform
];
const RAW_MODELS: WorkbookModel[] = [
  model('=raw none', tf('none'), 3.3, false),
  model('raw_log', tf('log'), 0.4, false),
  model('raw_bc', tf('box_cox', 0.25, 0.1), 1.1, false),
  model('raw_yj', tf('yeo_johnson', 1.3, 5), -1.4, false), // ... and by Yeo-Johnson
];

const CODED_ROWS: Inputs[] = [
  { [TEMP]: 180, [PRESS]: 1.2, [MAT]: 'A' },
  { [TEMP]: 243.7, [PRESS]: 2.31, [MAT]: '-Mix' },
  { [TEMP]: 151.25, [PRESS]: 0.61, [MAT]: 'a' },
  { [TEMP]: 275, [PRESS]: 0.1, [MAT]: '-Mix' }, // outside the training range
  { [TEMP]: 226.125, [PRESS]: 2.4, [MAT]: 'a' },
];
const RAW_ROWS: Inputs[] = [
  { [TEMP]: 160.5, [PRESS]: 2.2, [MAT]: 'a' },
  { [TEMP]: 238, [PRESS]: 0.7, [MAT]: 'A' },
  { [TEMP]: 199.99, [PRESS]: 1.5, [MAT]: '-Mix' },
];

// ---- An independent oracle: the design written out by hand, and the forward transforms.

function handZ(m: WorkbookModel, row: Inputs): number {
  const b = m.coefficients;
  const rawT = row[TEMP] as number;
  const rawP = row[PRESS] as number;
  const t = m.coding ? (rawT - 200) / 50 : rawT;
  const p = m.coding ? rawP - 1.5 : rawP;
  const isA = row[MAT] === 'a' ? 1 : 0;
  const isMix = row[MAT] === '-Mix' ? 1 : 0;
  const z =
    b[0]! +
    b[1]! * t +
    b[2]! * p +
    b[3]! * t * t +
    b[4]! * t * p +
    b[5]! * isA +
    b[6]! * isMix +
    b[7]! * t * isMix;
  return m.coding ? z : z + b[8]! * p * p * p;
}

function forward(transform: WorkbookTransform, y: number): number {
  const v = transform.name === 'none' || transform.name === 'yeo_johnson' ? y : y + transform.shift;
  const l = transform.lambda ?? Number.NaN;
  switch (transform.name) {
    case 'none':
      return v;
    case 'log':
      return Math.log(v);
    case 'log10':
      return Math.log10(v);
    case 'sqrt':
      return Math.sqrt(v);
    case 'box_cox':
      return l === 0 ? Math.log(v) : (v ** l - 1) / l;
    case 'yeo_johnson':
      if (v >= 0) return l === 0 ? Math.log1p(v) : ((v + 1) ** l - 1) / l;
      return l === 2 ? -Math.log1p(-v) : -((1 - v) ** (2 - l) - 1) / (2 - l);
  }
}

function content(models: WorkbookModel[], language: 'ja' | 'en'): WorkbookContent {
  return {
    models,
    summary: [
      ['job id', 'job-123'],
      ['n', 42],
    ],
    coefficientTables: models.map((m) => ({
      target: m.target,
      header: ['term', 'estimate'],
      rows: m.terms.map((t, i) => [t.name, m.coefficients[i]!]),
    })),
    anovaTables: models.map((m) => ({
      target: m.target,
      header: ['source', 'df', 'F'],
      rows: [['temp', 1, 12.5]],
    })),
    predictions: { header: ['row', 'actual', 'fitted'], rows: [[2, 1.5, 1.52]] },
    language,
  };
}

// ---- Tests

describe('buildLinearWorkbook', () => {
  it('has the six sheets in order, in Japanese or English', async () => {
    for (const language of ['ja', 'en'] as const) {
      const wb = await load(await buildLinearWorkbook(content(CODED_MODELS.slice(0, 2), language)));
      expect(wb.worksheets.map((s) => s.name)).toEqual(linearWorkbookSheetNames(language));
    }
    expect(linearWorkbookSheetNames('ja')).toEqual([
      '概要',
      '係数',
      '分散分析',
      '予測',
      '予測計算機',
      '使い方',
    ]);
    expect(linearWorkbookSheetNames('en')).toEqual([
      'Summary',
      'Coefficients',
      'ANOVA',
      'Predictions',
      'Calculator',
      'How to use',
    ]);
  });

  it('labels the calculator in the chosen language', async () => {
    const ja = await load(await buildLinearWorkbook(content(CODED_MODELS.slice(0, 1), 'ja')));
    const en = await load(await buildLinearWorkbook(content(CODED_MODELS.slice(0, 1), 'en')));
    const jaCalc = ja.getWorksheet('予測計算機')!;
    const enCalc = en.getWorksheet('Calculator')!;
    expect(jaCalc.getCell('A1').value).toBe('予測計算機 (ライブ数式)');
    expect(enCalc.getCell('A1').value).toBe('Prediction calculator (live formulas)');
    expect(jaCalc.getCell('A5').value).toBe('入力列');
    expect(enCalc.getCell('A5').value).toBe('Input column');
    expect(ja.getWorksheet('使い方')!.getCell('A1').value).toBe('使い方');
    expect(en.getWorksheet('How to use')!.getCell('A1').value).toBe('How to use');
    expect(ja.getWorksheet('概要')!.getCell('A1').value).toBe('項目');
    expect(en.getWorksheet('Summary')!.getCell('A1').value).toBe('Item');
  });

  it('neutralises formula-like text from the data, but not numbers', () => {
    expect(neutralizeText('=1+1')).toBe("'=1+1");
    expect(neutralizeText('+pressure')).toBe("'+pressure");
    expect(neutralizeText('-Mix')).toBe("'-Mix");
    expect(neutralizeText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeText('\t=x')).toBe("'\t=x");
    expect(neutralizeText("'=x")).toBe("''=x"); // stays one-to-one
    expect(neutralizeText('-1.5')).toBe('-1.5');
    expect(neutralizeText('+2e-3')).toBe('+2e-3');
    expect(neutralizeText('-2+3')).toBe("'-2+3");
    expect(neutralizeText('温度')).toBe('温度');
  });

  it('writes no formula-like text cell anywhere, and formulas only on the calculator', async () => {
    const c = content(RAW_MODELS, 'ja');
    c.summary.push(['=HYPERLINK("http://x","click")', '@evil'], ['-2+3', '-2.5']);
    c.predictions.rows.push(['+cmd', null, Number.NaN]);
    const wb = await load(await buildLinearWorkbook(c));
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((r) =>
        r.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) expect(ws.name).toBe('予測計算機');
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    const unsafe = texts.filter(
      (t) => /^[=+\-@\t\r]/.test(t) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t),
    );
    expect(unsafe).toEqual([]);
    expect(texts).toContain('\'=HYPERLINK("http://x","click")');
    expect(texts).toContain("'=raw none");
    expect(texts).toContain("'+pressure");
    expect(texts).toContain("'-Mix");
    expect(texts).toContain('-2.5');
    expect(texts).toContain('NaN');
  });

  it('puts inputs, validation, named constants and cached example results on the calculator', async () => {
    const bytes = await buildLinearWorkbook(content(CODED_MODELS, 'ja'));
    const wb = await load(bytes);
    const sheet = wb.getWorksheet('予測計算機')!;
    const names = namedCells(wb);
    const inputs = inputCells(sheet, names);
    expect([...inputs.keys()]).toEqual([TEMP, "'+pressure", MAT]);
    const temp = sheet.getCell(inputs.get(TEMP)!);
    expect(temp.value).toBe(201.5);
    expect(temp.dataValidation).toMatchObject({ type: 'decimal', formulae: [150, 250] });
    expect(sheet.getCell(inputs.get(MAT)!).dataValidation).toMatchObject({ type: 'list' });
    expect(sheet.getCell(inputs.get(MAT)!).value).toBe('a');

    CODED_MODELS.forEach((m, i) => {
      const t = i + 1;
      const pred = sheet.getCell(names.get(`pred_${t}`)!);
      const formula = pred.formula;
      expect(formula).toContain(`z_${t}`);
      const z = sheet.getCell(names.get(`z_${t}`)!);
      expect(z.formula).toContain(`coef_${t}_0`);
      expect(z.formula).not.toMatch(/\d\.\d/); // coefficients live in named cells, not literals
      // Coefficients are stored with full double precision.
      m.coefficients.forEach((c, k) => expect(sheet.getCell(names.get(`coef_${t}_${k}`)!).value).toBe(c));
      const expected = predictLinear(m, EXAMPLE);
      expect(numberResult(pred)).toBe(expected.y);
      expect(numberResult(z)).toBe(expected.z);
    });
  });

  it('predicts what the hand-written design and the forward transforms say', () => {
    const zSigns = new Set<string>();
    const outOfRange = new Set<string>();
    for (const [models, rows] of [
      [CODED_MODELS, CODED_ROWS],
      [RAW_MODELS, RAW_ROWS],
    ] as const) {
      for (const m of models) {
        for (const row of [...rows, EXAMPLE]) {
          const { z, y } = predictLinear(m, row);
          expect(z).toBeCloseTo(handZ(m, row), 12);
          expect(Number.isFinite(y)).toBe(true);
          const { name, lambda, shift } = m.transform;
          const clamped = (name === 'sqrt' && z < 0) || (name === 'box_cox' && lambda! * z + 1 <= 0);
          if (clamped) {
            expect(y).toBe(-shift);
            outOfRange.add(m.target);
          } else {
            expect(Math.abs(forward(m.transform, y) - z)).toBeLessThan(1e-11 * Math.max(1, Math.abs(z)));
          }
          if (name === 'yeo_johnson') zSigns.add(`${m.target}:${z >= 0 ? '+' : '-'}`);
        }
      }
    }
    // Both branches of Yeo-Johnson, and the λ = 0 / λ = 2 special forms, are exercised.
    expect([...zSigns].sort()).toEqual(
      ['y_yj:+', 'y_yj:-', 'y_yj_zero:+', 'y_yj_two:-', 'raw_yj:+', 'raw_yj:-'].sort(),
    );
    expect([...outOfRange].sort()).toEqual(['y_bc_floor', 'y_sqrt_low']);
  });

  it('rejects inconsistent models', async () => {
    const bad = { ...CODED_MODELS[0]!, coefficients: [1, 2] };
    await expect(buildLinearWorkbook(content([bad], 'ja'))).rejects.toThrow(/8 terms but 2 coefficients/);
    const noLambda = { ...CODED_MODELS[0]!, transform: tf('box_cox') };
    await expect(buildLinearWorkbook(content([noLambda], 'ja'))).rejects.toThrow(/no finite lambda/);
    const noCoding = { ...CODED_MODELS[0]!, coding: { [TEMP]: { center: 0, scale: 1 } } };
    await expect(buildLinearWorkbook(content([noCoding], 'ja'))).rejects.toThrow(
      /no center\/scale for "\+pressure"/,
    );
  });
});

describe('calculator sheet recalculated by LibreOffice', () => {
  let soffice: string | null;
  let dir: string;
  beforeAll(() => {
    soffice = findSoffice();
    dir = mkdtempSync(join(tmpdir(), 'zs-linear-workbook-'));
  });
  afterAll(() => {
    // ZS_KEEP_WORKBOOKS=1 keeps the workbooks LibreOffice read and wrote, for inspection.
    if (process.env.ZS_KEEP_WORKBOOKS) console.info(`linear workbook test files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  it('matches the TypeScript prediction for every transform and input row', async () => {
    if (!soffice) {
      throw new Error(
        'LibreOffice Calc (soffice) was not found on PATH or in /usr/bin. This test needs a real spreadsheet ' +
          'engine: run scripts/install-test-deps.sh (it installs libreoffice-calc-nogui).',
      );
    }
    const BOGUS = 987654.321;
    interface Case {
      file: string;
      calculator: string;
      names: Map<string, string>;
      models: WorkbookModel[];
      row: Inputs;
      expected: number[];
      bogus: boolean;
    }
    const cases: Case[] = [];
    const inDir = join(dir, 'in');
    mkdirSync(inDir);
    for (const [label, models, rows, language] of [
      ['coded', CODED_MODELS, CODED_ROWS, 'ja'],
      ['raw', RAW_MODELS, RAW_ROWS, 'en'],
    ] as const) {
      const bytes = await buildLinearWorkbook(content(models, language));
      const calculator = linearWorkbookSheetNames(language)[4]!;
      const names = namedCells(await load(bytes));
      const all = [EXAMPLE, ...rows];
      for (const [k, row] of all.entries()) {
        const expected = models.map((m) => predictLinear(m, row).y);
        // The first non-example row also goes in with deliberately wrong cached results.
        for (const bogus of k === 1 ? [false, true] : [false]) {
          const file = join(inDir, `${label}-${k}${bogus ? '-bogus' : ''}.xlsx`);
          writeFileSync(file, await withInputs(bytes, calculator, row, expected, bogus ? BOGUS : null));
          cases.push({ file, calculator, names, models, row, expected, bogus });
        }
      }
    }

    const outDir = join(dir, 'out');
    const controlDir = join(dir, 'control');
    convert(
      soffice,
      cases.map((c) => c.file),
      outDir,
      true,
    );
    // Control: without forcing, Calc keeps the cached values, so the bogus file really carried wrong ones.
    const bogusCase = cases.find((c) => c.bogus)!;
    convert(soffice, [bogusCase.file], controlDir, false);
    const control = await load(readFileSync(join(controlDir, bogusCase.file.split('/').pop()!)));
    expect(
      numberResult(control.getWorksheet(bogusCase.calculator)!.getCell(bogusCase.names.get('pred_1')!)),
    ).toBe(BOGUS);

    let worstShown = 0;
    let worstInEngine = 0;
    for (const c of cases) {
      const out = await load(readFileSync(join(outDir, c.file.split('/').pop()!)));
      const sheet = out.getWorksheet(c.calculator)!;
      const check = out.getWorksheet('check')!;
      c.models.forEach((m, i) => {
        const want = c.expected[i]!;
        const got = numberResult(sheet.getCell(c.names.get(`pred_${i + 1}`)!));
        const rel = Math.abs(got - want) / Math.abs(want);
        expect(
          rel,
          `${m.target} ${JSON.stringify(c.row)}: LibreOffice ${got}, TypeScript ${want}`,
        ).toBeLessThan(1e-9);
        // pred − expected evaluated inside Calc: the real difference, not limited by the 15 digits it saves.
        const checked = check.getCell(i + 1, 1).value;
        const inEngine =
          checked && typeof checked === 'object' && 'result' in checked && checked.result === 'exact'
            ? 0
            : Math.abs(numberResult(check.getCell(i + 1, 1)));
        expect(inEngine, `${m.target}: in-engine difference`).toBeLessThan(1e-13);
        worstShown = Math.max(worstShown, rel);
        worstInEngine = Math.max(worstInEngine, inEngine);
      });
    }
    console.info(
      `linear workbook: ${cases.length} workbooks, ${cases.reduce((n, c) => n + c.models.length, 0)} predictions; ` +
        `max relative difference ${worstShown.toExponential(2)} as saved, ${worstInEngine.toExponential(2)} inside Calc`,
    );
  });
});
