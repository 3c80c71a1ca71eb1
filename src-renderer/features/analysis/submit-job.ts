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

/** An input the server already wrote (rows of an experiment log): its job id and key, and a name to show. */
export interface ServerInput {
  jobId: string;
  inputKey: string;
  name: string;
}

/** The type a file is uploaded as (the server reads the format from it and from the name). */
export function contentTypeOf(fileName: string): string {
  return CONTENT_TYPES[extensionOf(fileName)] ?? 'application/octet-stream';
}

export interface SubmitInput {
  /** Ignored when `uploaded` is given. */
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
  /** The input is already on the server: no upload, the job is created with its job id and key. */
  uploaded?: ServerInput;
}

export async function submitJob(client: ApiClient, input: SubmitInput): Promise<string> {
  if (input.uploaded) {
    const created = await client.createJob(
      {
        job_id: input.uploaded.jobId,
        job_type: input.jobType,
        input_key: input.uploaded.inputKey,
        parameters: input.parameters,
      },
      { signal: input.signal },
    );
    return created.job_id;
  }
  const contentType = contentTypeOf(input.fileName);
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
