/**
 * Stored domain profiles (column dictionaries), versioned: saving an id again stores its next version, and logs keep
 * a snapshot of the version they were created with. The shipped brush-deburring profile is seeded as version 1 on
 * first use, idempotently, so a fresh database and an upgraded one both have it without a data migration.
 */
import type { SqlDb } from '../ports/sql-db.js';
import { DomainProfile } from '../../../src-shared/logs/domain-profile.js';
import { BRUSH_DEBURRING_PROFILE } from '../../experiment-log/index.js';

interface ProfileRecord {
  definition: unknown;
  version: number;
}

const DEFAULT_PROFILES: readonly DomainProfile[] = [BRUSH_DEBURRING_PROFILE];

export class ProfileRepository {
  private seeded: Promise<void> | null = null;

  constructor(private readonly db: SqlDb) {}

  /** Inserts each default profile's version 1 unless present; concurrent callers (or servers) are harmless. */
  ensureSeeded(): Promise<void> {
    this.seeded ??= (async () => {
      for (const p of DEFAULT_PROFILES) {
        await this.db.query(
          `INSERT INTO profiles (id, version, definition) VALUES ($1, 1, $2::jsonb)
           ON CONFLICT (id, version) DO NOTHING`,
          [p.id, JSON.stringify({ ...p, version: 1 })],
        );
      }
    })().catch((err: unknown) => {
      this.seeded = null; // try again on the next call (the database may have been down)
      throw err;
    });
    return this.seeded;
  }

  /** The latest version of every profile, by id. */
  async listLatest(): Promise<DomainProfile[]> {
    await this.ensureSeeded();
    const r = await this.db.query<ProfileRecord>(
      'SELECT DISTINCT ON (id) definition, version FROM profiles ORDER BY id, version DESC',
    );
    return r.rows.map(toProfile);
  }

  /** A version of a profile, or its latest when `version` is omitted; null when there is none. */
  async get(id: string, version?: number): Promise<DomainProfile | null> {
    await this.ensureSeeded();
    const r = await this.db.query<ProfileRecord>(
      `SELECT definition, version FROM profiles WHERE id = $1 AND ($2::integer IS NULL OR version = $2)
       ORDER BY version DESC LIMIT 1`,
      [id, version ?? null],
    );
    return r.rows[0] ? toProfile(r.rows[0]) : null;
  }

  /** Stores `profile` as the next version of its id (1 for a new id); the given `version` is ignored. */
  async save(profile: DomainProfile, createdBy: string | null): Promise<DomainProfile> {
    await this.ensureSeeded();
    return this.db.transaction(async (tx) => {
      // Two saves of one id at once would both pick the same next version; the lock makes the second wait.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`profile:${profile.id}`]);
      const last = await tx.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM profiles WHERE id = $1',
        [profile.id],
      );
      const stored = { ...profile, version: Number(last.rows[0]?.v ?? 0) + 1 };
      await tx.query(
        'INSERT INTO profiles (id, version, definition, created_by) VALUES ($1, $2, $3::jsonb, $4)',
        [stored.id, stored.version, JSON.stringify(stored), createdBy],
      );
      return stored;
    });
  }
}

function toProfile(r: ProfileRecord): DomainProfile {
  return DomainProfile.parse({ ...(r.definition as object), version: Number(r.version) });
}
