/** Runs `zerosec serve` as a real child process (from source), so tests can kill it like a crash or an OS shutdown would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  /** The API's URL; empty for a worker-only process. */
  url: string;
  child: ChildProcess;
  /** Every JSON log line the process wrote so far. */
  logs: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `zerosec serve`; resolves once the API listens, or for `--mode worker` once the worker runs. */
export async function spawnServer(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const workerOnly = args.join(' ').includes('--mode worker');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'backend/cli/main.ts', 'serve', '--host', '127.0.0.1', '--port', '0', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ZEROSEC_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  let buffer = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 60 s; stderr: ${stderr}`)),
      60_000,
    );
    child.stdout!.on('data', (c: Buffer) => {
      buffer += c.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'API listening' && typeof entry.url === 'string') {
            clearTimeout(timer);
            resolve(entry.url);
          } else if (workerOnly && entry.msg === 'worker started') {
            clearTimeout(timer);
            resolve('');
          }
        } catch {
          // plain text lines (the CLI's banner) are not logs
        }
      }
    });
    void exited.then(({ code }) =>
      reject(new Error(`server exited with ${code} before listening; stderr: ${stderr}`)),
    );
  });
  return { url, child, logs, exited };
}
