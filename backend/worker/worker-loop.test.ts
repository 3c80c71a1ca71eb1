/** The claim loop through a database outage: it keeps running, backs off while claims fail, and resumes after. */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { WorkerLoop } from './worker-loop.js';
import { unavailable } from '../core/errors.js';
import type { JobQueue } from '../core/ports/job-queue.js';
import type { BlobStore } from '../core/ports/blob-store.js';

const FAILURES = 4;
const POLL_MS = 20;

describe('WorkerLoop', () => {
  it('backs off while claims fail and claims again once the database answers', async () => {
    const calls: number[] = [];
    const queue = {
      claim: async () => {
        calls.push(performance.now());
        if (calls.length <= FAILURES) throw unavailable('The database is unavailable; try again shortly.');
        return null;
      },
    } as unknown as JobQueue;
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const loop = new WorkerLoop({
      queue,
      store: {} as BlobStore,
      logger,
      concurrency: 1,
      pollIntervalMs: POLL_MS,
      leaseSeconds: 2,
      testProgressDelayMs: 0,
      jobs: { getJob: async () => null, listArtifacts: async () => [] },
    });
    loop.start();
    while (calls.length < FAILURES + 3) await new Promise((r) => setTimeout(r, 10));
    await loop.stop(0);

    // Waits after failures 1..4 double from the poll interval: 20, 40, 80, 160 ms (lower bounds only: a loaded
    // machine may wait longer, never shorter).
    const gaps = calls.slice(1).map((t, i) => t - calls[i]!);
    for (let i = 0; i < FAILURES; i++) expect(gaps[i]).toBeGreaterThanOrEqual(POLL_MS * 2 ** i - 5);
    const messages = lines.map((l) => l.msg);
    expect(messages.filter((m) => m === 'claim failed; retrying')).toHaveLength(1);
    expect(messages).toContain('claiming again after failures');
  });
});
