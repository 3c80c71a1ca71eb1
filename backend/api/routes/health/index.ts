/** Liveness and dependency checks, for the desktop shell's splash screen and load balancers alike. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health } from '../../../../src-shared/api/http.js';
import type { ApiDeps } from '../../app-deps.js';
import { APP_VERSION } from '../../../package-info.js';

export const healthRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const handler = async (): Promise<Health> => {
      const db = await deps.db
        .query('SELECT 1')
        .then(() => 'ok' as const)
        .catch(() => 'error' as const);
      const storage = (await deps.store.check()) ? ('ok' as const) : ('error' as const);
      // The embedded and shared-server queue is the jobs table, so it is as healthy as the database; SQS is asked.
      const queue = deps.checkQueue
        ? (await deps.checkQueue().catch(() => false))
          ? ('ok' as const)
          : ('error' as const)
        : db;
      const status = db === 'ok' && storage === 'ok' && queue === 'ok' ? 'ok' : 'degraded';
      return { status, version: APP_VERSION, mode: deps.mode, checks: { db, storage, queue } };
    };
    const schema = { tags: ['health'], response: { 200: Health } };
    app.get('/health', { schema }, handler);
    app.get('/api/v1/health', { schema }, handler);
  };
