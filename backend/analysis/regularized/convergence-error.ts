/** Lets callers tell "the model has no finite answer" apart from bad input (RangeError) and aborts. */

/** Thrown when an iterative fit cannot reach a finite optimum, e.g. perfectly separated classes in an unpenalised logistic fit. */
export class ConvergenceError extends Error {
  /** Stable code for the API layer to map (not yet registered in backend/core/errors.ts). */
  readonly code = 'ZS_ERR_CONVERGENCE';
  /** Iterations taken before giving up. */
  readonly nIter: number;

  constructor(message: string, nIter: number) {
    super(message);
    this.name = 'ConvergenceError';
    this.nIter = nIter;
  }
}
