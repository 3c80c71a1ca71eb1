/**
 * Test helpers that open a workbook in a real spreadsheet engine: fill the calculator's inputs, clear every cached
 * result, and let headless LibreOffice Calc recalculate and save it, so tests read what the formulas compute.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { neutralizeText } from './linear-workbook.js';

/** Calculator inputs by column name. */
export type Inputs = Record<string, number | string>;

export async function load(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as its own Buffer interface (an ArrayBuffer); Node's Buffer is what it reads.
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/** Defined name → cell address on the calculator sheet (`$B$6` → `B6`). */
export function namedCells(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const { name, ranges } of wb.definedNames.model) {
    const range = ranges[0];
    if (range) out.set(name, range.split('!').pop()!.replaceAll('$', ''));
  }
  return out;
}

/** Input cell address per column, found from the defined name `in_k` and the label beside it. */
export function inputCells(sheet: ExcelJS.Worksheet, names: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, address] of names) {
    if (!name.startsWith('in_')) continue;
    const label = sheet.getCell(address).row;
    out.set(String(sheet.getRow(Number(label)).getCell(1).value), address);
  }
  return out;
}

/**
 * A copy of the workbook with the calculator inputs set to `row` (text as the dropdown would enter it) and
 * every formula's cached result removed, or set to `bogus` to prove that the engine recalculates. A `check`
 * sheet computes pred − expected inside the engine, at full precision.
 */
export async function withInputs(
  bytes: Uint8Array,
  calculator: string,
  row: Inputs,
  expected: number[],
  bogus: number | null,
): Promise<Buffer> {
  const wb = await load(bytes);
  const sheet = wb.getWorksheet(calculator)!;
  const names = namedCells(wb);
  for (const [column, address] of inputCells(sheet, names)) {
    const value = row[column.replace(/^'/, '')];
    if (value === undefined) throw new Error(`no test input for ${column}`);
    sheet.getCell(address).value = typeof value === 'string' ? neutralizeText(value) : value;
  }
  wb.eachSheet((ws) =>
    ws.eachRow((r) =>
      r.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) {
          cell.value = bogus === null ? { formula: cell.formula } : { formula: cell.formula, result: bogus };
        }
      }),
    ),
  );
  const check = wb.addWorksheet('check');
  expected.forEach((y, i) => {
    // Calc's `-` snaps differences below ~2^-48 relative to 0 (rtl::math::approxSub); RAWSUBTRACT does not.
    // "exact" because exceljs reads a cached 0 back as no result at all.
    check.getCell(i + 1, 2).value = y;
    const d = `_xlfn.ORG.LIBREOFFICE.RAWSUBTRACT(pred_${i + 1},B${i + 1})`;
    check.getCell(i + 1, 1).value = { formula: `IF(${d}=0,"exact",${d}/ABS(B${i + 1}))` };
  });
  wb.calcProperties = { fullCalcOnLoad: false };
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export function numberResult(cell: ExcelJS.Cell): number {
  const v = cell.value;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  if (typeof v === 'number') return v;
  throw new Error(`cell ${cell.address} holds no number: ${JSON.stringify(v)}`);
}

/** soffice on PATH or in the usual places; ZS_SOFFICE=/path/to/soffice overrides. */
export function findSoffice(): string | null {
  const override = process.env.ZS_SOFFICE;
  if (override) return existsSync(override) ? override : null;
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/usr/lib/libreoffice/program']);
  for (const dir of dirs) {
    for (const bin of ['soffice', 'libreoffice']) {
      if (dir && existsSync(join(dir, bin))) return join(dir, bin);
    }
  }
  return null;
}

/** The profile setting that makes Calc recalculate every formula of an .xlsx on load (0 = always). */
export const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Opens each file in headless Calc (own profile) and saves it again as .xlsx into outDir. */
export function convert(soffice: string, files: string[], outDir: string, forceRecalc: boolean): void {
  const profile = mkdtempSync(join(tmpdir(), 'zs-lo-profile-'));
  try {
    if (forceRecalc) {
      mkdirSync(join(profile, 'user'), { recursive: true });
      writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
    }
    const run = spawnSync(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx',
        '--outdir',
        outDir,
        ...files,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.status !== 0) {
      throw new Error(`soffice failed (${run.status ?? run.signal}): ${run.stderr}\n${run.stdout}`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
