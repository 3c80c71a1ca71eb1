/** Server metadata store: a pooled connection to PostgreSQL (self-hosted or RDS), same SQL as embedded. */
import pg from 'pg';
import type { SqlDb, SqlQueryable } from '../core/ports/sql-db.js';

export async function openPostgresDb(connectionString: string, poolSize = 10): Promise<SqlDb> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const query: SqlQueryable['query'] = async <Row>(sql: string, params: readonly unknown[] = []) => {
    const res = await pool.query(sql, params as unknown[]);
    return { rows: res.rows as Row[] };
  };
  return {
    kind: 'postgres',
    query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: SqlQueryable = {
          async query<Row>(sql: string, params: readonly unknown[] = []) {
            const res = await client.query(sql, params as unknown[]);
            return { rows: res.rows as Row[] };
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        };
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
