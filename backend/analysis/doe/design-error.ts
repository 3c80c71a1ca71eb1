/** Lets callers tell "no design can estimate this model" apart from programming errors, with the cause named for the user. */

/** Why a design problem has no nonsingular answer. */
export type DesignErrorReason = 'too_few_candidates' | 'too_few_runs' | 'rank_deficient' | 'bad_input';

/**
 * Thrown when the request cannot yield a design with a nonsingular information matrix: fewer candidates than
 * runs or terms, fewer runs than terms, or model terms that are linearly dependent over the candidate set
 * (e.g. a factor with one level in a quadratic model).
 */
export class DesignError extends Error {
  /** Stable code for the API layer to map (not yet registered in backend/core/errors.ts). */
  readonly code = 'ZS_ERR_DESIGN';
  readonly reason: DesignErrorReason;
  /** Model-matrix columns (0-based) found to be dependent on earlier ones, when the reason is 'rank_deficient'. */
  readonly dependentColumns: readonly number[];

  constructor(message: string, reason: DesignErrorReason, dependentColumns: readonly number[] = []) {
    super(message);
    this.name = 'DesignError';
    this.reason = reason;
    this.dependentColumns = dependentColumns;
  }
}
