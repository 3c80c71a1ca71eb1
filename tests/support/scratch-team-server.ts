/**
 * The setting of a multi-process test: a fresh database on the test PostgreSQL (TEST_DATABASE_URL), a data folder,
 * and the server processes the test starts, all removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { ServerProcess } from './server-process.js';

export interface ScratchTeamServer {
  /** The scratch database's URL (DATABASE_URL for the processes). */
  databaseUrl: string;
  dataDir: string;
  /** Processes to stop in dispose(); push every one the test starts. */
  procs: ServerProcess[];
  /** SIGTERMs the processes still running, then drops the database and the data folder. */
  dispose(): Promise<void>;
}

/** `prefix` names the database and folder (`zs_<prefix>_…`), so a leftover one says which test made it. */
export async function openScratchTeamServer(adminUrl: string, prefix: string): Promise<ScratchTeamServer> {
  const dbName = `zs_${prefix}_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `zerosec-${prefix}-`));
  const procs: ServerProcess[] = [];
  return {
    databaseUrl: url.toString(),
    dataDir,
    procs,
    async dispose() {
      for (const p of procs) {
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
        await p.exited;
      }
      await rm(dataDir, { recursive: true, force: true });
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await a.end();
    },
  };
}
