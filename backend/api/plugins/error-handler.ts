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

/** True for failures of the database connection itself (as opposed to a bad query). */
function isDatabaseDown(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08001', '08003'].includes(code);
}

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
    } else if (isDatabaseDown(error)) {
      reply.header('retry-after', '5');
      appError = new AppError('ZS_ERR_UNAVAILABLE', 503, 'The database is unavailable; try again shortly.');
    } else {
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError(
        'ZS_ERR_INTERNAL',
        500,
        'Internal server error; the server log has the details.',
      );
    }
    if (appError.statusCode >= 500 && appError.statusCode !== 503)
      request.log.error({ err: error }, 'request failed');
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
