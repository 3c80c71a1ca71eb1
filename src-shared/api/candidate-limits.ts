/**
 * Limits of a candidate grid generated from factor definitions (optimization `factors`, prediction grids), shared
 * so the form can warn before a job fails: the engine enforces them (backend/analysis/doe/candidates/generate-grid.ts).
 */

/** Accepted candidates at most: the design search and the exported CSV stay within a few hundred MB and minutes. */
export const MAX_CANDIDATES = 2_000_000;
/** Combinations examined at most when constraints filter them: a larger grid takes too long to filter. */
export const MAX_COMBINATIONS = 50_000_000;
