/** The embedded object store: a folder in the data directory, reached by clients through HMAC-signed URLs. */
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile, access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type {
  BlobStore,
  DownloadSignOptions,
  SignedRequest,
  UploadSignOptions,
} from '../core/ports/blob-store.js';
import { checkKey } from '../core/object-keys.js';
import { badRequest, forbidden, notFound } from '../core/errors.js';
import { sign, verify, type SignedFields } from './signed-url.js';
import { API_PREFIX } from '../../src-shared/api/http.js';

export const BLOB_ROUTE = `${API_PREFIX}/blobs`;

export interface FsBlobStoreOptions {
  root: string;
  secret: Buffer;
  /** The API's public origin (`http://127.0.0.1:8710`), known once it listens. */
  publicUrl: () => string;
  now?: () => number;
}

/** Reads the signing key from the data folder, creating a random one on first start (mode 0600). */
export async function loadOrCreateSecret(file: string): Promise<Buffer> {
  try {
    const hex = (await readFile(file, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
  } catch {
    // first start: create it below
  }
  const secret = randomBytes(32);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}

export class FsBlobStore implements BlobStore {
  readonly bucket = 'local';
  private readonly root: string;
  private readonly now: () => number;

  constructor(private readonly options: FsBlobStoreOptions) {
    this.root = path.resolve(options.root);
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** The file path of `key`; throws 400 for any key that could leave the store's folder. */
  pathOf(key: string): string {
    checkKey(key);
    const full = path.resolve(this.root, ...key.split('/'));
    if (!full.startsWith(this.root + path.sep)) throw badRequest(`key "${key}" is not a valid object key`);
    return full;
  }

  private url(fields: SignedFields, signature: string): string {
    const encodedKey = fields.key.split('/').map(encodeURIComponent).join('/');
    const q = new URLSearchParams({ expires: String(fields.expires), sig: signature });
    if (fields.fileName) q.set('fn', fields.fileName);
    return `${this.options.publicUrl()}${BLOB_ROUTE}/${encodedKey}?${q.toString()}`;
  }

  async signUpload(key: string, o: UploadSignOptions): Promise<SignedRequest> {
    this.pathOf(key);
    const fields: SignedFields = {
      method: 'PUT',
      key,
      expires: this.now() + o.expiresInSeconds,
      contentType: o.contentType,
      contentLength: o.sizeBytes,
    };
    return {
      url: this.url(fields, sign(this.options.secret, fields)),
      method: 'PUT',
      headers: { 'content-type': o.contentType },
      expires_in: o.expiresInSeconds,
    };
  }

  async signDownload(key: string, o: DownloadSignOptions): Promise<SignedRequest> {
    this.pathOf(key);
    const fields: SignedFields = {
      method: 'GET',
      key,
      expires: this.now() + o.expiresInSeconds,
      fileName: o.fileName,
    };
    return {
      url: this.url(fields, sign(this.options.secret, fields)),
      method: 'GET',
      headers: {},
      expires_in: o.expiresInSeconds,
    };
  }

  /** Checks a signed request; 403 for a bad or expired signature. */
  authorize(fields: SignedFields, signature: string | undefined): void {
    const outcome = verify(this.options.secret, fields, signature ?? '', this.now());
    if (outcome === 'bad_signature') throw forbidden('The signed URL is invalid or was altered.');
    if (outcome === 'expired') throw forbidden('The signed URL has expired; request a new one.');
  }

  /** Streams an upload into place atomically: a partial or oversized body never becomes the object. */
  async writeStream(key: string, body: Readable, expectedBytes: number): Promise<void> {
    const target = this.pathOf(key);
    const tmpDir = path.join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (received > expectedBytes)
          done(badRequest(`The body is larger than the signed ${expectedBytes} bytes.`));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(tmp));
      if (received !== expectedBytes) {
        throw badRequest(`Received ${received} bytes but the signed length is ${expectedBytes}.`);
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  readStream(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  /** Writes via the store's staging folder, so a process killed mid-write leaves nothing beside the objects. */
  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const tmpDir = path.join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    try {
      await writeFile(tmp, bytes);
      await rename(tmp, target);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * Removes staging files older than `maxAgeMs` (left by a killed process); returns how many.
   * Younger ones may belong to a write still running in another process.
   */
  async sweepStaging(maxAgeMs: number): Promise<number> {
    const tmpDir = path.join(this.root, '.tmp');
    let names: string[];
    try {
      names = await readdir(tmpDir);
    } catch {
      return 0;
    }
    let removed = 0;
    const cutoff = Date.now() - maxAgeMs;
    for (const name of names) {
      const file = path.join(tmpDir, name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtimeMs < cutoff) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(`No object "${key}".`);
      throw err;
    }
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async check(): Promise<boolean> {
    try {
      await mkdir(this.root, { recursive: true });
      await access(this.root, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
}
