/** The public face of candidate sets: the optimisation task and the bench import from here only. */
export type { CandidateCell, CandidateChunk, CandidateFactor, CandidateSet } from './candidate-set.js';
export {
  candidateCells,
  candidateRecord,
  candidateSetFromColumns,
  factorColumn,
  locate,
  oneHotGroupName,
  outputColumns,
} from './candidate-set.js';
export type {
  ComparisonOperator,
  ConstraintColumn,
  ConstraintNode,
  ConstraintPredicate,
  ParsedConstraint,
} from './constraint-expression.js';
export { ConstraintError, compileConstraint, parseConstraint } from './constraint-expression.js';
export type { FactorDefinitionInput, FactorLevels } from './factor-levels.js';
export { CandidateError, MAX_LEVELS_PER_FACTOR, factorLevels, rangeLevels } from './factor-levels.js';
export type {
  CompiledConstraint,
  ConstraintCount,
  GridInput,
  GridResult,
  RowLayout,
} from './generate-grid.js';
export {
  DEFAULT_CHUNK_SIZE,
  MAX_CANDIDATES,
  MAX_COMBINATIONS,
  compileConstraints,
  generateGrid,
  gridFactors,
  rowLayout,
} from './generate-grid.js';
export type { MatchTolerance } from './match-runs.js';
export { DEFAULT_MATCH_TOLERANCE, matchRuns } from './match-runs.js';
