/** Which task runs each job type, inside the analysis thread. A job type without a task is refused at submit. */
import type { JobType } from '../../../src-shared/api/job-types.js';
import { linearAnalysisTask } from './linear/linear-analysis.task.js';
import { optimizationTask } from './optimization/optimization.task.js';
import type { Task } from './task.js';

export const TASKS: Partial<Record<JobType, Task>> = {
  linear_analysis: linearAnalysisTask,
  optimization: optimizationTask,
};
