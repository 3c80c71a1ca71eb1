/** Profiles, logs, their rows, their history and undo. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import { DomainProfile } from '../../../../src-shared/logs/domain-profile.js';
import {
  CreateLogRequest,
  ExperimentLog,
  ListLogsResponse,
  ListProfilesResponse,
  ListRevisionsResponse,
  ListRowsRequest,
  ListRowsResponse,
  RestoreRequest,
  Revision,
  SaveProfileRequest,
} from '../../../../src-shared/logs/experiment-log-api.js';
import { notFound, validationFailed } from '../../../core/errors.js';
import { toExperimentLog, toRevision } from '../../../core/logs/log-records.js';
import { restoreRevision } from '../../../core/logs/log-changes.js';
import { checkFilter, LogIdParams, selectRows, type LogContext } from './log-access.js';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['logs'];

export const logRoutes =
  (ctx: LogContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/profiles',
      {
        schema: {
          tags,
          summary: 'Domain profiles (column dictionaries), latest version of each',
          response: { 200: ListProfilesResponse },
        },
      },
      async () => ({ profiles: await ctx.profiles.listLatest() }),
    );

    app.post(
      '/api/v1/profiles',
      {
        schema: {
          tags,
          summary: 'Store a profile: a new id gets version 1, an existing id its next version',
          body: SaveProfileRequest,
          response: { 201: DomainProfile, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(await ctx.profiles.save(request.body, request.owner)),
    );

    app.get(
      '/api/v1/logs',
      {
        schema: { tags, summary: 'Experiment logs, newest first', response: { 200: ListLogsResponse } },
      },
      async (request) => ({ logs: (await ctx.logs.listLogs(request.owner)).map(toExperimentLog) }),
    );

    app.post(
      '/api/v1/logs',
      {
        schema: {
          tags,
          summary: 'Create an empty experiment log read with a stored profile',
          body: CreateLogRequest,
          response: { 201: ExperimentLog, ...errors },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const profile = await ctx.profiles.get(body.profile_id, body.profile_version);
        if (!profile) {
          throw validationFailed([
            {
              path: body.profile_version === undefined ? 'profile_id' : 'profile_version',
              message: `no stored profile ${body.profile_id}${body.profile_version === undefined ? '' : ` version ${body.profile_version}`}`,
            },
          ]);
        }
        const known = new Set([...profile.columns.map((c) => c.name), ...profile.derived.map((d) => d.name)]);
        const keyColumns = body.key_columns ?? profile.key_columns;
        const unknown = keyColumns.map((c, i) => [c, i] as const).filter(([c]) => !known.has(c));
        if (unknown.length > 0) {
          throw validationFailed(
            unknown.map(([c, i]) => ({
              path: `key_columns.${i}`,
              message: `"${c}" is not a column of the profile`,
            })),
          );
        }
        const log = await ctx.logs.createLog({
          name: body.name,
          description: body.description ?? null,
          profile,
          keyColumns,
          owner: request.owner,
        });
        return reply.status(201).send(toExperimentLog(log));
      },
    );

    app.get(
      '/api/v1/logs/:log_id',
      {
        schema: {
          tags,
          summary: 'One experiment log',
          params: LogIdParams,
          response: { 200: ExperimentLog, ...errors },
        },
      },
      async (request) => toExperimentLog(await ctx.loadLog(request.params.log_id, request.owner)),
    );

    app.post(
      '/api/v1/logs/:log_id/rows/query',
      {
        schema: {
          tags,
          summary: 'The current rows matching a filter, ordered by date then row id, one page',
          params: LogIdParams,
          body: ListRowsRequest,
          response: { 200: ListRowsResponse, ...errors },
        },
      },
      async (request) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        const { filter, limit, offset } = request.body;
        checkFilter(log.profile, filter);
        const current = await ctx.logs.currentRows(log.log_id);
        if (!current) throw notFound(`No experiment log ${log.log_id}.`);
        const rows = selectRows(log.profile, current.rows, filter);
        return { rows: rows.slice(offset, offset + limit), total: rows.length, revision: current.revision };
      },
    );

    app.get(
      '/api/v1/logs/:log_id/revisions',
      {
        schema: {
          tags,
          summary: 'The history of a log, newest revision first',
          params: LogIdParams,
          response: { 200: ListRevisionsResponse, ...errors },
        },
      },
      async (request) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        return { revisions: (await ctx.logs.listRevisions(log.log_id)).map(toRevision) };
      },
    );

    app.post(
      '/api/v1/logs/:log_id/restore',
      {
        schema: {
          tags,
          summary: 'Make the rows exactly what they were after a revision (undo), as a new revision',
          params: LogIdParams,
          body: RestoreRequest,
          response: { 201: Revision, ...errors },
        },
      },
      async (request, reply) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        try {
          const revision = await restoreRevision(ctx.logs, log.log_id, request.body.revision, {
            createdBy: request.owner,
            note: request.body.note ?? null,
          });
          if (!revision) throw notFound(`No experiment log ${log.log_id}.`);
          return reply.status(201).send(toRevision(revision));
        } catch (err) {
          if (err instanceof RangeError) throw validationFailed([{ path: 'revision', message: err.message }]);
          throw err;
        }
      },
    );
  };
