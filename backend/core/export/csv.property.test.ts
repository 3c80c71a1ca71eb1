/** Fuzzes the CSV exporter: no text field may reach Excel starting like a formula, and nothing else may change. */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from './csv.js';

/** Runs per property: ~300 in CI, `npm run test:fuzz` sets ZEROSEC_FUZZ_RUNS=10000. */
const RUNS = Number(process.env.ZEROSEC_FUZZ_RUNS ?? 300);
/** Room for the full fuzz run on a slow machine; CI runs take a second or two. */
const TIMEOUT_MS = Math.max(60_000, RUNS * 30);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** What Excel and LibreOffice may evaluate: = + - @ and the tab / CR variants OWASP lists. */
const looksLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text);

/** Strings biased towards formula starts, payloads and CSV metacharacters. */
const hostileText = fc.oneof(
  fc.string(),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '"', ' ', '\n'), fc.string())
    .map(([a, b]) => a + b),
  fc.constantFrom(
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '-2+3',
    '-1.5',
    '+1e5',
    '=1+1,2',
    '"=1"',
    '\t=1',
    '\r\n=1',
  ),
  fc.double().map(String),
);

const cell = fc.oneof(hostileText, fc.double(), fc.constant(null), fc.constant(undefined));

describe('neutraliseFormula', () => {
  it(
    'never leaves a formula start, and changes only by one leading apostrophe',
    () => {
      fc.assert(
        fc.property(hostileText, (text) => {
          const safe = neutraliseFormula(text);
          expect(looksLikeFormula(safe)).toBe(false);
          expect(safe === text || safe === `'${text}`).toBe(true);
          // Real numbers are left alone so they stay numbers in Excel.
          if (NUMBER.test(text)) expect(safe).toBe(text);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

describe('toCsv', () => {
  it(
    'every parsed field is safe and equals the neutralised input (numbers as JavaScript writes them)',
    () => {
      fc.assert(
        fc.property(
          fc.array(hostileText, { minLength: 1, maxLength: 5 }),
          fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
          (header, ragged) => {
            const rows = ragged.map((r) => header.map((_, i) => r[i % r.length]));
            const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(toCsv(header, rows));
            expect(text.startsWith('\uFEFF')).toBe(true);
            const parsed = Papa.parse<string[]>(text.slice(1), {
              header: false,
              delimiter: ',',
              newline: '\r\n',
            });
            const expected = [header, ...rows].map((r) =>
              r.map((c) =>
                c === null || c === undefined
                  ? ''
                  : typeof c === 'number'
                    ? Number.isFinite(c)
                      ? String(c)
                      : ''
                    : neutraliseFormula(c),
              ),
            );
            // The last CRLF leaves one empty record behind.
            expect(parsed.data.slice(0, -1)).toEqual(expected);
            for (const field of parsed.data.flat()) expect(looksLikeFormula(field), field).toBe(false);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
