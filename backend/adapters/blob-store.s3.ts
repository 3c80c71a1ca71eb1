/**
 * The server object store: S3 or any S3-compatible store (MinIO), inputs and outputs in two buckets. Clients get
 * SigV4 presigned URLs whose signature covers the content type and exact length, so the store itself refuses a
 * different file; files above the multipart threshold may go up in presigned parts.
 */
import { contentDisposition } from '../core/export/content-disposition.js';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type {
  CompletedPart,
  DownloadSignOptions,
  MultipartBlobStore,
  SignedMultipartUpload,
  SignedRequest,
  UploadSignOptions,
} from '../core/ports/blob-store.js';
import { badRequest, notFound, validationFailed } from '../core/errors.js';
import { checkKey } from '../core/object-keys.js';

/** S3's smallest part (except the last) is 5 MiB and a multipart upload has at most 10,000 parts. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
const HEALTH_PROBE_KEY = '.zerosec-health-probe';

export interface S3BlobStoreOptions {
  inputsBucket: string;
  outputsBucket: string;
  region: string;
  /** Endpoint the backend talks to (`http://minio:9000`); unset for AWS. */
  endpoint?: string;
  /** Endpoint put into presigned URLs when clients reach the store by another name (`http://localhost:9000`). */
  publicEndpoint?: string;
  forcePathStyle: boolean;
  /** Static keys (S3-compatible stores); unset to use the AWS default chain (ECS task role, env, profile). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  multipartThresholdBytes: number;
  partSizeBytes: number;
}

/** How many bytes each part of a `size`-byte upload carries: the configured size, grown to stay within 10,000 parts. */
export function partSizes(size: number, preferred: number): number[] {
  const partSize = Math.max(MIN_PART_BYTES, preferred, Math.ceil(size / MAX_PARTS));
  const sizes: number[] = [];
  for (let offset = 0; offset < size; offset += partSize) sizes.push(Math.min(partSize, size - offset));
  return sizes;
}

const isMissing = (err: unknown) =>
  err instanceof S3ServiceException &&
  (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);

export class S3BlobStore implements MultipartBlobStore {
  readonly bucket: string;
  readonly multipartThresholdBytes: number;
  private readonly client: S3Client;
  private readonly presigner: S3Client;

  constructor(private readonly o: S3BlobStoreOptions) {
    if (o.partSizeBytes < MIN_PART_BYTES)
      throw new RangeError(`part size must be at least ${MIN_PART_BYTES}`);
    this.bucket = o.inputsBucket;
    this.multipartThresholdBytes = o.multipartThresholdBytes;
    const base: S3ClientConfig = {
      region: o.region,
      forcePathStyle: o.forcePathStyle,
      // Checksums only when S3 requires them: presigned URLs must not carry a checksum of an empty body, and
      // several S3-compatible stores reject the newer checksum headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(o.credentials ? { credentials: o.credentials } : {}),
    };
    this.client = new S3Client({ ...base, ...(o.endpoint ? { endpoint: o.endpoint } : {}) });
    const publicEndpoint = o.publicEndpoint ?? o.endpoint;
    this.presigner = new S3Client({ ...base, ...(publicEndpoint ? { endpoint: publicEndpoint } : {}) });
  }

  /** `inputs/…` keys live in the inputs bucket and `outputs/…` in the outputs bucket, under the same key. */
  bucketOf(key: string): string {
    checkKey(key);
    if (key.startsWith('inputs/')) return this.o.inputsBucket;
    if (key.startsWith('outputs/')) return this.o.outputsBucket;
    throw badRequest(`key "${key}" is neither an input nor an output`);
  }

  async signUpload(key: string, o: UploadSignOptions): Promise<SignedRequest> {
    const command = new PutObjectCommand({
      Bucket: this.bucketOf(key),
      Key: key,
      ContentType: o.contentType,
      ContentLength: o.sizeBytes,
    });
    const url = await getSignedUrl(this.presigner, command, {
      expiresIn: o.expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return {
      url,
      method: 'PUT',
      headers: { 'content-type': o.contentType, 'content-length': String(o.sizeBytes) },
      expires_in: o.expiresInSeconds,
    };
  }

  async signDownload(key: string, o: DownloadSignOptions): Promise<SignedRequest> {
    const command = new GetObjectCommand({
      Bucket: this.bucketOf(key),
      Key: key,
      ResponseContentDisposition: contentDisposition(o.fileName),
    });
    const url = await getSignedUrl(this.presigner, command, { expiresIn: o.expiresInSeconds });
    return { url, method: 'GET', headers: {}, expires_in: o.expiresInSeconds };
  }

  async signMultipartUpload(key: string, o: UploadSignOptions): Promise<SignedMultipartUpload> {
    const Bucket = this.bucketOf(key);
    const created = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: o.contentType }),
    );
    const uploadId = created.UploadId;
    if (!uploadId) throw new Error('the store returned no UploadId');
    const sizes = partSizes(o.sizeBytes, this.o.partSizeBytes);
    const parts = await Promise.all(
      sizes.map(async (size, i) => ({
        part_number: i + 1,
        size_bytes: size,
        headers: { 'content-length': String(size) },
        url: await getSignedUrl(
          this.presigner,
          new UploadPartCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: i + 1,
            ContentLength: size,
          }),
          { expiresIn: o.expiresInSeconds, signableHeaders: new Set(['content-length']) },
        ),
      })),
    );
    return { upload_id: uploadId, part_size_bytes: sizes[0] ?? 0, parts, expires_in: o.expiresInSeconds };
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: CompletedPart[]): Promise<void> {
    try {
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucketOf(key),
          Key: key,
          UploadId: uploadId,
          MultipartUpload: {
            Parts: [...parts]
              .sort((a, b) => a.part_number - b.part_number)
              .map((p) => ({ PartNumber: p.part_number, ETag: p.etag })),
          },
        }),
      );
    } catch (err) {
      if (err instanceof S3ServiceException && (err.$metadata.httpStatusCode ?? 500) < 500) {
        throw validationFailed([{ path: 'parts', message: `the store refused the parts: ${err.message}` }]);
      }
      throw err;
    }
  }

  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    await this.client.send(
      new AbortMultipartUploadCommand({ Bucket: this.bucketOf(key), Key: key, UploadId: uploadId }),
    );
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucketOf(key), Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucketOf(key), Key: key }));
      if (!r.Body) throw notFound(`No object "${key}".`);
      return await r.Body.transformToByteArray();
    } catch (err) {
      if (isMissing(err)) throw notFound(`No object "${key}".`);
      throw err;
    }
  }

  async size(key: string): Promise<number | null> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.bucketOf(key), Key: key }));
      return r.ContentLength ?? 0;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /** Both buckets answer with these credentials: a probe key that does not exist comes back 404, not 403. */
  async check(): Promise<boolean> {
    try {
      for (const Bucket of [this.o.inputsBucket, this.o.outputsBucket]) {
        await this.client
          .send(new HeadObjectCommand({ Bucket, Key: HEALTH_PROBE_KEY }))
          .catch((err: unknown) => {
            if (!isMissing(err)) throw err;
          });
      }
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.client.destroy();
    this.presigner.destroy();
  }
}
