/** The experiment log's HTTP API (`/api/v1/logs…`, `/api/v1/profiles`): see src-shared/logs/experiment-log-api.ts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../../app-deps.js';
import { logContext } from './log-access.js';
import { logRoutes } from './log-routes.js';
import { importRoute } from './import-route.js';
import { viewRoutes } from './view-routes.js';
import { logJobRoutes } from './log-job-routes.js';
import { exportRoute } from './export-route.js';

export const experimentLogRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const ctx = logContext(deps.db);
    await app.register(logRoutes(ctx));
    await app.register(importRoute(deps, ctx));
    await app.register(viewRoutes(ctx));
    await app.register(logJobRoutes(deps, ctx));
    await app.register(exportRoute(ctx));
  };
