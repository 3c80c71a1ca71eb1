/**
 * Every reason a row is rejected, written once in English and Japanese. Each message starts with the file's
 * row number and names the column, so an engineer can find the cell in the form without the UI.
 */
import type { CellValue, RowProblem } from '../../src-shared/logs/experiment-log-api.js';

/** A cell for a message: text in quotes, numbers as they are, missing as "(empty)". */
function show(value: CellValue | undefined): string {
  if (value === undefined || value === null) return '(empty)';
  return typeof value === 'number' ? String(value) : `'${value}'`;
}

function showJa(value: CellValue | undefined): string {
  if (value === undefined || value === null) return '(空欄)';
  return typeof value === 'number' ? String(value) : `「${value}」`;
}

/** "column" or "column (header 'alias')" when the file used another name. */
function named(column: string, header: string | undefined): string {
  return header !== undefined && header !== column ? `'${column}' (header '${header}')` : `'${column}'`;
}

function namedJa(column: string, header: string | undefined): string {
  return header !== undefined && header !== column ? `「${column}」(見出し「${header}」)` : `「${column}」`;
}

const problem = (row: number, column: string | null, message: string, message_ja: string): RowProblem => ({
  row,
  column,
  message,
  message_ja,
});

export function notANumber(
  row: number,
  column: string,
  header: string,
  text: string,
  hint: string,
): RowProblem {
  return problem(
    row,
    column,
    `Row ${row}: column ${named(column, header)} needs a number, found '${text}'${hint}.`,
    `${row}行目: 列${namedJa(column, header)}は数値が必要ですが「${text}」が入力されています。`,
  );
}

export function notADate(row: number, column: string, header: string, text: string): RowProblem {
  return problem(
    row,
    column,
    `Row ${row}: column ${named(column, header)} needs a date such as 2025-10-29, 2025/10/29 or an Excel date, found '${text}'.`,
    `${row}行目: 列${namedJa(column, header)}は日付(2025-10-29、2025/10/29、2025年10月29日など)が必要ですが「${text}」が入力されています。`,
  );
}

export function missingKey(row: number, column: string): RowProblem {
  return problem(
    row,
    column,
    `Row ${row}: key column '${column}' has no value; every run needs it to be matched with the log.`,
    `${row}行目: キー列「${column}」が空欄です。ログと照合するために必要です。`,
  );
}

export function missingRequired(row: number, column: string): RowProblem {
  return problem(
    row,
    column,
    `Row ${row}: column '${column}' is required and has no value.`,
    `${row}行目: 列「${column}」は必須ですが空欄です。`,
  );
}

export function oneHotBroken(
  row: number,
  column: string,
  group: string,
  members: ReadonlyArray<{ column: string; value: CellValue | undefined }>,
): RowProblem {
  const list = members.map((m) => `${m.column}=${show(m.value)}`).join(', ');
  const listJa = members.map((m) => `${m.column}=${showJa(m.value)}`).join(', ');
  return problem(
    row,
    column,
    `Row ${row}: one-hot group '${group}' needs exactly one of its columns equal to 1 and the others 0; column '${column}' breaks it (${list}).`,
    `${row}行目: ワンホットグループ「${group}」は1つの列だけが1で他が0である必要があります。列「${column}」が条件を満たしていません(${listJa})。`,
  );
}

export function notAllowed(
  row: number,
  column: string,
  value: CellValue | undefined,
  allowed: ReadonlyArray<string | number>,
  when: { column: string; equals: string | number } | undefined,
): RowProblem {
  const where = when === undefined ? '' : ` when '${when.column}' is ${show(when.equals)}`;
  const whereJa = when === undefined ? '' : `「${when.column}」が${showJa(when.equals)}の場合、`;
  return problem(
    row,
    column,
    `Row ${row}: column '${column}' is ${show(value)}, but${where} it must be one of ${allowed.map(show).join(', ')}.`,
    `${row}行目: 列「${column}」は${showJa(value)}ですが、${whereJa}${allowed.map(showJa).join('、')}のいずれかである必要があります。`,
  );
}

export function outOfRange(
  row: number,
  column: string,
  value: CellValue | undefined,
  min: number | undefined,
  max: number | undefined,
): RowProblem {
  const bounds = [min === undefined ? null : `≥ ${min}`, max === undefined ? null : `≤ ${max}`]
    .filter((b) => b !== null)
    .join(' and ');
  return problem(
    row,
    column,
    `Row ${row}: column '${column}' is ${show(value)}, but it must be a number ${bounds}.`,
    `${row}行目: 列「${column}」は${showJa(value)}ですが、${bounds.replace(' and ', ' かつ ')} の数値である必要があります。`,
  );
}

export function duplicateInFile(row: number, earlierRow: number, keyColumns: readonly string[]): RowProblem {
  return problem(
    row,
    null,
    `Row ${row}: the same run as row ${earlierRow} (equal key columns ${keyColumns.join(', ')}); only row ${earlierRow} is imported.`,
    `${row}行目: ${earlierRow}行目と同じ実験です(キー列 ${keyColumns.join('、')} が一致)。${earlierRow}行目のみ取り込みます。`,
  );
}
