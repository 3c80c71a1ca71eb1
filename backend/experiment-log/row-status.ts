/** A row's status follows from its values: a run is `done` once anything was measured. */
import type { DomainProfile } from '../../src-shared/logs/domain-profile.js';
import type { CellValue, RowStatus } from '../../src-shared/logs/experiment-log-api.js';
import { isEmptyCell } from './cell-identity.js';

/** `done` when any `response` column has a value, else `planned`. */
export function rowStatus(profile: DomainProfile, values: Record<string, CellValue>): RowStatus {
  return profile.columns.some((c) => c.role === 'response' && !isEmptyCell(values[c.name]))
    ? 'done'
    : 'planned';
}
