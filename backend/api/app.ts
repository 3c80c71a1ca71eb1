/** Builds the HTTP API as a Fastify instance without listening, so tests can use inject() and servers can listen. */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import fastifyRateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ApiDeps } from './app-deps.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { installDesktopAccess } from './plugins/desktop-access.js';
import { installCors } from './plugins/cors.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { installTokenAuth, needsToken } from './plugins/token-auth.js';
import { AppError, unsupportedMedia } from '../core/errors.js';
import { healthRoutes } from './routes/health/index.js';
import { uploadRoutes } from './routes/uploads/index.js';
import { jobRoutes } from './routes/jobs/index.js';
import { artifactRoutes } from './routes/artifacts/index.js';
import { blobRoutes } from './routes/blobs/index.js';
import { experimentLogRoutes } from './routes/logs/index.js';
import { APP_VERSION } from '../package-info.js';
import { FALLBACK_PAGE } from './fallback-page.js';

// JSON bodies are small (parameters); files never pass through JSON routes.
const JSON_BODY_LIMIT = 1024 * 1024;

export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps Fastify's instance type at its default.
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: JSON_BODY_LIMIT,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app);
  app.decorateRequest('owner', null);
  const corsOrigins = deps.corsOrigins ?? [];
  if (deps.desktopAccess) {
    installDesktopAccess(app, {
      ...deps.desktopAccess,
      allowedOrigins: [...deps.desktopAccess.allowedOrigins, ...corsOrigins],
    });
  } else installCors(app, corsOrigins);
  if (deps.tokens) installTokenAuth(app, deps.tokens);
  if (deps.rateLimit) {
    // Route-level hooks run after the app-level ones above, so only requests with a valid token (or to open paths)
    // are counted here, each token on its own budget.
    await app.register(fastifyRateLimit, {
      max: deps.rateLimit.max,
      timeWindow: deps.rateLimit.windowSeconds * 1000,
      allowList: (request) => !needsToken(request.url),
      keyGenerator: (request) => {
        const header = request.headers.authorization;
        return header ? `t:${createHash('sha256').update(header).digest('hex')}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) =>
        new AppError('ZS_ERR_RATE_LIMITED', 429, `Too many requests; try again in ${context.after}.`),
    });
  }
  // Some HTTP clients (axios) label a body-less POST as a form; accept it when it is empty, refuse real forms.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    body === '' ? done(null, undefined) : done(unsupportedMedia('Send JSON (application/json), not a form.')),
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '0.00sec API',
        version: APP_VERSION,
        description:
          'Upload a table through a signed URL, submit an analysis job, follow it, fetch its results.',
      },
    },
    transform: jsonSchemaTransform,
  });

  await app.register(healthRoutes(deps));
  await app.register(uploadRoutes(deps));
  await app.register(jobRoutes(deps));
  await app.register(artifactRoutes(deps));
  await app.register(experimentLogRoutes(deps));
  if (deps.fsStore) await app.register(blobRoutes(deps.fsStore, deps.maxUploadBytes));

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (deps.rendererDir && existsSync(deps.rendererDir)) {
    await app.register(fastifyStatic, { root: deps.rendererDir, prefix: '/', index: 'index.html' });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(FALLBACK_PAGE),
    );
  }
  return app;
}
