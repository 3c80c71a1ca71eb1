/** Waits until a freshly started backend answers its health check, so the page is never shown a dead API. */
export interface HealthWaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export class HealthTimeoutError extends Error {
  override name = 'HealthTimeoutError';
}

/** Resolves once `GET {url}/api/v1/health` answers 200 with status ok or degraded. */
export async function waitForHealth(
  url: string,
  token: string | null,
  options: HealthWaitOptions,
): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const deadline = Date.now() + options.timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    try {
      const response = await doFetch(`${url}/api/v1/health`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(5000),
      });
      if (response.ok) {
        const body = (await response.json()) as { status?: string };
        if (body.status === 'ok' || body.status === 'degraded') return;
        lastError = `status ${String(body.status)}`;
      } else lastError = `HTTP ${response.status}`;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
  throw new HealthTimeoutError(
    `the backend at ${url} did not become healthy in ${options.timeoutMs} ms (${lastError})`,
  );
}
