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
