/**
 * The file-level notices of an import preview, in English and Japanese. They never stop an import; they say
 * what was ignored or changed so that no data is lost silently.
 */
import type { ImportPreview } from '../../src-shared/logs/experiment-log-api.js';

export type ImportWarning = ImportPreview['warnings'][number];

const list = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ');
const listJa = (names: readonly string[]): string => names.map((n) => `「${n}」`).join('、');

export function unknownColumns(headers: readonly string[]): ImportWarning {
  return {
    code: 'unknown_columns',
    message: `${headers.length} column(s) are not in the profile and were ignored: ${list(headers)}.`,
    message_ja: `プロファイルにない列 ${headers.length} 件は取り込みませんでした: ${listJa(headers)}。`,
  };
}

export function duplicateColumns(
  pairs: ReadonlyArray<{ header: string; first: string; column: string }>,
): ImportWarning {
  const text = pairs.map((p) => `'${p.header}' (same column '${p.column}' as '${p.first}')`).join(', ');
  const textJa = pairs.map((p) => `「${p.header}」(「${p.first}」と同じ列「${p.column}」)`).join('、');
  return {
    code: 'duplicate_columns',
    message: `Several headers mean the same column; the first is read and these later ones are ignored: ${text}.`,
    message_ja: `同じ列を指す見出しが複数あります。最初の列を取り込み、以下の列は無視しました: ${textJa}。`,
  };
}

export function missingKeyColumns(columns: readonly string[]): ImportWarning {
  return {
    code: 'missing_key_columns',
    message: `The file has no column for the key column(s) ${list(columns)}; rows need them to be matched with the log.`,
    message_ja: `ファイルにキー列 ${listJa(columns)} がありません。ログとの照合に必要です。`,
  };
}

export function derivedReplaced(count: number, columns: readonly string[]): ImportWarning {
  return {
    code: 'derived_replaced',
    message: `${count} value(s) of the computed column(s) ${list(columns)} differed from the recomputed value and were replaced.`,
    message_ja: `計算列 ${listJa(columns)} の値 ${count} 件が再計算値と異なったため、再計算値に置き換えました。`,
  };
}

export function unknownRunColumns(names: readonly string[]): ImportWarning {
  return {
    code: 'unknown_columns',
    message: `The design has ${names.length} column(s) that are not in the profile; they were dropped: ${list(names)}.`,
    message_ja: `計画にプロファイルにない列 ${names.length} 件があり、取り込みませんでした: ${listJa(names)}。`,
  };
}

export function measuredValuesDropped(names: readonly string[]): ImportWarning {
  return {
    code: 'planned_values_dropped',
    message: `A planned run has no measurements or date yet; the design's values of ${list(names)} were dropped.`,
    message_ja: `計画中の実験には測定値や実験日がないため、${listJa(names)} の値は取り込みませんでした。`,
  };
}

export function invalidRunValues(count: number, columns: readonly string[]): ImportWarning {
  return {
    code: 'invalid_values',
    message: `${count} value(s) of ${list(columns)} in the design do not fit the column's type and were left empty.`,
    message_ja: `計画の ${listJa(columns)} の値 ${count} 件は列の型に合わないため空欄にしました。`,
  };
}
