/** The SSE stream of one job: wakes on in-process change news, re-reads the row at least every `pollMs`, pushes changes. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isTerminal } from '../../../../src-shared/api/job-status.js';
import { SSE_STATUS_EVENT } from '../../../../src-shared/api/http.js';
import { toJobStatus, type JobRow } from '../../../core/jobs/job-row.js';

const KEEPALIVE_MS = 15_000;

export async function streamJobEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  first: JobRow,
  load: () => Promise<JobRow | null>,
  nextChange: (timeoutMs: number) => Promise<void>,
  pollMs: number,
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  request.raw.on('close', () => {
    closed = true;
  });
  const send = (row: JobRow) => {
    res.write(`event: ${SSE_STATUS_EVENT}\ndata: ${JSON.stringify(toJobStatus(row))}\n\n`);
  };
  let last = '';
  let lastWrite = Date.now();
  let row: JobRow | null = first;
  try {
    while (!closed && row) {
      const snapshot = `${row.status}|${row.progress}|${row.stage}|${row.message}|${row.attempts}`;
      if (snapshot !== last) {
        send(row);
        last = snapshot;
        lastWrite = Date.now();
      } else if (Date.now() - lastWrite > KEEPALIVE_MS) {
        res.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
      if (isTerminal(row.status)) break;
      await nextChange(pollMs);
      row = await load();
    }
  } catch (err) {
    request.log.warn({ err }, 'event stream ended by an error');
  } finally {
    res.end();
  }
}
