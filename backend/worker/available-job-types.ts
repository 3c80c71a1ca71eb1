/** The job types this build can run, known to the API without loading the numeric engine. */
import type { JobType } from '../../src-shared/api/job-types.js';

export const AVAILABLE_JOB_TYPES: ReadonlySet<JobType> = new Set<JobType>([
  'classification',
  'linear_analysis',
  'nonlinear_analysis',
  'optimization',
  'pareto',
  'prediction',
]);
