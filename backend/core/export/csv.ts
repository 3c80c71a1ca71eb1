/** Writes CSV that Excel opens correctly in Japan (UTF-8 with BOM) and that cannot smuggle formulas into it. */

type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Text starting like a formula gets a leading apostrophe, as OWASP advises; real numbers stay numbers. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

function formatCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const safe = neutraliseFormula(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): Uint8Array {
  const lines = [header.map(formatCell).join(',')];
  for (const row of rows) lines.push(row.map(formatCell).join(','));
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
}
