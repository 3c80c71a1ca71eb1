/**
 * A PostgreSQL 15 server of a test's own, for tests that stop and restart the database: the shared instance of
 * scripts/postgres-for-tests.sh serves test files running in parallel and must never go down under them. Listens on
 * 127.0.0.1 only, with fsync off (the data is thrown away; commits still survive a stop of the server); runs as user `postgres` when the tests run as root.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG_BIN = process.env.ZEROSEC_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** True when the PostgreSQL binaries the helper needs are installed. */
export const privatePostgresAvailable = (): boolean =>
  existsSync(path.join(PG_BIN, 'initdb')) && existsSync(path.join(PG_BIN, 'pg_ctl'));

export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** Stops the server the hard way (`-m immediate`): open connections drop, like a crash or a failover. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function lookupUid(user: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPrivatePostgres(
  options: { maxConnections?: number } = {},
): Promise<PrivatePostgres> {
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root; as root every server command runs as the postgres user instead.
  const asPg = (cmd: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-private-pg-'));
  if (asRoot) {
    const { uid, gid } = await lookupUid('postgres');
    await chown(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  await asPg(path.join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const serverOptions = [
    `-h 127.0.0.1 -p ${port} -k ${dir}`,
    // fsync=off survives the immediate stop (a process crash: the OS still has the pages); synchronous_commit=off
    // would not, as commits still in PostgreSQL's WAL buffers would be lost.
    '-c fsync=off',
    `-c max_connections=${options.maxConnections ?? 100}`,
  ].join(' ');
  const pgCtl = path.join(PG_BIN, 'pg_ctl');
  const log = path.join(dir, 'server.log');
  const start = async () => {
    await asPg(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start']);
  };
  const stop = async () => {
    await asPg(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
  };
  await start();
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
