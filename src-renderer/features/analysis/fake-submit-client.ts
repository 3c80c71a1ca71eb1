/** For form tests: an API client whose presign, upload and job creation succeed at once, recording the calls. */
import { vi } from 'vitest';
import type { JobStatus } from '../../../src-shared/api/index.js';
import type { ApiClient } from '../../../src-shared/client/api-client.js';

export const FAKE_JOB_ID = '11111111-1111-4111-8111-111111111111';

export function fakeSubmitClient(jobs: JobStatus[] = []) {
  return {
    presignUpload: vi.fn().mockResolvedValue({
      job_id: FAKE_JOB_ID,
      key: `inputs/${FAKE_JOB_ID}/data.csv`,
      url: 'http://127.0.0.1:1/blob',
      method: 'PUT',
      headers: {},
      expires_in: 60,
      bucket: 'b',
    }),
    uploadFile: vi.fn().mockResolvedValue(undefined),
    createJob: vi.fn().mockResolvedValue({ job_id: FAKE_JOB_ID, status: 'queued' }),
    listJobs: vi.fn().mockResolvedValue({ jobs, total: jobs.length, limit: 200, offset: 0 }),
  } as unknown as ApiClient & {
    presignUpload: ReturnType<typeof vi.fn>;
    createJob: ReturnType<typeof vi.fn>;
    listJobs: ReturnType<typeof vi.fn>;
  };
}
