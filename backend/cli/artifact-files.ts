/**
 * Writes downloaded artifacts into the output directory and nowhere else: artifact names come from the server and
 * are untrusted, so only a cleaned base name is used, symlinks are not followed, and the bytes are checked against
 * the listed sha256.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';

/**
 * The last path segment of `name` (either slash), without control characters or characters Windows forbids, never
 * empty, `.` or `..`, and distinct (ignoring case) from the names in `taken`, which it is added to.
 */
export function safeArtifactFileName(name: string, taken: Set<string>): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  let base = Array.from(lastSegment, (ch) => (isUnsafeFileNameChar(ch) ? '_' : ch))
    .join('')
    .trim()
    .replace(/[. ]+$/, '');
  if (base === '' || /^\.+$/.test(base)) base = 'artifact';
  if (base.length > 200) {
    const ext = path.extname(base).slice(0, 20);
    base = base.slice(0, 200 - ext.length) + ext;
  }
  let candidate = base;
  const ext = path.extname(base);
  const stem = base.slice(0, base.length - ext.length);
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Control characters, and the characters Windows forbids in file names. */
function isUnsafeFileNameChar(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || '<>:"|?*'.includes(ch);
}

export class ArtifactIntegrityError extends Error {
  override readonly name = 'ArtifactIntegrityError';
}

/** Writes `bytes` as `dir/fileName` (a name from safeArtifactFileName) and returns the path. */
export async function writeArtifactFile(
  dir: string,
  fileName: string,
  bytes: Uint8Array,
  expectedSha256?: string,
): Promise<string> {
  if (expectedSha256 !== undefined) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expectedSha256) {
      throw new ArtifactIntegrityError(
        `${fileName}: sha256 ${actual} does not match the listed ${expectedSha256}`,
      );
    }
  }
  const root = path.resolve(dir);
  const target = path.resolve(root, fileName);
  if (path.dirname(target) !== root) throw new Error(`refusing to write ${fileName} outside ${root}`);
  await mkdir(root, { recursive: true });
  // O_NOFOLLOW: a symlink planted under the artifact's name must not redirect the write (absent on Windows).
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(target, flags, 0o644);
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
  return target;
}
