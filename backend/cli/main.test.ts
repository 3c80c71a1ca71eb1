/**
 * The CLI's command lines and exit codes without a server: every mistake must exit 2 before anything is uploaded,
 * and the client is never created for them.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/client/api-client.js';
import type { CliIo } from './cli-io.js';
import { resolveConnection, DEFAULT_SERVER_URL } from './command-line.js';
import { jobsCommand, parseJobsArgs } from './jobs-command.js';
import { main } from './main.js';
import { parseRunArgs, runCommand } from './run-command.js';
import { statusCommand } from './status-command.js';
import { cancelCommand } from './cancel-command.js';
import { UsageError } from './usage-error.js';

function memoryIo(cwd = os.tmpdir(), env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (t) => void (out.stdout += t) },
    stderr: { write: (t) => void (out.stderr += t), isTTY: false, columns: 80 },
    env,
    cwd,
    onShutdownSignal: () => () => {},
  };
  return { io, out };
}

/** A client factory that fails the test if a command gets as far as the network. */
const noClient = (): never => {
  throw new Error('the command should have stopped before creating a client');
};

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function workDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-cli-'));
  await writeFile(path.join(dir, 'data.csv'), 'x,y\n1,2\n');
  await writeFile(path.join(dir, 'empty.csv'), '');
  await writeFile(path.join(dir, 'notes.pdf'), '%PDF');
  return dir;
}

describe('main', () => {
  it('prints usage and exits 2 without a command', async () => {
    const { io, out } = memoryIo();
    expect(await main([], io)).toBe(2);
    expect(out.stderr).toContain('usage:');
  });

  it('prints usage and exits 0 for --help', async () => {
    const { io, out } = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.stdout).toContain('zerosec run <job_type> <file>');
  });

  it('exits 2 for an unknown command, including inherited property names', async () => {
    for (const command of ['frobnicate', 'toString', '__proto__']) {
      const { io, out } = memoryIo();
      expect(await main([command], io)).toBe(2);
      expect(out.stderr).toContain('unknown command');
    }
  });

  it('passes --help to a command', async () => {
    const { io, out } = memoryIo();
    expect(await main(['run', '--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/^usage: zerosec run/);
  });
});

describe('zerosec run: command line', () => {
  it('parses positionals, repeated --param and the connection', () => {
    const args = parseRunArgs(
      [
        'linear_analysis',
        'd.csv',
        '--param',
        'target_column=y',
        '-p',
        'cv_splits=3',
        '--out',
        'o',
        '--token',
        't',
      ],
      { ZEROSEC_SERVER_URL: 'http://server:1' },
    );
    expect(args).toEqual({
      jobType: 'linear_analysis',
      file: 'd.csv',
      params: ['target_column=y', 'cv_splits=3'],
      paramsFile: undefined,
      out: 'o',
      connection: { serverUrl: 'http://server:1', token: 't' },
    });
  });

  it.each([
    [['linear_analysis'], /missing <file>/],
    [['linear_analysis', 'a.csv', 'b.csv'], /unexpected argument: b.csv/],
    [['linear_analysis', 'a.csv', '--bogus'], /Unknown option '--bogus'/],
    [['linear_analysis', 'a.csv', '--param'], /argument missing/],
    [['regression', 'a.csv'], /unknown job type "regression"/],
    [['pareto', 'a.csv', '--server', 'ftp://x'], /expected an http\(s\) URL/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseRunArgs(argv, {})).toThrow(message);
  });

  it.each([
    [['regression', 'data.csv'], /unknown job type/],
    [['linear_analysis', 'data.csv'], /parameters\.target_column/],
    [
      ['linear_analysis', 'data.csv', '--param', 'target_column=y', '--param', 'cv_splits=one'],
      /parameters\.cv_splits/,
    ],
    [
      ['linear_analysis', 'data.csv', '--param', 'target_column=y', '--param', 'colour=red'],
      /parameters\.colour: not a parameter/,
    ],
    [['linear_analysis', 'data.csv', '--param', 'nokey'], /expected key=value/],
    [['linear_analysis', 'missing.csv', '--param', 'target_column=y'], /missing\.csv: no such file/],
    [['linear_analysis', 'empty.csv', '--param', 'target_column=y'], /empty\.csv: the file is empty/],
    [['linear_analysis', 'notes.pdf', '--param', 'target_column=y'], /unsupported file type/],
    [['linear_analysis', '.', '--param', 'target_column=y'], /unsupported file type/],
    [['optimization', 'data.csv', '--params-file', 'nope.json'], /--params-file nope\.json: no such file/],
  ])('exits 2 before contacting a server for %j', async (argv, message) => {
    const { io, out } = memoryIo(await workDir());
    expect(await runCommand(argv, io, noClient)).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });

  it('exits 1 and hints at the server when it cannot be reached', async () => {
    const port = await closedPort();
    const { io, out } = memoryIo(await workDir());
    const code = await runCommand(
      ['optimization', 'data.csv', '--server', `http://127.0.0.1:${port}`],
      io,
      (c) => createApiClient({ baseUrl: c.serverUrl, retries: 0 }),
    );
    expect(code).toBe(1);
    expect(out.stderr).toContain('ZS_ERR_NETWORK');
    expect(out.stderr).toContain('is the server running?');
  });
});

describe('zerosec jobs / status / cancel: command line', () => {
  it('builds the list query', () => {
    expect(
      parseJobsArgs(['--status', 'running', '--type', 'pareto', '--limit', '20', '--json'], {}),
    ).toMatchObject({
      query: { status: 'running', job_type: 'pareto', limit: 20 },
      json: true,
    });
  });

  it.each([
    [['--status', 'done'], /--status: expected one of queued, running/],
    [['--type', 'x'], /--type: expected one of optimization/],
    [['--limit', '0'], /--limit: expected 1\.\.500/],
    [['--limit', '10x'], /--limit: expected an integer/],
    [['extra'], /unexpected argument: extra/],
  ])('jobs rejects %j with exit 2', async (argv, message) => {
    expect(() => parseJobsArgs(argv, {})).toThrow(message);
    const { io, out } = memoryIo();
    expect(await jobsCommand(argv, io, noClient)).toBe(2);
    expect(out.stderr).toMatch(message);
  });

  it.each([
    [statusCommand, [], /missing <job_id>/],
    [statusCommand, ['42'], /"42" is not a job id/],
    [cancelCommand, ['not-a-uuid'], /is not a job id/],
    [cancelCommand, ['0b7c5a2e-8f1d-4c3b-9a6e-2d4f5b6c7d8e', '--force'], /Unknown option '--force'/],
  ])('%o rejects %j with exit 2', async (command, argv, message) => {
    const { io, out } = memoryIo();
    expect(await command(argv, io, noClient)).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});

describe('resolveConnection', () => {
  it('prefers --server, then ZEROSEC_SERVER_URL, then the local default', () => {
    expect(resolveConnection({}, {}).serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(resolveConnection({}, { ZEROSEC_SERVER_URL: 'https://a.example' }).serverUrl).toBe(
      'https://a.example',
    );
    expect(
      resolveConnection({ server: 'http://b:1' }, { ZEROSEC_SERVER_URL: 'https://a.example' }).serverUrl,
    ).toBe('http://b:1');
  });

  it('takes the token from --token, then ZEROSEC_TOKEN', () => {
    expect(resolveConnection({}, { ZEROSEC_TOKEN: 'env' }).token).toBe('env');
    expect(resolveConnection({ token: 'flag' }, { ZEROSEC_TOKEN: 'env' }).token).toBe('flag');
    expect(resolveConnection({}, {}).token).toBeUndefined();
  });

  it('rejects what is not an http(s) URL', () => {
    expect(() => resolveConnection({ server: 'localhost:8710' }, {})).toThrow(UsageError);
    expect(() => resolveConnection({ server: 'not a url' }, {})).toThrow(UsageError);
  });
});
