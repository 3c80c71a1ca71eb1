/**
 * Follows one job to its end: pushed updates over server-sent events when the stream works, polling when it cannot
 * be opened, breaks, or goes silent, so a proxy that buffers or cuts streams slows progress reports but never
 * loses the outcome.
 */
import { JobStatus, SSE_STATUS_EVENT } from '../api/http.js';
import { isTerminal } from '../api/job-status.js';
import { ApiError } from './api-error.js';
import { abortableDelay, abortedError, childAbortController } from './abort-signals.js';
import { createSseParser } from './sse-parser.js';

export interface WatchJobOptions {
  /** Called for every new status (repeats of the same status are not reported twice). */
  onStatus?: (status: JobStatus) => void;
  signal?: AbortSignal;
  /** Polling period when the event stream is unavailable; default 2000. */
  pollIntervalMs?: number;
  /** Give up on a stream that sent nothing (not even a keep-alive comment) for this long; default 60000. */
  streamIdleTimeoutMs?: number;
  /** Told once when the watcher switches from the stream to polling, with the reason. */
  onFallbackToPolling?: (reason: string) => void;
}

export interface JobWatcherDeps {
  /** Absolute URL of `GET /jobs/{id}/events`. */
  eventsUrl: string;
  /** Sent with the stream request (Authorization). */
  headers: Record<string, string>;
  /** One status read, with the client's retries. */
  getStatus(signal: AbortSignal | undefined): Promise<JobStatus>;
}

export const DEFAULT_POLL_INTERVAL_MS = 2000;
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 60_000;
/**
 * Consecutive failed status reads (each already retried with backoff) after which polling gives up: about a minute
 * of server downtime is ridden out, a server that is gone for good is reported.
 */
const MAX_CONSECUTIVE_POLL_FAILURES = 5;

/** Resolves with the terminal status; rejects with an ApiError (aborted, not found, contract broken, server gone). */
export async function watchJob(deps: JobWatcherDeps, options: WatchJobOptions = {}): Promise<JobStatus> {
  const { signal } = options;
  let lastReported = '';
  const report = (status: JobStatus): void => {
    const key = JSON.stringify(status);
    if (key === lastReported) return;
    lastReported = key;
    options.onStatus?.(status);
  };

  const outcome = await followEventStream(deps, options, report);
  if (outcome.kind === 'terminal') return outcome.status;
  if (signal?.aborted) throw abortedError('watching the job');
  options.onFallbackToPolling?.(outcome.reason);
  return pollUntilTerminal(deps, options, report);
}

type StreamOutcome = { kind: 'terminal'; status: JobStatus } | { kind: 'fallback'; reason: string };

async function followEventStream(
  deps: JobWatcherDeps,
  options: WatchJobOptions,
  report: (status: JobStatus) => void,
): Promise<StreamOutcome> {
  const { controller, dispose } = childAbortController(options.signal);
  const idleMs = options.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let idled = false;
  const armIdleTimer = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idled = true;
      controller.abort();
    }, idleMs);
  };

  try {
    armIdleTimer();
    let response: Response;
    try {
      response = await fetch(deps.eventsUrl, {
        headers: { ...deps.headers, accept: 'text/event-stream' },
        signal: controller.signal,
      });
    } catch (error) {
      return { kind: 'fallback', reason: idled ? 'the event stream did not open in time' : describe(error) };
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !contentType.includes('text/event-stream') || !response.body) {
      return {
        kind: 'fallback',
        reason: response.ok
          ? `the events endpoint answered ${contentType || 'no content type'}`
          : `HTTP ${response.status} from the events endpoint`,
      };
    }

    // Set from the parser callback; a holder object so the compiler does not narrow them to their initial null.
    const seen: { terminal: JobStatus | null; contractError: ApiError | null } = {
      terminal: null,
      contractError: null,
    };
    const parser = createSseParser((event) => {
      if (seen.terminal || seen.contractError || event.event !== SSE_STATUS_EVENT) return;
      const status = parseStatusEvent(event.data);
      if (status instanceof ApiError) {
        seen.contractError = status;
        return;
      }
      report(status);
      if (isTerminal(status.status)) seen.terminal = status;
    });

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        armIdleTimer();
        parser.feed(decoder.decode(value, { stream: true }));
        if (seen.contractError) throw seen.contractError;
        if (seen.terminal) return { kind: 'terminal', status: seen.terminal };
      }
      parser.feed(decoder.decode());
      parser.end();
      if (seen.contractError) throw seen.contractError;
      if (seen.terminal) return { kind: 'terminal', status: seen.terminal };
      return { kind: 'fallback', reason: 'the event stream ended before the job did' };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      return {
        kind: 'fallback',
        reason: idled ? `the event stream was silent for ${idleMs} ms` : describe(error),
      };
    } finally {
      reader.cancel().catch(() => {});
    }
  } finally {
    clearTimeout(idleTimer);
    // Closes the connection whatever happened; the server sees the client leave.
    controller.abort();
    dispose();
  }
}

function parseStatusEvent(data: string): JobStatus | ApiError {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    json = undefined;
  }
  const parsed = JobStatus.safeParse(json);
  if (parsed.success) return parsed.data;
  return new ApiError({
    kind: 'invalid_response',
    code: 'ZS_ERR_INVALID_RESPONSE',
    message: 'a status event on the job stream does not match the JobStatus contract',
    details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

async function pollUntilTerminal(
  deps: JobWatcherDeps,
  options: WatchJobOptions,
  report: (status: JobStatus) => void,
): Promise<JobStatus> {
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  let failures = 0;
  for (;;) {
    try {
      const status = await deps.getStatus(options.signal);
      failures = 0;
      report(status);
      if (isTerminal(status.status)) return status;
    } catch (error) {
      if (!isTransient(error) || ++failures >= MAX_CONSECUTIVE_POLL_FAILURES) throw error;
    }
    await abortableDelay(interval, options.signal, 'watching the job');
  }
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.kind === 'http' && error.status !== null && (error.status === 429 || error.status >= 500);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
