/**
 * Bearer tokens for team servers: created and revoked by `zerosec token`, checked on every API request. Only each
 * token's SHA-256 is stored, so a copy of the database gives no one a working token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SqlDb } from '../ports/sql-db.js';

/** A token as listed: never the token itself. */
export interface ApiTokenInfo {
  id: string;
  user: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Who a valid token belongs to. */
export interface TokenOwner {
  tokenId: string;
  user: string;
}

interface TokenRow {
  id: string;
  user_name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const TOKEN_PREFIX = 'zs_';
/** `last_used_at` is written at most this often per token, so busy clients do not turn every read into a write. */
const LAST_USED_RESOLUTION_SECONDS = 60;
const USER_NAME = /^[\p{L}\p{N}._@+-]{1,200}$/u;

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A user name safe to print and to compare: letters, digits and `._@+-`, at most 200 characters. */
export function isValidUserName(user: string): boolean {
  return USER_NAME.test(user);
}

const toInfo = (r: TokenRow): ApiTokenInfo => ({
  id: r.id,
  user: r.user_name,
  createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

export class ApiTokenRepository {
  constructor(private readonly db: SqlDb) {}

  /** Makes a token for `user`; the returned `token` is the only copy there will ever be. */
  async create(user: string): Promise<ApiTokenInfo & { token: string }> {
    if (!isValidUserName(user)) throw new RangeError(`not a valid user name: ${JSON.stringify(user)}`);
    const id = randomBytes(6).toString('hex');
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const r = await this.db.query<TokenRow>(
      `INSERT INTO api_tokens (id, user_name, token_sha256) VALUES ($1, $2, $3)
       RETURNING id, user_name, created_at, last_used_at, revoked_at`,
      [id, user, hashToken(token)],
    );
    return { ...toInfo(r.rows[0]!), token };
  }

  async list(): Promise<ApiTokenInfo[]> {
    const r = await this.db.query<TokenRow>(
      'SELECT id, user_name, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at, id',
    );
    return r.rows.map(toInfo);
  }

  /** Revokes the token with this id; returns it, or null when there is none. Revoking twice keeps the first time. */
  async revoke(id: string): Promise<ApiTokenInfo | null> {
    const r = await this.db.query<TokenRow>(
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
       RETURNING id, user_name, created_at, last_used_at, revoked_at`,
      [id],
    );
    return r.rows[0] ? toInfo(r.rows[0]) : null;
  }

  /** The owner of a valid, unrevoked token, or null; stamps its last use. */
  async authenticate(token: string): Promise<TokenOwner | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const r = await this.db.query<TokenRow>(
      `UPDATE api_tokens SET last_used_at = now()
       WHERE token_sha256 = $1 AND revoked_at IS NULL
         AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))
       RETURNING id, user_name, created_at, last_used_at, revoked_at`,
      [hashToken(token), LAST_USED_RESOLUTION_SECONDS],
    );
    const row =
      r.rows[0] ??
      (
        await this.db.query<TokenRow>(
          `SELECT id, user_name, created_at, last_used_at, revoked_at FROM api_tokens
           WHERE token_sha256 = $1 AND revoked_at IS NULL`,
          [hashToken(token)],
        )
      ).rows[0];
    return row ? { tokenId: row.id, user: row.user_name } : null;
  }
}
