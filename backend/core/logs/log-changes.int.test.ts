/**
 * The experiment-log store on PGlite and on a real PostgreSQL: imports as revisions, idempotent and partial
 * re-imports, undo that restores a revision exactly, planned rows, and concurrent imports applied one after another.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTable } from '../../ingest/index.js';
import { planImport, canonicalKey } from '../../experiment-log/index.js';
import { DomainProfile } from '../../../src-shared/logs/domain-profile.js';
import { databaseKinds, type TestDatabase } from '../../../tests/support/test-databases.js';
import { LogRepository } from './log-repository.js';
import { ProfileRepository } from './profile-repository.js';
import { addPlannedRows, commitImport, restoreRevision } from './log-changes.js';
import type { LogRecord } from './log-records.js';
import { rowsAt } from './row-versions.js';

/** A small profile with no brush names: the store must not care what the columns are. */
const PROFILE = DomainProfile.parse({
  id: 'test-profile',
  version: 1,
  name: { ja: 'テスト', en: 'Test' },
  columns: [
    { name: 'day', type: 'date', role: 'date' },
    { name: 'a', type: 'number', role: 'factor' },
    { name: 'b', type: 'number', role: 'factor' },
    { name: 'y', type: 'number', role: 'response' },
    { name: 'z', type: 'number', role: 'response' },
  ],
  key_columns: ['day', 'a', 'b'],
  date_column: 'day',
});

const csv = (text: string) => readTable(new TextEncoder().encode(text), { filename: 'runs.csv' });

for (const kind of databaseKinds()) {
  describe(`experiment-log store on ${kind.name}`, () => {
    let t: TestDatabase;
    let repo: LogRepository;
    let log: LogRecord;

    beforeEach(async () => {
      t = await kind.open();
      repo = new LogRepository(t.db);
      log = await repo.createLog({
        name: 'ログ',
        description: null,
        profile: PROFILE,
        keyColumns: PROFILE.key_columns,
        owner: null,
      });
    });
    afterEach(async () => {
      await t.dispose();
    });

    async function importCsv(text: string, fileName = 'runs.csv') {
      const table = await csv(text);
      const done = await commitImport(
        repo,
        log.log_id,
        (existing) => planImport({ profile: PROFILE, keyColumns: PROFILE.key_columns, table, existing }),
        { createdBy: 'alice', fileName, fileSha256: 'f'.repeat(64) },
      );
      return done!;
    }
    const current = async () => (await repo.currentRows(log.log_id))!;
    /** Row sets compared by identity and content, ignoring which revision wrote them. */
    const rowSet = async (revision?: number) => {
      const rows = revision === undefined ? (await current()).rows : await rowsAt(t.db, log.log_id, revision);
      return rows
        .map((r) => ({
          row_id: r.row_id,
          status: r.status,
          values: r.values,
          planned_by_job: r.planned_by_job,
        }))
        .sort((x, y) => (x.row_id < y.row_id ? -1 : 1));
    };

    it('applies an import as revision 1, and an identical re-import changes nothing', async () => {
      const file = 'day,a,b,y\n2025-01-10,1,2,3.5\n2025-01-11,2,2,4\n';
      const first = await importCsv(file);
      expect(first.revision?.revision).toBe(1);
      expect(first.revision?.summary).toMatchObject({ inserted: 2, updated: 0 });
      const again = await importCsv(file);
      expect(again.revision).toBeNull();
      expect(again.plan.counts).toMatchObject({ insert: 0, update: 0, unchanged: 2 });
      expect((await repo.getLog(log.log_id))!.revision).toBe(1);
      expect((await current()).rows).toHaveLength(2);
    });

    it('a partial re-import updates the columns it carries and keeps the others', async () => {
      await importCsv('day,a,b,y,z\n2025-01-10,1,2,3.5,7\n');
      const partial = await importCsv('day,a,b,z\n2025-01-10,1,2,8\n');
      expect(partial.revision?.summary).toMatchObject({ inserted: 0, updated: 1 });
      const [row] = (await current()).rows;
      expect(row!.values).toMatchObject({ y: 3.5, z: 8 });
      expect(row!.revision).toBe(2);
    });

    it('restoring a revision makes the rows exactly what they were, and undoing the restore works too', async () => {
      await importCsv('day,a,b,y\n2025-01-10,1,2,3.5\n2025-01-11,2,2,4\n');
      const after1 = await rowSet();
      await importCsv('day,a,b,y,z\n2025-01-10,1,2,9,1\n2025-01-12,3,3,5,\n');
      const after2 = await rowSet();
      expect(after2).toHaveLength(3);

      const undo = await restoreRevision(repo, log.log_id, 1, { createdBy: 'alice' });
      expect(undo).toMatchObject({ kind: 'restore', restored_to: 1, revision: 3 });
      expect(undo!.summary).toMatchObject({ removed: 1, updated: 1, unchanged: 1 });
      expect(await rowSet()).toEqual(after1);

      await restoreRevision(repo, log.log_id, 2, { createdBy: 'alice' });
      expect(await rowSet()).toEqual(after2);
      await restoreRevision(repo, log.log_id, 0, { createdBy: null });
      expect(await rowSet()).toEqual([]);
      await expect(restoreRevision(repo, log.log_id, 99, { createdBy: null })).rejects.toThrow(RangeError);
      const kinds = (await repo.listRevisions(log.log_id)).map((r) => [r.revision, r.kind]);
      expect(kinds).toEqual([
        [5, 'restore'],
        [4, 'restore'],
        [3, 'restore'],
        [2, 'import'],
        [1, 'import'],
      ]);
    });

    it('adds planned rows once per key and records the job', async () => {
      const jobId = randomUUID();
      const keyOf = (v: Record<string, string | number | null>, l: LogRecord) =>
        canonicalKey(l.profile, l.key_columns, v);
      const runs = [
        { a: 1, b: 1 },
        { a: 2, b: 1 },
        { a: 1, b: 1 },
      ];
      const rev = await addPlannedRows(repo, log.log_id, runs, keyOf, { createdBy: null, jobId });
      expect(rev).toMatchObject({ kind: 'planned_from_job', job_id: jobId });
      expect(rev!.summary).toMatchObject({ inserted: 2, unchanged: 1 });
      const rows = (await current()).rows;
      expect(rows.map((r) => [r.status, r.planned_by_job])).toEqual([
        ['planned', jobId],
        ['planned', jobId],
      ]);
    });

    it('serialises concurrent imports: each one is planned against the other’s result', async () => {
      const files = Array.from(
        { length: 4 },
        (_, i) => `day,a,b,y\n2025-02-01,1,1,${i}\n2025-02-0${i + 2},${i},0,1\n`,
      );
      const results = await Promise.all(files.map((f) => importCsv(f)));
      const revisions = results.map((r) => r.revision?.revision).sort();
      expect(revisions).toEqual([1, 2, 3, 4]);
      // The shared key was inserted by exactly one import and updated by the others.
      expect(results.filter((r) => r.plan.counts.insert === 2)).toHaveLength(1);
      expect((await current()).rows).toHaveLength(5);
      expect((await repo.getLog(log.log_id))!.revision).toBe(4);
    });

    it('profiles: the default is seeded once, and saving an id stores its next version', async () => {
      const profiles = new ProfileRepository(t.db);
      const again = new ProfileRepository(t.db);
      await Promise.all([profiles.ensureSeeded(), again.ensureSeeded()]);
      const seeded = await profiles.listLatest();
      expect(seeded.map((p) => [p.id, p.version])).toEqual([['brush-deburring', 1]]);
      const v1 = await profiles.save(PROFILE, 'alice');
      const v2 = await profiles.save({ ...PROFILE, version: 7, description: 'second' }, 'alice');
      expect([v1.version, v2.version]).toEqual([1, 2]);
      expect((await profiles.get('test-profile'))!.description).toBe('second');
      expect((await profiles.get('test-profile', 1))!.description).toBeUndefined();
    });
  });
}
