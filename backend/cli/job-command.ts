/** The shape `zerosec status` and `zerosec cancel` share: one job id in, one JobStatus out, readable or as JSON. */
import type { ApiClient } from '../../src-shared/client/index.js';
import type { JobStatus } from '../../src-shared/api/http.js';
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

export interface JobCommand {
  usage: string;
  call(client: ApiClient, jobId: string): Promise<JobStatus>;
  format(status: JobStatus): string;
}

/** Exits 0 whenever the server answered, whatever state the job is in. */
export async function runJobCommand(
  command: JobCommand,
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
      io.stdout.write(`usage: ${command.usage}\n`);
      return EXIT_OK;
    }
    const [id] = expectPositionals(positionals, ['job_id'], command.usage) as [string];
    const jobId = parseJobId(id);
    const status = await command.call(makeClient(resolveConnection(values, io.env), io), jobId);
    io.stdout.write(values.json ? `${JSON.stringify(status, null, 2)}\n` : `${command.format(status)}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io.stderr);
  }
}
