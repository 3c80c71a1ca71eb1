/** `zerosec serve` with a stand-in backend: options passed through, one close() per shutdown, and its exit codes. */
import { describe, expect, it, vi } from 'vitest';
import type { CliIo, ShutdownSignal } from './cli-io.js';
import { parseServeArgs, serveCommand, type StartBackend } from './serve-command.js';

function signalIo() {
  const out = { stdout: '', stderr: '' };
  const handlers = new Set<(s: ShutdownSignal) => void>();
  const io: CliIo = {
    stdout: { write: (t) => void (out.stdout += t) },
    stderr: { write: (t) => void (out.stderr += t), isTTY: false, columns: 80 },
    env: {},
    cwd: '/',
    onShutdownSignal(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
  const send = (signal: ShutdownSignal) => [...handlers].forEach((h) => h(signal));
  return { io, out, send, handlers };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('parseServeArgs', () => {
  it('defaults to mode all and leaves host and port to the backend configuration', () => {
    expect(parseServeArgs([])).toEqual({ mode: 'all' });
  });

  it('passes explicit options through', () => {
    expect(parseServeArgs(['--mode', 'api', '--host', '0.0.0.0', '--port', '0', '--data-dir', '/d'])).toEqual(
      {
        mode: 'api',
        host: '0.0.0.0',
        port: 0,
        dataDir: '/d',
      },
    );
  });

  it('takes a worker concurrency', () => {
    expect(parseServeArgs(['--mode', 'worker', '--concurrency', '4'])).toEqual({
      mode: 'worker',
      concurrency: 4,
    });
  });

  it.each([
    [['--concurrency', '0'], /--concurrency: expected 1\.\.256/],
    [['--mode', 'both'], /--mode: expected one of all, api, worker/],
    [['--port', '70000'], /--port: expected 0\.\.65535/],
    [['--port', 'http'], /--port: expected an integer/],
    [['--host', ''], /--host: must not be empty/],
    [['now'], /unexpected argument: now/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message);
  });
});

describe('serveCommand', () => {
  it('prints the URL, closes once on the first signal and exits 0', async () => {
    const { io, out, send, handlers } = signalIo();
    const close = vi.fn(async () => {});
    const start: StartBackend = vi.fn(async () => ({
      url: 'http://127.0.0.1:8710',
      config: {} as never,
      close,
    }));
    const exit = serveCommand(['--port', '8710'], io, start);
    await tick();
    expect(start).toHaveBeenCalledWith({ mode: 'all', port: 8710 });
    expect(out.stdout).toBe('zerosec all listening on http://127.0.0.1:8710\n');
    send('SIGTERM');
    send('SIGINT');
    expect(await exit).toBe(0);
    expect(close).toHaveBeenCalledTimes(1);
    expect(handlers.size).toBe(0);
    expect(out.stderr).toBe('SIGTERM: shutting down\n');
  });

  it('says so when the worker runs without an HTTP listener', async () => {
    const { io, out, send } = signalIo();
    const exit = serveCommand(['--mode', 'worker'], io, async () => ({
      url: null,
      config: {} as never,
      close: async () => {},
    }));
    await tick();
    expect(out.stdout).toContain('zerosec worker running (no HTTP listener)');
    send('SIGINT');
    expect(await exit).toBe(0);
  });

  it('still shuts down when the signal arrives during start-up', async () => {
    const { io, send } = signalIo();
    const close = vi.fn(async () => {});
    const exit = serveCommand([], io, async () => {
      send('SIGINT');
      return { url: 'http://x', config: {} as never, close };
    });
    expect(await exit).toBe(0);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('exits 2 for a configuration error and 1 for other start-up failures', async () => {
    class ConfigError extends Error {
      override name = 'ConfigError';
    }
    const first = signalIo();
    expect(
      await serveCommand(['--mode', 'api'], first.io, async () =>
        Promise.reject(new ConfigError('set DATABASE_URL')),
      ),
    ).toBe(2);
    expect(first.out.stderr).toContain('set DATABASE_URL');
    const second = signalIo();
    expect(await serveCommand([], second.io, async () => Promise.reject(new Error('EADDRINUSE')))).toBe(1);
    expect(second.handlers.size).toBe(0);
  });

  it('exits 2 for a bad command line without starting anything', async () => {
    const { io } = signalIo();
    const start = vi.fn();
    expect(await serveCommand(['--mode', 'x'], io, start)).toBe(2);
    expect(start).not.toHaveBeenCalled();
  });
});
