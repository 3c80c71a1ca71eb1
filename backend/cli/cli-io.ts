/**
 * What commands use of the outside world (output, environment, working directory, signals), passed in so tests can run
 * a command in-process and read what it printed.
 */

export interface TextOutput {
  write(text: string): void;
}

export interface TerminalOutput extends TextOutput {
  /** Only a terminal gets redrawn progress bars; pipes and logs get plain lines. */
  isTTY: boolean;
  columns: number;
}

export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface CliIo {
  stdout: TextOutput;
  stderr: TerminalOutput;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Calls `handler` on SIGINT or SIGTERM until the returned function is called. */
  onShutdownSignal(handler: (signal: ShutdownSignal) => void): () => void;
}

export function processIo(): CliIo {
  return {
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: {
      write: (text) => void process.stderr.write(text),
      isTTY: process.stderr.isTTY === true,
      columns: process.stderr.columns ?? 80,
    },
    env: process.env,
    cwd: process.cwd(),
    onShutdownSignal(handler) {
      const onInt = (): void => handler('SIGINT');
      const onTerm = (): void => handler('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
  };
}
