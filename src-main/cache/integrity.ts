/** sha256 of cached bytes, so a file damaged on disk (or edited by hand) is noticed instead of being plotted. */
import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class CacheIntegrityError extends Error {
  override name = 'CacheIntegrityError';
}
