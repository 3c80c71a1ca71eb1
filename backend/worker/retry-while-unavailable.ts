/**
 * Waits out a database outage for the few writes a worker must not drop (a job's final state, the lease check before
 * its outputs are written). Without it, a job that finished while PostgreSQL restarted would be recorded nowhere,
 * hold its lease until expiry and run again, spending one of its attempts on an outage that was nobody's fault.
 */
import type { Logger } from 'pino';
import { AppError } from '../core/errors.js';

export const isUnavailable = (err: unknown): boolean =>
  err instanceof AppError && err.code === 'ZS_ERR_UNAVAILABLE';

export interface RetryWhileUnavailableOptions {
  logger: Logger;
  /** What is being retried, for the log. */
  what: string;
  /** Give up (rethrow) once the database has been unreachable this long. */
  giveUpAfterMs: number;
  /** Stop waiting (rethrow) when this aborts: the process is shutting down. */
  signal?: AbortSignal;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** Runs `fn`, repeating it with a doubling delay while it fails with `ZS_ERR_UNAVAILABLE`; other errors pass at once. */
export async function retryWhileUnavailable<T>(
  fn: () => Promise<T>,
  o: RetryWhileUnavailableOptions,
): Promise<T> {
  const started = Date.now();
  let delay = o.firstDelayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await fn();
      if (attempt > 1) o.logger.info({ attempts: attempt }, `${o.what}: database reachable again`);
      return out;
    } catch (err) {
      if (!isUnavailable(err) || o.signal?.aborted || Date.now() - started + delay > o.giveUpAfterMs)
        throw err;
      if (attempt === 1) o.logger.warn(`${o.what}: database unavailable; retrying`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, o.maxDelayMs ?? 5000);
    }
  }
}
