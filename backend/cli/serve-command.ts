/**
 * `zerosec serve`: runs the API, the worker or both in this process until SIGINT/SIGTERM, then shuts down once and
 * cleanly, which is what systemd, Docker and Ctrl-C all expect.
 */
import type { RunningBackend, StartBackendOptions } from '../app/start-backend.js';
import { reportFailure } from './api-error-report.js';
import type { CliIo } from './cli-io.js';
import {
  HELP_OPTION,
  expectPositionals,
  parseChoiceOption,
  parseCommandLine,
  parseIntegerOption,
} from './command-line.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { UsageError } from './usage-error.js';

export const SERVE_USAGE =
  'zerosec serve [--mode all|api|worker] [--host 127.0.0.1] [--port 8710] [--data-dir DIR] [--concurrency N]\n' +
  '  --mode api and --mode worker are separate processes sharing PostgreSQL (DATABASE_URL); run any number of\n' +
  '  workers, each running up to --concurrency jobs (default ZEROSEC_WORKER_CONCURRENCY). Settings come from the\n' +
  '  environment (see .env.example); a missing or invalid variable stops the start with its name.';
const MODES = ['all', 'api', 'worker'] as const;

export type StartBackend = (options: StartBackendOptions) => Promise<RunningBackend>;

/** Host and port are passed on only when given, so ZEROSEC_HOST / ZEROSEC_PORT (default 127.0.0.1:8710) apply. */
export function parseServeArgs(argv: string[]): StartBackendOptions | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    ...HELP_OPTION,
    mode: { type: 'string', default: 'all' },
    host: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    concurrency: { type: 'string' },
  });
  if (values.help) return 'help';
  expectPositionals(positionals, [], SERVE_USAGE);
  if (values.host !== undefined && values.host.trim() === '')
    throw new UsageError('--host: must not be empty');
  return {
    mode: parseChoiceOption('mode', values.mode, MODES),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.port !== undefined ? { port: parseIntegerOption('port', values.port, 0, 65535) } : {}),
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values.concurrency !== undefined
      ? { concurrency: parseIntegerOption('concurrency', values.concurrency, 1, 256) }
      : {}),
  };
}

/**
 * The backend module is loaded only here, on demand: the client commands then start without loading Fastify,
 * PGlite and the engine.
 */
async function loadStartBackend(): Promise<StartBackend> {
  const { startBackend } = await import('../app/start-backend.js');
  return startBackend;
}

export async function serveCommand(argv: string[], io: CliIo, start?: StartBackend): Promise<number> {
  let options: StartBackendOptions | 'help';
  try {
    options = parseServeArgs(argv);
  } catch (error) {
    return reportFailure(error, io.stderr);
  }
  if (options === 'help') {
    io.stdout.write(`usage: ${SERVE_USAGE}\n`);
    return EXIT_OK;
  }

  // Listen before starting: a signal during start-up must still stop what start-up created. After the first signal
  // the handlers are removed, so a second Ctrl-C kills a shutdown that hangs.
  let requestShutdown: () => void = () => {};
  const shutdownRequested = new Promise<void>((resolve) => {
    requestShutdown = resolve;
  });
  const stopListening = io.onShutdownSignal((signal) => {
    io.stderr.write(`${signal}: shutting down\n`);
    stopListening();
    requestShutdown();
  });
  try {
    const backend = await (start ?? (await loadStartBackend()))(options);
    io.stdout.write(
      backend.url === null
        ? `zerosec ${options.mode} running (no HTTP listener)\n`
        : `zerosec ${options.mode} listening on ${backend.url}\n`,
    );
    await shutdownRequested;
    await backend.close();
    return EXIT_OK;
  } catch (error) {
    // A bad setting (ConfigError from the backend, matched by name to keep the backend out of this module's imports).
    if (error instanceof Error && error.name === 'ConfigError') {
      io.stderr.write(`zerosec: ${error.message}\n`);
      return EXIT_USAGE;
    }
    reportFailure(error, io.stderr);
    return EXIT_FAILURE;
  } finally {
    stopListening();
  }
}
