/** Reads CSV/TSV/TXT exports whatever their delimiter or line endings, and stops at the first row that does not line up. */
import Papa from 'papaparse';
import { decodeText } from './decode-text.js';
import type { Delimiter, RawGrid, RawRow } from './table.js';
import { TableError, count } from './table-error.js';

const CANDIDATES: readonly Delimiter[] = [',', '\t', ';'];
/** Records inspected by delimiter detection. */
const SAMPLE_RECORDS = 20;
/** Characters inspected by delimiter detection, so a huge single-line file stays cheap. */
const SAMPLE_CHARS = 1 << 20;

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** Decodes, detects the delimiter and splits into non-blank rows (header first) with their spreadsheet row numbers. */
export function readDelimited(bytes: Uint8Array, filename: string): RawGrid {
  const { text, encoding } = decodeText(bytes);
  const isTsv = filename.toLowerCase().endsWith('.tsv');
  const delimiter: Delimiter = isTsv ? '\t' : detectDelimiter(text);
  const source = { format: delimiter === '\t' ? 'tsv' : 'csv', encoding, delimiter, sheet: null } as const;

  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false });
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    const row = (unclosed.row ?? 0) + 1;
    throw new TableError(
      'unreadable',
      `Row ${row}: a quoted field is never closed (a closing " is missing), so the rest of the file cannot be split into fields.`,
      { row },
    );
  }

  const rows: RawRow[] = [];
  parsed.data.forEach((cells, i) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    rows.push({ cells, rowNumber: i + 1 });
  });

  const header = rows[0];
  if (header) {
    for (const row of rows) {
      if (row.cells.length === header.cells.length) continue;
      throw new TableError(
        'ragged_row',
        `Row ${row.rowNumber} has ${count(row.cells.length, 'field')} but the header (row ${header.rowNumber}) has ` +
          `${header.cells.length}. Check that row for a missing value or an unquoted ${DELIMITER_NAMES[delimiter]}.`,
        { row: row.rowNumber, expected: header.cells.length, found: row.cells.length },
      );
    }
  }
  return { rows, source };
}

/**
 * Picks the candidate that occurs most consistently outside quotes over the first records: the share of records
 * with the same count as the first (header) record wins, then the higher count, then the order `,` `\t` `;`.
 * A file where no candidate occurs in the header is a single column; ',' is returned.
 */
export function detectDelimiter(text: string): Delimiter {
  const records = sampleRecordCounts(text);
  const header = records[0];
  if (!header) return ',';
  let best: Delimiter = ',';
  let bestShare = -1;
  let bestCount = -1;
  for (const [c, delimiter] of CANDIDATES.entries()) {
    const count = header[c] ?? 0;
    if (count === 0) continue;
    const share = records.filter((counts) => counts[c] === count).length / records.length;
    if (share > bestShare || (share === bestShare && count > bestCount)) {
      best = delimiter;
      bestShare = share;
      bestCount = count;
    }
  }
  return best;
}

/** Per non-blank record among the first SAMPLE_RECORDS, how often each candidate occurs outside quotes. */
function sampleRecordCounts(text: string): number[][] {
  const records: number[][] = [];
  let counts = CANDIDATES.map(() => 0);
  let blank = true;
  let inQuotes = false;
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end && records.length < SAMPLE_RECORDS; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      // A doubled quote inside quotes toggles twice, which leaves the state unchanged, as it should.
      inQuotes = !inQuotes;
      blank = false;
    } else if (inQuotes) {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      if (!blank) records.push(counts);
      counts = CANDIDATES.map(() => 0);
      blank = true;
    } else {
      const c = CANDIDATES.indexOf(ch as Delimiter);
      if (c >= 0) counts[c]!++;
      else if (ch.trim() !== '') blank = false;
    }
  }
  // The last record counts only if the sample reached the end of the text (otherwise it may be cut short).
  if (!blank && end === text.length && records.length < SAMPLE_RECORDS) records.push(counts);
  return records;
}
