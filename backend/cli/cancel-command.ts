/** `zerosec cancel <id>`: asks the server to stop a job and prints the state it reports back. */
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
import { formatStatusLine } from './job-status-format.js';

export const CANCEL_USAGE = 'zerosec cancel <job_id> [--json] [--server URL] [--token T]';

export async function cancelCommand(
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
      io.stdout.write(`usage: ${CANCEL_USAGE}\n`);
      return EXIT_OK;
    }
    const [id] = expectPositionals(positionals, ['job_id'], CANCEL_USAGE) as [string];
    const jobId = parseJobId(id);
    const status = await makeClient(resolveConnection(values, io.env), io).cancelJob(jobId);
    io.stdout.write(
      values.json
        ? `${JSON.stringify(status, null, 2)}\n`
        : `${status.job_id}  ${formatStatusLine(status)}\n`,
    );
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io.stderr);
  }
}
