/**
 * Entry of the `zerosec` command: dispatches to one module per command and turns everything into an exit code, so
 * the CLI can be run by bin/zerosec.js, by `npm run zerosec`, or in-process by tests.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cancelCommand, CANCEL_USAGE } from './cancel-command.js';
import { processIo, type CliIo } from './cli-io.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { jobsCommand, JOBS_USAGE } from './jobs-command.js';
import { runCommand, RUN_USAGE } from './run-command.js';
import { serveCommand, SERVE_USAGE } from './serve-command.js';
import { statusCommand, STATUS_USAGE } from './status-command.js';
import { tokenCommand, TOKEN_USAGE } from './token-command.js';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  serve: (argv, io) => serveCommand(argv, io),
  run: (argv, io) => runCommand(argv, io),
  jobs: (argv, io) => jobsCommand(argv, io),
  status: (argv, io) => statusCommand(argv, io),
  cancel: (argv, io) => cancelCommand(argv, io),
  token: (argv, io) => tokenCommand(argv, io),
};

export const USAGE = `usage:
  ${SERVE_USAGE}
  ${RUN_USAGE}
  ${JOBS_USAGE}
  ${STATUS_USAGE}
  ${CANCEL_USAGE}
  ${TOKEN_USAGE}

Client commands talk to --server, else $ZEROSEC_SERVER_URL, else http://127.0.0.1:8710; --token, else $ZEROSEC_TOKEN.
Exit codes: 0 success, 1 job failed or cancelled or server unreachable, 2 invalid command line, parameters or request.
`;

/** Runs one command line (without `node` and the script path) and returns its exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr.write(USAGE);
    return EXIT_USAGE;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    io.stderr.write(`zerosec: unknown command ${JSON.stringify(command)}\n${USAGE}`);
    return EXIT_USAGE;
  }
  return run(rest, io);
}

/** True when this file is the script node was started with (tsx backend/cli/main.ts), not when it is imported. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2));
}
