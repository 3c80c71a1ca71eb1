/** Describes one output file of a job, as listed by the API and cached by the desktop app. */
import { z } from 'zod';

export const ARTIFACT_FILE_TYPES = ['json', 'csv', 'xlsx', 'html', 'png', 'svg', 'txt'] as const;
export const ArtifactFileType = z.enum(ARTIFACT_FILE_TYPES);
export type ArtifactFileType = z.infer<typeof ArtifactFileType>;

export const Artifact = z.strictObject({
  /** Object-store key, unique per job: `outputs/{job_id}/{file_name}`. */
  file_key: z.string(),
  file_name: z.string(),
  file_type: ArtifactFileType,
  content_type: z.string(),
  size_bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: z.iso.datetime({ offset: true }),
});
export type Artifact = z.infer<typeof Artifact>;

const EXTENSION_TYPES: Record<string, { file_type: ArtifactFileType; content_type: string }> = {
  json: { file_type: 'json', content_type: 'application/json' },
  csv: { file_type: 'csv', content_type: 'text/csv; charset=utf-8' },
  xlsx: {
    file_type: 'xlsx',
    content_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  html: { file_type: 'html', content_type: 'text/html; charset=utf-8' },
  png: { file_type: 'png', content_type: 'image/png' },
  svg: { file_type: 'svg', content_type: 'image/svg+xml' },
  txt: { file_type: 'txt', content_type: 'text/plain; charset=utf-8' },
};

/** The type of an artifact from its file name; undefined for extensions we never produce. */
export function artifactTypeOf(
  fileName: string,
): { file_type: ArtifactFileType; content_type: string } | undefined {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return EXTENSION_TYPES[ext];
}
