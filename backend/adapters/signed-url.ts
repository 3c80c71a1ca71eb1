/**
 * HMAC-SHA256 signatures for the embedded object store's URLs: the API process serves the folder, and only
 * requests it signed (method, key, expiry, and for uploads the exact content type and length) get through.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedFields {
  method: 'PUT' | 'GET';
  key: string;
  /** Unix seconds. */
  expires: number;
  contentType?: string;
  contentLength?: number;
  fileName?: string;
}

function canonical(f: SignedFields): string {
  return [f.method, f.key, f.expires, f.contentType ?? '', f.contentLength ?? '', f.fileName ?? ''].join(
    '\n',
  );
}

export function sign(secret: Buffer, fields: SignedFields): string {
  return createHmac('sha256', secret).update(canonical(fields), 'utf8').digest('hex');
}

export type VerifyOutcome = 'ok' | 'expired' | 'bad_signature';

/** Constant-time comparison; an expired URL is reported as such only when its signature is genuine. */
export function verify(
  secret: Buffer,
  fields: SignedFields,
  signature: string,
  nowSeconds: number,
): VerifyOutcome {
  const expected = Buffer.from(sign(secret, fields), 'hex');
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad_signature';
  return nowSeconds > fields.expires ? 'expired' : 'ok';
}
