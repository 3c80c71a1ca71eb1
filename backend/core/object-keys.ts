/** Object keys and file names come from users; these checks keep every key inside its job's folder. */
import { badRequest } from './errors.js';
import { UPLOAD_EXTENSIONS } from '../../src-shared/api/http.js';

// Control characters, path separators and characters Windows forbids in file names.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f/\\:*?"<>|]/;
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** Why `name` is not a safe single file name, or null when it is. */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 255) return 'must be 1 to 255 characters';
  if (name === '.' || name === '..' || name.includes('..')) return 'must not contain ".."';
  if (FORBIDDEN_CHARS.test(name)) return 'must not contain path separators, control characters or :*?"<>|';
  if (name !== name.trim() || name.endsWith('.'))
    return 'must not start or end with spaces or end with a dot';
  if (RESERVED_WINDOWS.test(name)) return 'is a reserved device name';
  return null;
}

/** Validates an uploaded file's name and returns its lower-case extension. */
export function checkUploadFileName(name: string): (typeof UPLOAD_EXTENSIONS)[number] {
  const problem = fileNameProblem(name);
  if (problem) throw badRequest(`filename "${name}" ${problem}`, { field: 'filename' });
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const allowed = UPLOAD_EXTENSIONS as readonly string[];
  if (!name.includes('.') || !allowed.includes(ext)) {
    throw badRequest(`filename "${name}" must end in ${UPLOAD_EXTENSIONS.map((e) => '.' + e).join(', ')}`, {
      field: 'filename',
    });
  }
  return ext as (typeof UPLOAD_EXTENSIONS)[number];
}

/** True when every `/`-separated segment of `key` is a safe file name (so it cannot climb out of the store). */
export function isSafeKey(key: string): boolean {
  if (key.length === 0 || key.length > 1024) return false;
  return key.split('/').every((segment) => fileNameProblem(segment) === null);
}

export function checkKey(key: string, field = 'key'): string {
  if (!isSafeKey(key)) throw badRequest(`${field} "${key}" is not a valid object key`, { field });
  return key;
}

export const inputKey = (jobId: string, fileName: string) => `inputs/${jobId}/${fileName}`;
export const outputKey = (jobId: string, fileName: string) => `outputs/${jobId}/${fileName}`;
export const outputPrefix = (jobId: string) => `outputs/${jobId}/`;
