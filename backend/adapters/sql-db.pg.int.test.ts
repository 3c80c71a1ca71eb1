import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresDb } from './sql-db.pg.js';

const url = process.env.TEST_DATABASE_URL;
if (!url)
  console.warn('TEST_DATABASE_URL is not set: PostgreSQL adapter test skipped (npm run test:all sets it).');

describe.skipIf(!url)('PostgreSQL adapter: a connection lost in the middle of a transaction', () => {
  it('fails that transaction, does not crash the process, and serves the next query', async () => {
    const db = await openPostgresDb(url!);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const outcome = db.transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // The connection dies while this transaction is between two queries (a database restart).
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((r) => setTimeout(r, 300));
        await tx.query('SELECT 1');
      });
      await expect(outcome).rejects.toThrow();
      const { rows } = await db.query<{ one: number }>('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
      await db.close();
    }
  });
});
