/** Test helper: the context a task gets in an analysis thread, for a CSV given as text and the job's parameters. */
import type { TaskContext } from './task.js';

export function csvTaskContext(csv: string, parameters: Record<string, unknown>): TaskContext {
  return {
    parameters,
    input: new TextEncoder().encode(csv),
    inputFileName: 'input.csv',
    signal: new AbortController().signal,
    progress: () => undefined,
  };
}
