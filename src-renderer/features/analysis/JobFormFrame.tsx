/** The frame of every job form: the panel title, the job-type picker, the form element and its shared footer. */
import type { FormEvent, ReactNode } from 'react';
import type { JobType } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import type { ColumnSummary } from '../data/table-preview.js';
import { FormFooter } from './FormFooter.js';
import type { GeneratedCandidates } from './optimization-form.js';
import type { ServerInput } from './submit-job.js';
import type { SubmitState } from './useSubmitJob.js';

/** What the New analysis panel gives every job form. */
export interface JobFormProps {
  file: File | null;
  /** Null when the file has no preview (XLSX): column names are then typed; undefined before a file is chosen. */
  columns: ColumnSummary[] | null | undefined;
  /** Rows already on the server (an experiment log's), used instead of `file`. */
  serverInput?: ServerInput | null;
  /** For `optimization` from a log's done runs: candidates generated from their factor levels, offered first. */
  generatedCandidates?: GeneratedCandidates | null;
  onSubmitted(jobId: string): void;
  /** The job-type picker, shown in place of the fixed job-type line. */
  picker?: ReactNode;
}

interface Props {
  jobType: JobType;
  testId: string;
  picker: ReactNode | undefined;
  onSubmit(event: FormEvent): void;
  footer: {
    attempted: boolean;
    hasFile: boolean;
    problemCount: number;
    busy: boolean;
    state: SubmitState;
    onCancel(): void;
  };
  children: ReactNode;
}

export function JobFormFrame({ jobType, testId, picker, onSubmit, footer, children }: Props) {
  const t = useT();
  return (
    <section aria-labelledby="analysis-title" className="panel">
      <h2 id="analysis-title">{t('analysis.title')}</h2>
      {picker ?? <p className="help">{t('analysis.jobType', { type: t(`jobType.${jobType}`) })}</p>}
      <form noValidate onSubmit={onSubmit} aria-labelledby="analysis-title" data-testid={testId}>
        {children}
        <FormFooter {...footer} />
      </form>
    </section>
  );
}
