/** Which task runs each job type, inside the analysis thread. A job type without a task is refused at submit. */
import type { JobType } from '../../../src-shared/api/job-types.js';
import { classificationTask } from './classification/classification.task.js';
import { linearAnalysisTask } from './linear/linear-analysis.task.js';
import { nonlinearAnalysisTask } from './nonlinear/nonlinear-analysis.task.js';
import { optimizationTask } from './optimization/optimization.task.js';
import { paretoTask } from './pareto/pareto.task.js';
import { predictionTask } from './prediction/prediction.task.js';
import type { Task } from './task.js';

export const TASKS: Partial<Record<JobType, Task>> = {
  classification: classificationTask,
  linear_analysis: linearAnalysisTask,
  nonlinear_analysis: nonlinearAnalysisTask,
  optimization: optimizationTask,
  pareto: paretoTask,
  prediction: predictionTask,
};
