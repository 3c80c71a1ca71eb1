/**
 * Where input and output files live: a folder for the desktop app, S3 on a server. The API hands clients
 * signed requests so file bytes never pass through API handlers that could be bypassed.
 */
export interface SignedRequest {
  url: string;
  method: 'PUT' | 'GET';
  headers: Record<string, string>;
  expires_in: number;
}

export interface UploadSignOptions {
  contentType: string;
  sizeBytes: number;
  expiresInSeconds: number;
}

export interface DownloadSignOptions {
  expiresInSeconds: number;
  /** Sent back as Content-Disposition so browsers save under this name. */
  fileName: string;
}

export interface BlobStore {
  /** Name of the bucket (S3) or folder (embedded) shown to clients. */
  readonly bucket: string;
  signUpload(key: string, options: UploadSignOptions): Promise<SignedRequest>;
  signDownload(key: string, options: DownloadSignOptions): Promise<SignedRequest>;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** Size of a stored object, or null if there is none. */
  size(key: string): Promise<number | null>;
  check(): Promise<boolean>;
}

/** One part of a multipart upload: PUT exactly `size_bytes` bytes to `url`, keep the ETag the store answers. */
export interface SignedUploadPart {
  part_number: number;
  url: string;
  size_bytes: number;
  headers: Record<string, string>;
}

export interface SignedMultipartUpload {
  upload_id: string;
  part_size_bytes: number;
  parts: SignedUploadPart[];
  expires_in: number;
}

export interface CompletedPart {
  part_number: number;
  etag: string;
}

/**
 * Stores that take large files in parts (S3). Optional: the embedded folder store has no parts, and clients that
 * ignore multipart can always use the single signed PUT.
 */
export interface MultipartBlobStore extends BlobStore {
  /** Files of more than this many bytes are offered a multipart upload. */
  readonly multipartThresholdBytes: number;
  signMultipartUpload(key: string, options: UploadSignOptions): Promise<SignedMultipartUpload>;
  /** Joins the parts into the object; throws 422 when a part is missing or its ETag does not match. */
  completeMultipartUpload(key: string, uploadId: string, parts: CompletedPart[]): Promise<void>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
}

export function supportsMultipart(store: BlobStore): store is MultipartBlobStore {
  return typeof (store as Partial<MultipartBlobStore>).signMultipartUpload === 'function';
}
