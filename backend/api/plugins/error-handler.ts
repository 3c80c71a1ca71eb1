/** Turns every failure into the one error envelope with the right status; stack traces stay in the server log. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, fieldIssues, validationFailed } from '../../core/errors.js';
import type { ErrorEnvelope } from '../../../src-shared/api/errors.js';

function envelope(err: AppError): ErrorEnvelope {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  };
}

/**
 * Seconds a client should wait after a 503 (the database or the store is down). A PostgreSQL restart takes a few
 * seconds; asking for longer only delays recovery, since the pool reconnects on the first request after it.
 */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const prefix = where === 'body' ? '' : where;
      appError = validationFailed(
        fieldIssues(
          error.validation.map((v) => ({
            path: v.instancePath.split('/').filter(Boolean),
            message: v.message ?? 'invalid',
            code: (v.params as { issue?: { code?: string } }).issue?.code,
            keys: (v.params as { issue?: { keys?: string[] } }).issue?.keys,
          })),
          prefix,
        ),
      );
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      appError = new AppError('ZS_ERR_PAYLOAD_TOO_LARGE', 413, 'The request body is too large.');
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      appError = new AppError(
        'ZS_ERR_UNSUPPORTED_MEDIA',
        415,
        'Unsupported content type; send application/json.',
      );
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      appError = new AppError('ZS_ERR_BAD_REQUEST', error.statusCode === 404 ? 404 : 400, error.message);
    } else {
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError(
        'ZS_ERR_INTERNAL',
        500,
        'Internal server error; the server log has the details.',
      );
    }
    if (appError.statusCode === 503) {
      // Temporary by definition: tell clients when to come back instead of letting each guess.
      if (!reply.hasHeader('retry-after'))
        reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      request.log.warn(
        { reason: String((error as { cause?: unknown }).cause ?? error.message) },
        'unavailable',
      );
    } else if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(appError.statusCode).send(envelope(appError));
  });

  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send(
        envelope(
          new AppError('ZS_ERR_NOT_FOUND', 404, `No route ${request.method} ${request.url.split('?')[0]}`),
        ),
      );
  });
}
