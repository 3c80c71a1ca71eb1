/** Fuzzes the XLSX writers with formula-like text: no text cell may start like a formula unless it is a number. */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildExperimentForm } from './experiment-form.js';
import { neutralizeText } from './linear-workbook.js';
import { summaryWorkbook, type SummaryCell } from '../../core/export/summary-workbook.js';

/** Runs per property: ~300 in CI (30 for the workbook builders), `npm run test:fuzz` sets 10000 for all. */
const RUNS = Number(process.env.ZEROSEC_FUZZ_RUNS ?? 300);
/** Room for the full fuzz run on a slow machine; CI runs take a second or two. */
const TIMEOUT_MS = Math.max(60_000, RUNS * 30);
const WORKBOOK_RUNS = process.env.ZEROSEC_FUZZ_RUNS ? RUNS : 30;
/** Each run writes and reads back a workbook (~50 ms): room for the full fuzz run. */
const WORKBOOK_TIMEOUT_MS = Math.max(60_000, WORKBOOK_RUNS * 100);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const looksLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text);

const hostileText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'"), fc.string({ maxLength: 20 }))
    .map(([a, b]) => a + b),
  fc.constantFrom('=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", '@SUM(A1)', '-2+3', '-1.5'),
);

/** Every text cell of every sheet that Excel would evaluate. */
async function formulaLikeCells(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const found: string[] = [];
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value;
        const text =
          typeof v === 'string'
            ? v
            : v && typeof v === 'object' && 'richText' in v
              ? v.richText.map((r) => r.text).join('')
              : null;
        if (text !== null && looksLikeFormula(text)) found.push(`${sheet.name}!${c.address}: ${text}`);
      }),
    ),
  );
  return found;
}

describe('XLSX writers neutralise formula injection', () => {
  it(
    'linear workbook: neutralizeText leaves no formula start and stays one-to-one',
    () => {
      fc.assert(
        fc.property(hostileText, hostileText, (a, b) => {
          expect(looksLikeFormula(neutralizeText(a))).toBe(false);
          if (a !== b) expect(neutralizeText(a)).not.toBe(neutralizeText(b));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'summary workbook (classification, nonlinear): headers, cells and notes',
    async () => {
      const summaryCell: fc.Arbitrary<SummaryCell> = fc.oneof(
        hostileText,
        fc.double(),
        fc.boolean(),
        fc.constant(null),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileText, { minLength: 1, maxLength: 4 }),
          fc.array(fc.array(summaryCell, { minLength: 4, maxLength: 4 }), { maxLength: 5 }),
          fc.option(hostileText, { nil: undefined }),
          async (header, rows, note) => {
            const bytes = await summaryWorkbook([
              { name: 'Sheet', header, rows: rows.map((r) => r.slice(0, header.length)), note },
            ]);
            expect(await formulaLikeCells(bytes)).toEqual([]);
          },
        ),
        { numRuns: WORKBOOK_RUNS },
      );
    },
    WORKBOOK_TIMEOUT_MS,
  );

  it(
    'experiment form (optimization): factor names and text levels',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(
            hostileText.filter((t) => t.trim() !== ''),
            { minLength: 1, maxLength: 3 },
          ),
          fc.array(fc.oneof(hostileText, fc.double({ noNaN: true, noDefaultInfinity: true })), {
            minLength: 1,
            maxLength: 4,
          }),
          async (factors, values) => {
            const runs = values.map((v, i) => ({
              run: i + 1,
              source: i % 2 === 0 ? ('new' as const) : ('existing' as const),
              values: Object.fromEntries(factors.map((f) => [f, v])),
            }));
            const bytes = await buildExperimentForm({ factorColumns: factors, runs });
            expect(await formulaLikeCells(bytes)).toEqual([]);
          },
        ),
        { numRuns: WORKBOOK_RUNS },
      );
    },
    WORKBOOK_TIMEOUT_MS,
  );
});
