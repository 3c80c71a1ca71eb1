/** Turns the bytes of a dropped CSV/TSV into a preview (pure, so it runs in the preview worker and in tests alike). */
import Papa from 'papaparse';
import { decodeText } from './decode-text.js';
import type { ColumnSummary, PreviewResult } from './table-preview.js';

export const PREVIEW_ROWS = 20;
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '#n/a', '-']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export function isMissing(value: string): boolean {
  return MISSING.has(value.trim().toLowerCase());
}

export function parsePreview(fileName: string, bytes: Uint8Array): PreviewResult {
  const ext = extensionOf(fileName);
  if (ext === 'xlsx') return { status: 'no_preview', format: 'xlsx' };
  if (!['csv', 'tsv', 'txt'].includes(ext))
    return { status: 'error', error: { code: 'unsupported_extension' } };
  if (bytes.length === 0) return { status: 'error', error: { code: 'empty' } };

  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') return { status: 'error', error: { code: 'empty' } };
  // NUL or other control characters: a binary file renamed to .csv.
  // eslint-disable-next-line no-control-regex -- looking for exactly these bytes
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) {
    return { status: 'error', error: { code: 'not_a_table' } };
  }

  const parsed = Papa.parse<string[]>(text, {
    delimiter: ext === 'tsv' ? '\t' : '',
    delimitersToGuess: [',', '\t', ';'],
    skipEmptyLines: false,
  });
  // Keep the spreadsheet row number of each record while dropping blank lines.
  const records = parsed.data
    .map((cells, index) => ({ cells, row: index + 1 }))
    .filter(({ cells }) => !(cells.length === 1 && cells[0]!.trim() === ''));
  const [header, ...body] = records;
  if (!header || header.cells.length < 2) return { status: 'error', error: { code: 'not_a_table' } };
  if (body.length === 0) return { status: 'error', error: { code: 'no_rows' } };

  const width = header.cells.length;
  const ragged = body.filter((r) => r.cells.length !== width);
  if (ragged.length > 0) {
    const first = ragged[0]!;
    return {
      status: 'error',
      error: {
        code: 'ragged',
        row: first.row,
        expected: width,
        found: first.cells.length,
        count: ragged.length,
      },
    };
  }

  const columns = header.cells.map((name, c) =>
    summarise(
      name.trim(),
      body.map((r) => r.cells[c]!),
    ),
  );
  return {
    status: 'table',
    preview: {
      format: parsed.meta.delimiter === '\t' ? 'tsv' : 'csv',
      encoding,
      delimiter: parsed.meta.delimiter,
      columns,
      rows: body.slice(0, PREVIEW_ROWS).map((r) => r.cells),
      rowCount: body.length,
    },
  };
}

/** A column is numeric when every non-missing value is a plain number. */
export function summarise(name: string, values: readonly string[]): ColumnSummary {
  let missing = 0;
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let numeric = true;
  for (const raw of values) {
    if (isMissing(raw)) {
      missing++;
      continue;
    }
    const trimmed = raw.trim();
    if (!numeric || !NUMBER.test(trimmed)) {
      numeric = false;
      continue;
    }
    const v = Number(trimmed);
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!numeric || count === 0) return { name, kind: 'text', missing, min: null, max: null, mean: null };
  return { name, kind: 'numeric', missing, min, max, mean: sum / count };
}
