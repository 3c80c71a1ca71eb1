/**
 * Fuzzes ingestion: whatever bytes arrive, readTable either returns a table or throws TableError (never a crash
 * the worker would retry), and numeric tables written the usual ways come back exactly.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.js';
import { TableError } from './table-error.js';

/** Runs per property: ~300 in CI, `npm run test:fuzz` sets ZEROSEC_FUZZ_RUNS=10000. */
const RUNS = Number(process.env.ZEROSEC_FUZZ_RUNS ?? 300);
/** Room for the full fuzz run on a slow machine; CI runs take a second or two. */
const TIMEOUT_MS = Math.max(60_000, RUNS * 30);
/** Workbook properties load a zip each run (~40 ms): 30 runs in CI, the full count when ZEROSEC_FUZZ_RUNS is set. */
const XLSX_RUNS = process.env.ZEROSEC_FUZZ_RUNS ? RUNS : 30;
/** Room for the full fuzz run (10,000 workbooks take minutes); CI stays far below vitest's default. */
const XLSX_TIMEOUT_MS = Math.max(60_000, XLSX_RUNS * 100);

const FILENAMES = [
  'data.csv',
  'data.tsv',
  'data.txt',
  'data.xlsx',
  'DATA.CSV',
  'data',
  'data.xls',
  'a.b.c.csv',
];

/** Resolves when readTable returns; rethrows anything that is not a TableError. */
async function onlyTableErrors(bytes: Uint8Array, filename: string): Promise<void> {
  try {
    await readTable(bytes, { filename });
  } catch (error) {
    if (error instanceof TableError) {
      expect(error.message.length).toBeGreaterThan(0);
      return;
    }
    throw error;
  }
}

/** Cells that stress the CSV reader: delimiters, quotes, line breaks, missing tokens, numbers in odd forms. */
const cellText = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom(
    '',
    ' ',
    '"',
    '""',
    '"a,b"',
    ',',
    ';',
    '\t',
    '\n',
    '\r\n',
    '\r',
    'NA',
    'NaN',
    'Inf',
    '-Infinity',
    '1,234',
    '１２３',
    '１．５',
    '0x10',
    '1e999',
    '-0',
    '=HYPERLINK("x")',
    '\uFEFF',
    '\u0000',
  ),
  fc.double().map(String),
  fc.integer().map(String),
);

const csvShapedText = fc
  .record({
    rows: fc.array(fc.array(cellText, { maxLength: 6 }), { maxLength: 8 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    quoteAll: fc.boolean(),
  })
  .map(({ rows, delimiter, newline, quoteAll }) =>
    rows
      .map((r) => r.map((c) => (quoteAll ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter))
      .join(newline),
  );

/** A column name that survives as itself: not blank, not a number, no delimiter, quote or line break. */
const columnName = fc
  .stringMatching(/^[A-Za-z_\u3040-\u30ff\u4e00-\u9fff][A-Za-z0-9_ \u3040-\u30ff\u4e00-\u9fff()%.-]{0,12}$/)
  .map((s) => s.trim())
  .filter((s) => s !== '' && !['NA', 'NaN', 'nan', 'null', 'NULL'].includes(s));

/** Finite doubles; -0 is written as "0" by String(), so it reads back as +0 (equal by ==, not by Object.is). */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));

const numericTable = fc.uniqueArray(columnName, { minLength: 1, maxLength: 6 }).chain((names) =>
  fc.record({
    names: fc.constant(names),
    rows: fc.array(fc.array(finite, { minLength: names.length, maxLength: names.length }), {
      minLength: 1,
      maxLength: 20,
    }),
  }),
);

function expectColumns(
  table: Awaited<ReturnType<typeof readTable>>,
  names: string[],
  rows: number[][],
): void {
  expect(table.columns.map((c) => c.name)).toEqual(names);
  expect(table.rowCount).toBe(rows.length);
  table.columns.forEach((column, c) => {
    expect(column.kind).toBe('numeric');
    expect(Array.from(column.values!)).toEqual(rows.map((r) => r[c]));
  });
}

describe('readTable on hostile bytes', () => {
  it(
    'arbitrary bytes under any file name: a table or a TableError, nothing else',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), fc.constantFrom(...FILENAMES), onlyTableErrors),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'arbitrary CSV-shaped text in UTF-8, UTF-16 (with BOM) or Shift-JIS: a table or a TableError',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          csvShapedText,
          fc.constantFrom('utf8', 'utf8-bom', 'utf16le-bom', 'shift_jis'),
          fc.constantFrom('data.csv', 'data.tsv', 'data.txt'),
          async (text, encoding, filename) => {
            const bytes =
              encoding === 'utf8'
                ? new TextEncoder().encode(text)
                : encoding === 'utf8-bom'
                  ? new TextEncoder().encode('\uFEFF' + text)
                  : encoding === 'utf16le-bom'
                    ? new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf16le')])
                    : new Uint8Array(iconv.encode(text, 'Shift_JIS'));
            await onlyTableErrors(bytes, filename);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'a valid workbook with bytes overwritten or cut short: a table or a TableError',
    async () => {
      const base = await workbookBytes(
        ['a', 'b'],
        [
          [1, 2],
          [3, 4],
        ],
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), {
            minLength: 1,
            maxLength: 8,
          }),
          fc.option(fc.nat(base.length), { nil: undefined }),
          async (patches, cut) => {
            const bytes = base.slice(0, cut);
            for (const [at, value] of patches) if (at < bytes.length) bytes[at] = value;
            await onlyTableErrors(bytes, 'data.xlsx');
          },
        ),
        { numRuns: XLSX_RUNS },
      );
    },
    XLSX_TIMEOUT_MS,
  );
});

describe('readTable round trips numeric tables exactly', () => {
  it(
    'CSV written with String(x), any delimiter and line ending',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          numericTable,
          fc.constantFrom(',', ';', '\t'),
          fc.constantFrom('\n', '\r\n'),
          fc.boolean(),
          async ({ names, rows }, delimiter, newline, bom) => {
            const text = [names, ...rows.map((r) => r.map(String))]
              .map((r) => r.join(delimiter))
              .join(newline);
            const bytes = new TextEncoder().encode((bom ? '\uFEFF' : '') + text + newline);
            const table = await readTable(bytes, { filename: delimiter === '\t' ? 'data.tsv' : 'data.csv' });
            expectColumns(table, names, rows);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'XLSX with number cells',
    async () => {
      await fc.assert(
        fc.asyncProperty(numericTable, async ({ names, rows }) => {
          const table = await readTable(await workbookBytes(names, rows), { filename: 'data.xlsx' });
          expectColumns(table, names, rows);
        }),
        { numRuns: XLSX_RUNS },
      );
    },
    XLSX_TIMEOUT_MS,
  );
});

async function workbookBytes(names: string[], rows: number[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(names);
  for (const row of rows) ws.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
