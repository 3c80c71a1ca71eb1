/** The API client as the CLI configures it: server and token from flags or environment, retries reported on stderr. */
import { createApiClient, type ApiClient } from '../../src-shared/client/api-client.js';
import type { CliIo } from './cli-io.js';
import type { Connection } from './command-line.js';

export function createCliClient(connection: Connection, io: Pick<CliIo, 'stderr'>): ApiClient {
  return createApiClient({
    baseUrl: connection.serverUrl,
    ...(connection.token ? { token: connection.token } : {}),
    onRetry: (event) => {
      const why = event.error.status === null ? event.error.message : `HTTP ${event.error.status}`;
      io.stderr.write(
        `retrying ${event.method} ${event.path} in ${(event.delayMs / 1000).toFixed(1)} s (${why})\n`,
      );
    },
  });
}
