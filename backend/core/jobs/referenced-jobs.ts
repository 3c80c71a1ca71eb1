/**
 * Jobs that read another finished job's files besides their upload (a prediction reads its model job's model
 * files): which job a job refers to, which of its files it needs, and the one check, shared by the API at submit
 * (a clear 422) and by the worker when it runs the job (the files' bytes go to the task).
 */
import type { Artifact } from '../../../src-shared/api/artifacts.js';
import type { JobType } from '../../../src-shared/api/job-types.js';
import type { JobRow } from './job-row.js';
import type { LogInputSource } from '../../../src-shared/logs/experiment-log-api.js';

/** What the check needs from the job store (JobRepository has it). */
export interface JobLookup {
  getJob(jobId: string): Promise<Pick<JobRow, 'job_id' | 'job_type' | 'status'> | null>;
  listArtifacts(jobId: string): Promise<Artifact[]>;
  /** Where a job's input came from when it was written from an experiment log (recorded in result.json). */
  inputSourceOf?(jobId: string): Promise<LogInputSource | null>;
}

/** A finished job a job reads, and the parameter that names it (for error messages). */
export interface JobReference {
  jobId: string;
  field: string;
  /** Which of the referenced job's files are needed. */
  wants(fileName: string): boolean;
  /** What the files are, for messages ("model files"). */
  what: string;
}

export interface ResolvedReference {
  reference: JobReference;
  jobType: JobType;
  artifacts: Artifact[];
}

/** A referenced job that does not exist, has not completed, or lacks the files; `field` names the parameter. */
export class ReferenceProblem extends Error {
  override name = 'ReferenceProblem';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Model files a prediction can apply: the nonlinear/classification jobs' `<target>.model.json`, the linear job's `linear-model.json`. */
export const isModelFileName = (name: string): boolean =>
  name === 'linear-model.json' || name.endsWith('.model.json');

/** The jobs a job of `jobType` with these (validated) parameters reads; empty for most job types. */
export function referencesOf(jobType: JobType, parameters: Record<string, unknown>): JobReference[] {
  if (jobType === 'prediction' && typeof parameters.model_job_id === 'string') {
    return [
      {
        jobId: parameters.model_job_id,
        field: 'parameters.model_job_id',
        wants: isModelFileName,
        what: 'model files (<target>.model.json or linear-model.json)',
      },
    ];
  }
  return [];
}

/** Checks every reference and lists the files each needs. Throws ReferenceProblem naming the parameter. */
export async function resolveReferences(
  lookup: JobLookup,
  jobType: JobType,
  parameters: Record<string, unknown>,
): Promise<ResolvedReference[]> {
  const out: ResolvedReference[] = [];
  for (const reference of referencesOf(jobType, parameters)) {
    const job = await lookup.getJob(reference.jobId);
    if (!job) throw new ReferenceProblem(reference.field, `no job ${reference.jobId} exists`);
    if (job.status !== 'completed')
      throw new ReferenceProblem(
        reference.field,
        `job ${reference.jobId} is ${job.status}; it must have completed`,
      );
    const artifacts = (await lookup.listArtifacts(reference.jobId)).filter((a) =>
      reference.wants(a.file_name),
    );
    if (artifacts.length === 0)
      throw new ReferenceProblem(
        reference.field,
        `job ${reference.jobId} (${job.job_type}) has no ${reference.what}`,
      );
    out.push({ reference, jobType: job.job_type, artifacts });
  }
  return out;
}
