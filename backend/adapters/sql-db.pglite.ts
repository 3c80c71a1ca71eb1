/** Embedded metadata store: PostgreSQL compiled to WASM, in a folder, so the desktop app needs no server. */
import { PGlite } from '@electric-sql/pglite';
import type { SqlDb, SqlQueryable } from '../core/ports/sql-db.js';

export async function openPgliteDb(dataDir: string): Promise<SqlDb> {
  const pg = await PGlite.create({ dataDir });
  const asQueryable = (q: Pick<PGlite, 'query' | 'exec'>): SqlQueryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const res = await q.query<Row>(sql, params as unknown[]);
      return { rows: res.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = asQueryable(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(asQueryable(tx))),
    close: () => pg.close(),
  };
}
