/** Server metadata store: a pooled connection to PostgreSQL (self-hosted or RDS), same SQL as embedded. */
import pg from 'pg';
import type { SqlDb, SqlQueryable } from '../core/ports/sql-db.js';
import { isPgConnectionFailure, rethrowPgError } from './pg-connection-failure.js';

// A stopped server refuses at once; this bounds the wait for one that hangs (network cut), so a request answers 503
// instead of hanging with it.
const CONNECT_TIMEOUT_MS = 10_000;

export async function openPostgresDb(connectionString: string, poolSize = 10): Promise<SqlDb> {
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client losing its connection (database restart) must not crash the process; the pool drops that client
  // and opens a fresh one for the next query, which is how the backend recovers once the database is back.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1').catch(rethrowPgError);
  const query: SqlQueryable['query'] = async <Row>(sql: string, params: readonly unknown[] = []) => {
    const res = await pool.query(sql, params as unknown[]).catch(rethrowPgError);
    return { rows: res.rows as Row[] };
  };
  return {
    kind: 'postgres',
    query,
    async exec(sql) {
      await pool.query(sql).catch(rethrowPgError);
    },
    async transaction(fn) {
      const client = await pool.connect().catch(rethrowPgError);
      let broken: unknown = undefined;
      // A checked-out client that loses its connection between two queries emits 'error', which the pool only
      // listens for on idle clients: unheard, it would crash the process (a database restart mid-transaction).
      const onError = (err: unknown) => (broken ??= err);
      client.on('error', onError);
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
        if (isPgConnectionFailure(err)) broken = err;
        else await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
        return rethrowPgError(err);
      } finally {
        // A client whose connection failed is destroyed rather than handed back to the pool.
        client.removeListener('error', onError);
        client.release(broken === undefined ? undefined : (broken as Error));
      }
    },
    close: () => pool.end(),
  };
}
