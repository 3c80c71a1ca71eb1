/**
 * The embedded object store's HTTP face: signed PUT (upload) and GET (download) of files in the data folder.
 * Only registered when the store is the local folder; with S3 the client talks to S3 directly.
 */
import { contentDisposition } from '../../../core/export/content-disposition.js';
import type { FastifyPluginAsync } from 'fastify';
import { BLOB_ROUTE, type FsBlobStore } from '../../../adapters/blob-store.fs.js';
import { badRequest, notFound, payloadTooLarge } from '../../../core/errors.js';

interface BlobQuery {
  expires?: string;
  sig?: string;
  fn?: string;
}

function keyFromUrl(url: string): string {
  const pathPart = url.split('?')[0]!.slice(BLOB_ROUTE.length + 1);
  try {
    return pathPart.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw badRequest('The object key is not valid URL encoding.');
  }
}

const expiresOf = (q: BlobQuery) => {
  const n = Number(q.expires);
  if (!Number.isInteger(n)) throw badRequest('The signed URL has no valid expires parameter.');
  return n;
};

export const blobRoutes =
  (store: FsBlobStore, maxUploadBytes: number): FastifyPluginAsync =>
  async (app) => {
    // The upload body is streamed to disk as it arrives, never buffered or parsed.
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    app.put<{ Querystring: BlobQuery }>(
      `${BLOB_ROUTE}/*`,
      { schema: { hide: true } },
      async (request, reply) => {
        const key = keyFromUrl(request.url);
        store.pathOf(key);
        const length = Number(request.headers['content-length']);
        if (!Number.isInteger(length) || length <= 0) throw badRequest('Content-Length is required.');
        if (length > maxUploadBytes)
          throw payloadTooLarge(`The upload is larger than ${maxUploadBytes} bytes.`);
        store.authorize(
          {
            method: 'PUT',
            key,
            expires: expiresOf(request.query),
            contentType: request.headers['content-type'] ?? '',
            contentLength: length,
          },
          request.query.sig,
        );
        await store.writeStream(key, request.raw, length);
        return reply.status(200).send({ key, size_bytes: length });
      },
    );

    app.get<{ Querystring: BlobQuery }>(
      `${BLOB_ROUTE}/*`,
      { schema: { hide: true } },
      async (request, reply) => {
        const key = keyFromUrl(request.url);
        store.pathOf(key);
        store.authorize(
          { method: 'GET', key, expires: expiresOf(request.query), fileName: request.query.fn },
          request.query.sig,
        );
        const size = await store.size(key);
        if (size === null) throw notFound(`No object "${key}".`);
        const fileName = request.query.fn ?? key.slice(key.lastIndexOf('/') + 1);
        return reply
          .header('content-length', size)
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', contentDisposition(fileName))
          .send(store.readStream(key));
      },
    );
  };
