/**
 * Cancellation plumbing shared by the watcher and the client: waits that end early on abort, and child signals that
 * follow a parent and can be detached again (`AbortSignal.any` is too recent for Safari before 17.4 and cannot be
 * detached).
 */
import { ApiError } from './api-error.js';

/** An AbortController that also aborts when `parent` does; `dispose` detaches it from the parent. */
export function childAbortController(parent: AbortSignal | undefined): {
  controller: AbortController;
  dispose(): void;
} {
  const controller = new AbortController();
  if (!parent) return { controller, dispose: () => {} };
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', onAbort) };
}

/** The error every client method rejects with once its signal is aborted. */
export function abortedError(what: string): ApiError {
  return new ApiError({ kind: 'aborted', code: 'ZS_ERR_ABORTED', message: `${what} was aborted` });
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortedError(what);
}

/** Resolves after `ms`, or rejects with an aborted ApiError as soon as `signal` aborts. */
export function abortableDelay(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(what));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
