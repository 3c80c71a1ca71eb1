/**
 * Turns what a caller has in hand (a browser File/Blob, bytes, or a Node file stream) into a body the signed PUT can
 * send with exactly the signed headers, and says whether that body can be sent twice (only then may the PUT be
 * retried).
 */

/**
 * A Blob (browser File), bytes, or an async iterable of byte chunks. A Node `Readable` (it has `pipe`) is streamed
 * as is; any other iterable is collected into a Blob first, since axios can only stream Node streams.
 */
export type UploadBody = Blob | Uint8Array | AsyncIterable<Uint8Array>;

export interface PreparedUpload {
  /** What goes to axios: a Blob, or the caller's Node stream. */
  data: unknown;
  sizeBytes: number;
  /** A Blob can be read again for a retry; a stream is consumed by the first attempt. */
  replayable: boolean;
  headers: Record<string, string>;
}

/**
 * `signedHeaders` are the presign answer's headers; `sizeBytes` is needed only for streams (the signed
 * `content-length` is used when present).
 */
export async function prepareUpload(
  body: UploadBody,
  signedHeaders: Record<string, string>,
  sizeBytes?: number,
): Promise<PreparedUpload> {
  const contentType = headerValue(signedHeaders, 'content-type');
  const signedLength = headerValue(signedHeaders, 'content-length');
  // Browsers refuse to let scripts set Content-Length; for Blobs every runtime derives it from the body.
  const withoutLength = Object.fromEntries(
    Object.entries(signedHeaders).filter(([name]) => name.toLowerCase() !== 'content-length'),
  );

  if (isNodeStream(body)) {
    const size = signedLength !== undefined ? Number(signedLength) : sizeBytes;
    if (size === undefined || !Number.isSafeInteger(size) || size < 0) {
      throw new TypeError('uploading a stream needs its size: pass sizeBytes or presign with size_bytes');
    }
    if (sizeBytes !== undefined && sizeBytes !== size) {
      throw new RangeError(`the stream has ${sizeBytes} bytes but the upload was signed for ${size}`);
    }
    return {
      data: body,
      sizeBytes: size,
      replayable: false,
      headers: { ...withoutLength, 'content-length': String(size) },
    };
  }

  const blob = await toBlob(body, contentType);
  if (signedLength !== undefined && Number(signedLength) !== blob.size) {
    throw new RangeError(`the file has ${blob.size} bytes but the upload was signed for ${signedLength}`);
  }
  return { data: blob, sizeBytes: blob.size, replayable: true, headers: withoutLength };
}

/**
 * A Blob whose type is the signed content type: axios' Node adapter overwrites Content-Type with the Blob's type, so
 * the two must agree or the signature breaks. Wrapping a Blob in a Blob does not copy its bytes.
 */
async function toBlob(
  body: Blob | Uint8Array | AsyncIterable<Uint8Array>,
  contentType: string | undefined,
): Promise<Blob> {
  const type = contentType ?? (body instanceof Blob ? body.type : '');
  if (body instanceof Blob) return body.type === type ? body : new Blob([body], { type });
  // Uint8Array<ArrayBufferLike> is not a BlobPart in TS 5.9's DOM lib only because it might view a SharedArrayBuffer;
  // Blob copies the bytes either way.
  if (body instanceof Uint8Array) return new Blob([body as Uint8Array<ArrayBuffer>], { type });
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  for await (const chunk of body) chunks.push(chunk as Uint8Array<ArrayBuffer>);
  return new Blob(chunks, { type });
}

function isNodeStream(body: UploadBody): body is AsyncIterable<Uint8Array> {
  return (
    !(body instanceof Blob) &&
    !(body instanceof Uint8Array) &&
    typeof (body as { pipe?: unknown }).pipe === 'function'
  );
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}
