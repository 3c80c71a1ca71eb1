/**
 * Maps a file's headers to canonical columns (see column-names.ts for how a name is resolved). Decisions:
 * - a header that is not in the profile (a form's run number, source, candidate index …) is ignored and named
 *   in an `unknown_columns` warning, so nothing is dropped silently;
 * - when two headers mean the same column (a name and its alias), the first one (leftmost) is read and the later
 *   one is ignored with a `duplicate_columns` warning, rather than rejecting the whole file; its mapping is null;
 * - a header naming a derived column is read only to compare with the recomputed value;
 * - a key column with no header gets a `missing_key_columns` warning (its rows are then rejected, naming it).
 */
import type { DomainProfile } from '../../src-shared/logs/domain-profile.js';
import type { ImportPreview } from '../../src-shared/logs/experiment-log-api.js';
import type { Column, Table } from '../ingest/table.js';
import { columnIndex } from './column-names.js';
import {
  duplicateColumns,
  missingKeyColumns,
  unknownColumns,
  type ImportWarning,
} from './import-warnings.js';

export interface MappedColumn {
  column: Column;
  canonical: string;
  derived: boolean;
}

export interface HeaderMapping {
  mapping: ImportPreview['column_mapping'];
  /** The file columns read, in file order. */
  read: MappedColumn[];
  warnings: ImportWarning[];
}

export function mapHeaders(
  profile: DomainProfile,
  keyColumns: readonly string[],
  table: Pick<Table, 'columns'>,
): HeaderMapping {
  const index = columnIndex(profile);
  const mapping: HeaderMapping['mapping'] = [];
  const read: MappedColumn[] = [];
  const unknown: string[] = [];
  const duplicates: Array<{ header: string; first: string; column: string }> = [];
  const firstHeader = new Map<string, string>();
  for (const column of table.columns) {
    const canonical = index.resolve(column.name);
    if (canonical === null) {
      unknown.push(column.name);
      mapping.push({ source: column.name, canonical: null });
      continue;
    }
    const first = firstHeader.get(canonical);
    if (first !== undefined) {
      duplicates.push({ header: column.name, first, column: canonical });
      mapping.push({ source: column.name, canonical: null });
      continue;
    }
    firstHeader.set(canonical, column.name);
    mapping.push({ source: column.name, canonical });
    read.push({ column, canonical, derived: index.column(canonical) === undefined });
  }
  const warnings: ImportWarning[] = [];
  if (unknown.length > 0) warnings.push(unknownColumns(unknown));
  if (duplicates.length > 0) warnings.push(duplicateColumns(duplicates));
  const absentKeys = keyColumns.filter((k) => !firstHeader.has(k));
  if (absentKeys.length > 0) warnings.push(missingKeyColumns(absentKeys));
  return { mapping, read, warnings };
}
