/**
 * The databases a storage test runs on: embedded PGlite always, and the real PostgreSQL that
 * scripts/postgres-for-tests.sh starts (TEST_DATABASE_URL), each test getting a fresh, migrated database.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPgliteDb } from '../../backend/adapters/sql-db.pglite.js';
import { openPostgresDb } from '../../backend/adapters/sql-db.pg.js';
import { migrate } from '../../backend/core/migrate.js';
import type { SqlDb } from '../../backend/core/ports/sql-db.js';

export interface TestDatabase {
  db: SqlDb;
  dispose(): Promise<void>;
}

export interface DatabaseKind {
  name: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

const pglite: DatabaseKind = {
  name: 'pglite',
  async open() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-pglite-'));
    const db = await openPgliteDb(dir);
    await migrate(db);
    return {
      db,
      async dispose() {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(adminUrl: string): DatabaseKind {
  return {
    name: 'postgres',
    async open() {
      const name = `zs_test_${randomUUID().replace(/-/g, '')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openPostgresDb(url.toString());
      await migrate(db);
      return {
        db,
        async dispose() {
          await db.close();
          const a = new pg.Client({ connectionString: adminUrl });
          await a.connect();
          await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await a.end();
        },
      };
    },
  };
}

/** PGlite, plus PostgreSQL when TEST_DATABASE_URL is set (always in `npm run test:all`); says so when it is not. */
export function databaseKinds(): DatabaseKind[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.warn(
      'TEST_DATABASE_URL is not set: PostgreSQL variants skipped (npm run test:all starts PostgreSQL).',
    );
    return [pglite];
  }
  return [pglite, postgres(url)];
}
