/** `zerosec status <id>`: one job's state, readable or as JSON; exits 0 whenever the server answered. */
import { reportFailure } from './api-error-report.js';
import type { CliIo } from './cli-io.js';
import { createCliClient } from './cli-client.js';
import {
  CONNECTION_OPTIONS,
  HELP_OPTION,
  expectPositionals,
  parseCommandLine,
  resolveConnection,
} from './command-line.js';
import { EXIT_OK } from './exit-codes.js';
import { parseJobId } from './job-id-argument.js';
import { formatStatusDetails } from './job-status-format.js';

export const STATUS_USAGE = 'zerosec status <job_id> [--json] [--server URL] [--token T]';

export async function statusCommand(
  argv: string[],
  io: CliIo,
  makeClient = createCliClient,
): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(argv, {
      ...HELP_OPTION,
      ...CONNECTION_OPTIONS,
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(`usage: ${STATUS_USAGE}\n`);
      return EXIT_OK;
    }
    const [id] = expectPositionals(positionals, ['job_id'], STATUS_USAGE) as [string];
    const jobId = parseJobId(id);
    const status = await makeClient(resolveConnection(values, io.env), io).getStatus(jobId);
    io.stdout.write(
      values.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatStatusDetails(status)}\n`,
    );
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io.stderr);
  }
}
