/**
 * Prints any failure of a client command and picks its exit code: the caller's mistakes (usage, 4xx) exit 2, the
 * server's or the network's exit 1, so scripts know whether retrying can help.
 */
import { describeApiError, isApiError } from '../../src-shared/client/api-error.js';
import type { TextOutput } from './cli-io.js';
import { EXIT_FAILURE, EXIT_USAGE } from './exit-codes.js';
import { UsageError } from './usage-error.js';

export function reportFailure(error: unknown, stderr: TextOutput): number {
  if (error instanceof UsageError) {
    stderr.write(`zerosec: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (isApiError(error)) {
    stderr.write(`zerosec: ${describeApiError(error)}\n`);
    if (error.kind === 'network')
      stderr.write('zerosec: is the server running? (zerosec serve, or --server URL)\n');
    return error.isClientError ? EXIT_USAGE : EXIT_FAILURE;
  }
  stderr.write(`zerosec: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT_FAILURE;
}
