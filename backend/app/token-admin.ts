/**
 * Opens the token table for `zerosec token`: the same database `zerosec serve` would use (DATABASE_URL, else the
 * data folder's embedded database, which must not be open in a running server), migrated to the current schema.
 */
import { loadConfig } from '../config/config.js';
import { ApiTokenRepository } from '../core/auth/api-tokens.js';
import { migrate } from '../core/migrate.js';
import { withDatabaseUrl } from './database-url.js';
import { openDb } from './start-backend.js';

export interface TokenAdmin {
  tokens: ApiTokenRepository;
  close(): Promise<void>;
}

export async function openTokenAdmin(
  env: Record<string, string | undefined>,
  dataDir?: string,
): Promise<TokenAdmin> {
  const base = loadConfig(withDatabaseUrl(env));
  const { db, unlock } = await openDb({ ...base, dataDir: dataDir ?? base.dataDir }, 'all');
  const close = async () => {
    await db.close();
    await unlock();
  };
  try {
    await migrate(db);
  } catch (err) {
    await close();
    throw err;
  }
  return { tokens: new ApiTokenRepository(db), close };
}
