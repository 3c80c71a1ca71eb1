/**
 * Two ways to start the backend's process behind one small interface: Electron's utilityProcess in the app, and
 * child_process.fork in tests and tools (no Electron binary needed). The supervisor sees only `BackendChild`.
 */
import { fork } from 'node:child_process';
import type { ParentMessage } from './child-protocol.js';

/** A child's stdout or stderr: all the supervisor does is read its chunks. */
export interface OutputStream {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
}

export interface BackendChild {
  readonly pid: number | undefined;
  readonly stdout: OutputStream | null;
  readonly stderr: OutputStream | null;
  send(message: ParentMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process is gone (crash, kill or normal exit). */
  onExit(listener: (code: number | null) => void): void;
  /** Ends the process at once (SIGKILL where there are signals). */
  kill(): void;
}

export type LaunchBackend = () => BackendChild;

/** child_process.fork of `entry` (a .js file, or a .ts file with `execArgv: ['--import', 'tsx']`). */
export function forkLauncher(options: {
  entry: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}): LaunchBackend {
  return () => {
    const child = fork(options.entry, [], {
      execArgv: options.execArgv ?? [],
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    return {
      get pid() {
        return child.pid;
      },
      stdout: child.stdout,
      stderr: child.stderr,
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => child.kill('SIGKILL'),
    };
  };
}

/** The subset of Electron's `utilityProcess` module this launcher uses. */
export interface UtilityProcessModule {
  fork(
    modulePath: string,
    args: string[],
    options: { stdio: 'pipe'; serviceName: string; env?: NodeJS.ProcessEnv },
  ): {
    readonly pid: number | undefined;
    readonly stdout: OutputStream | null;
    readonly stderr: OutputStream | null;
    postMessage(message: unknown): void;
    on(event: 'message', listener: (message: unknown) => void): unknown;
    once(event: 'exit', listener: (code: number) => void): unknown;
    kill(): boolean;
  };
}

/** Electron's utilityProcess: a Node process managed by Electron, no extra Node binary in the installer. */
export function utilityLauncher(
  utility: UtilityProcessModule,
  options: { entry: string; env?: NodeJS.ProcessEnv },
): LaunchBackend {
  return () => {
    const child = utility.fork(options.entry, [], {
      stdio: 'pipe',
      serviceName: '0.00sec backend',
      ...(options.env ? { env: options.env } : {}),
    });
    return {
      get pid() {
        return child.pid;
      },
      stdout: child.stdout,
      stderr: child.stderr,
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    };
  };
}
