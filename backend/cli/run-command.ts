/**
 * `zerosec run`: the seed's one-shot workflow from a shell (check, upload, submit, follow, download), so an engineer
 * or a script can analyse a file without the desktop app.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { ApiClient } from '../../src-shared/client/api-client.js';
import type { JobStatus } from '../../src-shared/api/http.js';
import type { JobType } from '../../src-shared/api/job-types.js';
import { reportFailure } from './api-error-report.js';
import { safeArtifactFileName, writeArtifactFile } from './artifact-files.js';
import type { CliIo } from './cli-io.js';
import { createCliClient } from './cli-client.js';
import {
  CONNECTION_OPTIONS,
  HELP_OPTION,
  expectPositionals,
  parseCommandLine,
  resolveConnection,
  type Connection,
} from './command-line.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { describeInputFile } from './input-file.js';
import { checkJobParameters, collectParameters, parseJobType } from './job-parameters.js';
import { formatStatusLine } from './job-status-format.js';
import { createUploadProgress } from './upload-progress.js';

export const RUN_USAGE =
  'zerosec run <job_type> <file> [--param key=value ...] [--params-file f.json] [--server URL] [--token T] [--out DIR]';

export interface RunArgs {
  jobType: JobType;
  file: string;
  params: string[];
  paramsFile: string | undefined;
  out: string | undefined;
  connection: Connection;
}

export function parseRunArgs(argv: string[], env: CliIo['env']): RunArgs | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    ...HELP_OPTION,
    ...CONNECTION_OPTIONS,
    param: { type: 'string', short: 'p', multiple: true },
    'params-file': { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
  if (values.help) return 'help';
  const [jobType, file] = expectPositionals(positionals, ['job_type', 'file'], RUN_USAGE) as [string, string];
  return {
    jobType: parseJobType(jobType),
    file,
    params: values.param ?? [],
    paramsFile: values['params-file'],
    out: values.out,
    connection: resolveConnection(values, env),
  };
}

export async function runCommand(argv: string[], io: CliIo, makeClient = createCliClient): Promise<number> {
  let jobId: string | null = null;
  const abort = new AbortController();
  let interrupted = false;
  const stopListening = io.onShutdownSignal(() => {
    interrupted = true;
    abort.abort();
  });
  try {
    const args = parseRunArgs(argv, io.env);
    if (args === 'help') {
      io.stdout.write(`usage: ${RUN_USAGE}\n`);
      return EXIT_OK;
    }
    const parameters = await collectParameters(args.params, args.paramsFile, io.cwd);
    const check = checkJobParameters(args.jobType, parameters);
    if (!check.ok) {
      io.stderr.write(
        `zerosec: invalid parameters for ${args.jobType}:\n${check.problems.map((p) => `  ${p}\n`).join('')}`,
      );
      return EXIT_USAGE;
    }
    const input = await describeInputFile(args.file, io.cwd);
    const client = makeClient(args.connection, io);
    const { signal } = abort;

    const presign = await client.presignUpload(
      { filename: input.name, content_type: input.contentType, size_bytes: input.sizeBytes },
      { signal },
    );
    const progress = createUploadProgress(io.stderr, input.name);
    await client.uploadFile(presign, createReadStream(input.path), {
      sizeBytes: input.sizeBytes,
      signal,
      onProgress: (sent, total) => progress.update(sent, total),
    });
    progress.finish();

    const created = await client.createJob(
      { job_id: presign.job_id, job_type: args.jobType, input_key: presign.key, parameters },
      { signal },
    );
    jobId = created.job_id;
    io.stderr.write(`submitted ${args.jobType} job ${created.job_id}\n`);

    let lastLine = '';
    const final = await client.watchJob(created.job_id, {
      signal,
      onStatus: (status) => {
        const line = formatStatusLine(status);
        if (line !== lastLine) io.stderr.write(`${line}\n`);
        lastLine = line;
      },
      onFallbackToPolling: (reason) => io.stderr.write(`live updates unavailable (${reason}); polling\n`),
    });
    return await finish(final, args, client, io, signal);
  } catch (error) {
    if (interrupted) {
      io.stderr.write('\nzerosec: interrupted\n');
      if (jobId) {
        io.stderr.write(`job ${jobId} keeps running on the server; stop it with: zerosec cancel ${jobId}\n`);
      }
      return EXIT_INTERRUPTED;
    }
    return reportFailure(error, io.stderr);
  } finally {
    stopListening();
  }
}

async function finish(
  final: JobStatus,
  args: RunArgs,
  client: ApiClient,
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  if (final.status === 'failed') {
    const error = final.error ? `${final.error.code}: ${final.error.message}` : 'no error reported';
    io.stderr.write(`zerosec: job ${final.job_id} failed: ${error}\n`);
    return EXIT_FAILURE;
  }
  if (final.status === 'cancelled') {
    io.stderr.write(`zerosec: job ${final.job_id} was cancelled\n`);
    return EXIT_FAILURE;
  }
  const outDir = path.resolve(io.cwd, args.out ?? `zerosec-${final.job_id}`);
  const { artifacts } = await client.listArtifacts(final.job_id, { signal });
  const taken = new Set<string>();
  for (const artifact of artifacts) {
    const file = await client.download(final.job_id, artifact.file_key, { signal });
    const name = safeArtifactFileName(artifact.file_name, taken);
    const written = await writeArtifactFile(outDir, name, file.bytes, artifact.sha256);
    io.stdout.write(`${written}\n`);
  }
  io.stderr.write(`job ${final.job_id} completed: ${artifacts.length} artifact(s) in ${outDir}\n`);
  return EXIT_OK;
}
