/**
 * The experiment-log engine: pure functions over a domain profile and rows, with no database, HTTP or files.
 * The storage layer (backend/core/logs) loads rows, calls these and stores the results; the routes expose them.
 *
 * - planImport: a filled-in form (a Table) against the stored rows → per-row outcomes, inserts and updates
 *   (plan-import.ts documents the upsert rules, header-mapping.ts the header rules).
 * - plannedRows: an optimization design's runs → `planned` rows.
 * - matchesFilter / filterProblems: RowFilter semantics (row-filter.ts).
 * - canonicalKey: the upsert key; parseDateCell: the accepted date forms.
 * - logRowsTable: the export / job-input layout.
 * Everything domain-specific comes from the profile; the shipped one is in profiles/.
 */
export { canonicalKey } from './cell-identity.js';
export { parseDateCell } from './date-cell.js';
export { logRowsTable } from './log-rows-table.js';
export { planImport, type ImportPlan, type PlanImportInput, type StoredRow } from './plan-import.js';
export { plannedRows } from './planned-rows.js';
export { filterProblems, matchesFilter } from './row-filter.js';
export { BRUSH_DEBURRING_PROFILE } from './profiles/brush-deburring.profile.js';
