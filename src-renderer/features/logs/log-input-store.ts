/**
 * Hands rows of a log, already written as a job input on the server, from the log page to the analysis form on
 * the home page. The input is one-shot (its job id is used by the job created from it), so it lives here until
 * that job is submitted or the user picks another file, and is not kept across reloads.
 */
import { useSyncExternalStore } from 'react';
import type { LogInputSource } from '../../../src-shared/logs/experiment-log-api.js';
import type { FormJobType } from '../analysis/JobTypePicker.js';
import type { ColumnSummary } from '../data/table-preview.js';
import type { NextDesign } from './next-design.js';

export interface LogJobInput {
  jobId: string;
  inputKey: string;
  source: LogInputSource;
  /** Summaries of the rows' columns, for the form's column pickers. */
  columns: ColumnSummary[];
  /** The job type the form opens with ("design next runs" preselects optimization). */
  jobType: FormJobType;
  /** For the next runs: candidates generated from the done runs' factor levels. */
  design: NextDesign | null;
}

let current: LogJobInput | null = null;
const listeners = new Set<() => void>();

export function setLogJobInput(input: LogJobInput | null): void {
  current = input;
  for (const listener of listeners) listener();
}

export function getLogJobInput(): LogJobInput | null {
  return current;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLogJobInput(): LogJobInput | null {
  return useSyncExternalStore(subscribe, getLogJobInput, getLogJobInput);
}
