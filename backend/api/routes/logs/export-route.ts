/** Downloading a log or a view as CSV (UTF-8 with BOM, for Excel in Japan) or XLSX, formulas neutralised. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import { ExportQuery } from '../../../../src-shared/logs/experiment-log-api.js';
import { LogIdParams, type LogContext } from './log-access.js';
import { rowsCsv, rowsOfViewOrFilter, rowsXlsx, safeFileName } from './log-rows-file.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback name and the real (Japanese) one per RFC 5987. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const exportRoute =
  (ctx: LogContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/logs/:log_id/export',
      {
        schema: {
          tags: ['logs'],
          summary: 'Download the rows of a log or of one of its views as CSV or XLSX',
          params: LogIdParams,
          querystring: ExportQuery,
          produces: ['text/csv', XLSX_TYPE],
          response: {
            200: z.any().describe('The file'),
            404: ErrorEnvelope,
            422: ErrorEnvelope,
          },
        },
      },
      async (request, reply) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        const { format, view_id } = request.query;
        const selected = await rowsOfViewOrFilter(ctx, log, view_id, undefined);
        const base = selected.viewName ? `${log.name} ${selected.viewName}` : log.name;
        const fileName = safeFileName(base, format);
        const bytes =
          format === 'csv'
            ? rowsCsv(log.profile, selected.rows)
            : await rowsXlsx(log.profile, selected.viewName ?? log.name, selected.rows);
        return reply
          .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
          .header('content-disposition', contentDisposition(fileName))
          .send(Buffer.from(bytes));
      },
    );
  };
