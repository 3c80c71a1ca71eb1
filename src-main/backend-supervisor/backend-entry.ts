/**
 * The backend's process as the desktop shell starts it (Electron utilityProcess, or child_process.fork in
 * tests): waits for the shell's start message, runs API + worker on 127.0.0.1, reports the URL, and closes
 * cleanly (in-flight jobs handed back through their leases) when told to shut down.
 */
import { startBackend } from '../../backend/app/start-backend.js';
import type { RunningBackend } from '../../backend/app/start-backend.js';
import { ParentMessage } from './child-protocol.js';
import type { ChildMessage, StartMessage } from './child-protocol.js';

/** Electron's `process.parentPort` in a utility process (declared here: this file runs without Electron too). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

interface Channel {
  send(message: ChildMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** Electron's utility process talks through `process.parentPort`; a forked Node child through `process.send`. */
function parentChannel(): Channel {
  const port = (process as { parentPort?: ParentPort }).parentPort;
  if (port) {
    return {
      send: (m) => port.postMessage(m),
      onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    };
  }
  if (!process.send) throw new Error('backend-entry must be started by the desktop shell (no IPC channel)');
  return {
    send: (m) => process.send?.(m),
    onMessage: (listener) => process.on('message', listener),
  };
}

const channel = parentChannel();
let backend: RunningBackend | null = null;
let stopping = false;

async function start(message: StartMessage): Promise<void> {
  const options = {
    mode: 'all' as const,
    host: '127.0.0.1',
    ...(message.dataDir ? { dataDir: message.dataDir } : {}),
    desktopAccess: { allowedOrigins: message.origins, apiToken: message.token },
  };
  try {
    backend = await startBackend({ ...options, port: message.port });
  } catch (err) {
    // The previous port may have been taken while we were down: any free port will do.
    if (message.port === 0 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    backend = await startBackend({ ...options, port: 0 });
  }
  if (!backend.url) throw new Error('the backend reported no URL');
  channel.send({ type: 'ready', url: backend.url });
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  await backend?.close().catch(() => undefined);
  process.exit(code);
}

channel.onMessage((raw) => {
  const parsed = ParentMessage.safeParse(raw);
  if (!parsed.success) return; // only the shell talks to us; anything else is ignored
  if (parsed.data.type === 'shutdown') {
    void shutdown(0);
    return;
  }
  if (backend || stopping) return;
  start(parsed.data).catch((err: unknown) => {
    channel.send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
    void shutdown(1);
  });
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(0));
