/** Fetches the files of the finished jobs a job reads (a prediction's model files) so its task, which does no I/O, gets them with its input. */
import type { BlobStore } from '../core/ports/blob-store.js';
import type { JobType } from '../../src-shared/api/job-types.js';
import { AppError } from '../core/errors.js';
import { ReferenceProblem, resolveReferences, type JobLookup } from '../core/jobs/referenced-jobs.js';
import type { ReferencedJob } from './tasks/task.js';

/**
 * The referenced jobs of a job with their needed files' bytes; [] for job types that read none. Throws
 * ReferenceProblem (the job's own input problem: retrying cannot help) when a referenced job or file is gone.
 */
export async function loadReferencedJobs(
  jobs: JobLookup,
  store: BlobStore,
  jobType: JobType,
  parameters: Record<string, unknown>,
): Promise<ReferencedJob[]> {
  const resolved = await resolveReferences(jobs, jobType, parameters);
  const out: ReferencedJob[] = [];
  for (const { reference, jobType: referencedType, artifacts } of resolved) {
    const files = [];
    for (const a of artifacts) {
      try {
        files.push({ name: a.file_name, bytes: await store.get(a.file_key) });
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 404)
          throw new ReferenceProblem(
            reference.field,
            `${a.file_name} of job ${reference.jobId} is missing from the store`,
          );
        throw err;
      }
    }
    out.push({ field: reference.field, jobId: reference.jobId, jobType: referencedType, files });
  }
  return out;
}
