/** Checks the file to upload before the server sees it: exists, is a regular non-empty file of a type jobs can read. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UPLOAD_EXTENSIONS } from '../../src-shared/api/http.js';
import { UsageError } from './usage-error.js';

const CONTENT_TYPES: Record<(typeof UPLOAD_EXTENSIONS)[number], string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Base name, as sent to the server. */
  name: string;
  sizeBytes: number;
  contentType: string;
}

export async function describeInputFile(file: string, cwd: string): Promise<InputFile> {
  const absolute = path.resolve(cwd, file);
  const name = path.basename(absolute);
  const ext = path.extname(name).slice(1).toLowerCase();
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new UsageError(`${file}: unsupported file type; expected .${UPLOAD_EXTENSIONS.join(', .')}`);
  }
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(error)})`}`,
    );
  }
  if (!info.isFile()) throw new UsageError(`${file}: not a regular file`);
  if (info.size === 0) throw new UsageError(`${file}: the file is empty`);
  return {
    path: absolute,
    name,
    sizeBytes: info.size,
    contentType: CONTENT_TYPES[ext as keyof typeof CONTENT_TYPES],
  };
}
