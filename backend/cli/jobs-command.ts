/** `zerosec jobs`: what the server has been asked to do, as a table for people or JSON for scripts. */
import { JOB_STATUSES } from '../../src-shared/api/job-status.js';
import { JOB_TYPES } from '../../src-shared/api/job-types.js';
import type { ListJobsQuery } from '../../src-shared/api/http.js';
import { reportFailure } from './api-error-report.js';
import type { CliIo } from './cli-io.js';
import { createCliClient } from './cli-client.js';
import {
  CONNECTION_OPTIONS,
  HELP_OPTION,
  expectPositionals,
  parseChoiceOption,
  parseCommandLine,
  parseIntegerOption,
  resolveConnection,
  type Connection,
} from './command-line.js';
import { EXIT_OK } from './exit-codes.js';
import { formatJobTable } from './job-status-format.js';

export const JOBS_USAGE =
  'zerosec jobs [--status S] [--type T] [--limit N] [--offset N] [--json] [--server URL] [--token T]';

export interface JobsArgs {
  query: ListJobsQuery;
  json: boolean;
  connection: Connection;
}

export function parseJobsArgs(argv: string[], env: CliIo['env']): JobsArgs | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    ...HELP_OPTION,
    ...CONNECTION_OPTIONS,
    status: { type: 'string' },
    type: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) return 'help';
  expectPositionals(positionals, [], JOBS_USAGE);
  const query: ListJobsQuery = {};
  if (values.status !== undefined) query.status = parseChoiceOption('status', values.status, JOB_STATUSES);
  if (values.type !== undefined) query.job_type = parseChoiceOption('type', values.type, JOB_TYPES);
  if (values.limit !== undefined) query.limit = parseIntegerOption('limit', values.limit, 1, 500);
  if (values.offset !== undefined)
    query.offset = parseIntegerOption('offset', values.offset, 0, Number.MAX_SAFE_INTEGER);
  return { query, json: values.json === true, connection: resolveConnection(values, env) };
}

export async function jobsCommand(argv: string[], io: CliIo, makeClient = createCliClient): Promise<number> {
  try {
    const args = parseJobsArgs(argv, io.env);
    if (args === 'help') {
      io.stdout.write(`usage: ${JOBS_USAGE}\n`);
      return EXIT_OK;
    }
    const list = await makeClient(args.connection, io).listJobs(args.query);
    if (args.json) {
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return EXIT_OK;
    }
    if (list.jobs.length === 0) {
      io.stdout.write('no jobs\n');
      return EXIT_OK;
    }
    io.stdout.write(`${formatJobTable(list.jobs)}\n`);
    const last = list.offset + list.jobs.length;
    if (list.offset > 0 || last < list.total)
      io.stdout.write(`(${list.offset + 1}-${last} of ${list.total})\n`);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io.stderr);
  }
}
