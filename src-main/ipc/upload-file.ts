/**
 * Uploads a file the user chose straight from disk to the backend's signed upload URL, streamed by the main
 * process, so a 1 GB table never passes through the page's memory or the IPC channel.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createApiClient } from '../../src-shared/client/api-client.js';
import type { BackendInfo, UploadedFile } from '../../src-shared/ipc/contract.js';

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export async function uploadFile(
  file: string,
  backend: BackendInfo,
  onProgress?: (sent: number, total: number) => void,
): Promise<UploadedFile> {
  const { size } = await stat(file);
  const filename = path.basename(file);
  const client = createApiClient({
    baseUrl: backend.url,
    ...(backend.token ? { token: backend.token } : {}),
  });
  const presign = await client.presignUpload({
    filename,
    content_type: contentTypeOf(file),
    size_bytes: size,
  });
  await client.uploadFile(presign, createReadStream(file), {
    sizeBytes: size,
    ...(onProgress ? { onProgress } : {}),
  });
  return { job_id: presign.job_id, key: presign.key, filename, sizeBytes: size };
}
