/** `zerosec status <id>`: one job's state, readable or as JSON; exits 0 whenever the server answered. */
import type { CliIo } from './cli-io.js';
import { createCliClient } from './cli-client.js';
import { runJobCommand } from './job-command.js';
import { formatStatusDetails } from './job-status-format.js';

export const STATUS_USAGE = 'zerosec status <job_id> [--json] [--server URL] [--token T]';

export function statusCommand(argv: string[], io: CliIo, makeClient = createCliClient): Promise<number> {
  return runJobCommand(
    { usage: STATUS_USAGE, call: (client, id) => client.getStatus(id), format: formatStatusDetails },
    argv,
    io,
    makeClient,
  );
}
