/** `zerosec cancel <id>`: asks the server to stop a job and prints the state it reports back. */
import type { CliIo } from './cli-io.js';
import { createCliClient } from './cli-client.js';
import { runJobCommand } from './job-command.js';
import { formatStatusLine } from './job-status-format.js';

export const CANCEL_USAGE = 'zerosec cancel <job_id> [--json] [--server URL] [--token T]';

export function cancelCommand(argv: string[], io: CliIo, makeClient = createCliClient): Promise<number> {
  return runJobCommand(
    {
      usage: CANCEL_USAGE,
      call: (client, id) => client.cancelJob(id),
      format: (status) => `${status.job_id}  ${formatStatusLine(status)}`,
    },
    argv,
    io,
    makeClient,
  );
}
