/** Brings any database, embedded or PostgreSQL, to the schema this code expects, one numbered SQL file at a time. */
import { readdir, readFile } from 'node:fs/promises';
import type { SqlDb } from './ports/sql-db.js';

const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);
// Any constant works; it keeps two processes starting at once from migrating together.
const MIGRATION_LOCK_KEY = 7_310_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{6}\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (name) => ({
      version: Number(name.slice(0, 6)),
      name,
      sql: await readFile(new URL(name, dir), 'utf8'),
    })),
  );
}

/** Applies the migrations not yet recorded, each in its own transaction; returns the versions applied. */
export async function migrate(db: SqlDb, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  await db.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: number[] = [];
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (seen.rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
