/** Sends one file and its parameters as a new job: presign, upload straight to the store, create the job. */
import type { JobType } from '../../../src-shared/api/index.js';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import { extensionOf } from '../data/parse-preview.js';
import { saveInput } from '../offline/result-cache.js';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface SubmitInput {
  file: Blob;
  fileName: string;
  jobType: JobType;
  parameters: Record<string, unknown>;
  /** The preview's column names, kept with the upload for the data-set list. */
  columns?: readonly string[] | null;
  onProgress?: (sent: number, total: number) => void;
  /** Called once the upload is done and the job is being created (cancelling is no longer possible). */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

export async function submitJob(client: ApiClient, input: SubmitInput): Promise<string> {
  const contentType = CONTENT_TYPES[extensionOf(input.fileName)] ?? 'application/octet-stream';
  const body = input.file.type === contentType ? input.file : new Blob([input.file], { type: contentType });
  const presign = await client.presignUpload(
    { filename: input.fileName, content_type: contentType, size_bytes: body.size },
    { signal: input.signal },
  );
  await client.uploadFile(presign, body, {
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  input.onUploaded?.();
  // Kept for "re-run": every job needs its own upload of the same bytes.
  await saveInput(
    presign.key,
    new File([body], input.fileName, { type: contentType }),
    input.columns ?? null,
  ).catch(() => {});
  const created = await client.createJob({
    job_id: presign.job_id,
    job_type: input.jobType,
    input_key: presign.key,
    parameters: input.parameters,
  });
  return created.job_id;
}

/** The file name a job's input was uploaded under (`inputs/{job_id}/{name}`). */
export function inputFileName(inputKey: string): string {
  return inputKey.slice(inputKey.lastIndexOf('/') + 1);
}
