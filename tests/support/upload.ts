/** Uploads a small text table through the public API and returns what a job submission needs. */
import type { ApiClient } from '../../src-shared/client/index.js';
import type { PresignUploadResponse } from '../../src-shared/api/http.js';

export async function uploadText(
  client: ApiClient,
  fileName: string,
  text: string,
): Promise<PresignUploadResponse> {
  const bytes = new TextEncoder().encode(text);
  const presign = await client.presignUpload({
    filename: fileName,
    content_type: 'text/csv',
    size_bytes: bytes.length,
  });
  await client.uploadFile(presign, bytes);
  return presign;
}

/** A linear data set with `rows` rows: y = 1 + 2·a − 0.5·b + small deterministic noise. */
export function linearCsv(rows: number): string {
  const lines = ['a,b,y'];
  for (let i = 0; i < rows; i++) {
    const a = (i % 17) / 3;
    const b = (i % 11) * 0.7;
    const noise = (((i * 7919) % 101) - 50) / 1000;
    lines.push(`${a},${b},${1 + 2 * a - 0.5 * b + noise}`);
  }
  return lines.join('\n') + '\n';
}
