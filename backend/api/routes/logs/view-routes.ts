/** Saved views: a named filter of a log, reusable for the grid, exports and job inputs. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import {
  CreateViewRequest,
  ListViewsResponse,
  LogView,
} from '../../../../src-shared/logs/experiment-log-api.js';
import { notFound } from '../../../core/errors.js';
import { toLogView } from '../../../core/logs/log-records.js';
import { checkFilter, LogIdParams, ViewIdParams, type LogContext } from './log-access.js';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['logs'];

export const viewRoutes =
  (ctx: LogContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/logs/:log_id/views',
      {
        schema: {
          tags,
          summary: 'The saved views of a log, by name',
          params: LogIdParams,
          response: { 200: ListViewsResponse, ...errors },
        },
      },
      async (request) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        return { views: (await ctx.logs.listViews(log.log_id)).map(toLogView) };
      },
    );

    app.post(
      '/api/v1/logs/:log_id/views',
      {
        schema: {
          tags,
          summary: 'Save a filter as a named view (names are unique within a log)',
          params: LogIdParams,
          body: CreateViewRequest,
          response: { 201: LogView, ...errors },
        },
      },
      async (request, reply) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        checkFilter(log.profile, request.body.filter);
        const view = await ctx.logs.createView(log.log_id, request.body.name, request.body.filter);
        return reply.status(201).send(toLogView(view));
      },
    );

    app.delete(
      '/api/v1/logs/:log_id/views/:view_id',
      {
        schema: {
          tags,
          summary: 'Delete a saved view',
          params: ViewIdParams,
          response: { 204: z.null().describe('Deleted'), ...errors },
        },
      },
      async (request, reply) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        if (!(await ctx.logs.deleteView(log.log_id, request.params.view_id)))
          throw notFound(`No view ${request.params.view_id} in this log.`);
        return reply.status(204).send(null);
      },
    );
  };
