import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import type { Artifact } from '../../src-shared/api/artifacts.js';
import type { CachedArtifactFile } from '../../src-shared/ipc/contract.js';
import { CacheStore } from './cache-store.js';
import { exportJobZip, importJobZip, rejectEntryName, ZipRejectedError } from './cache-zip.js';
import { CacheIntegrityError, sha256Hex } from './integrity.js';

const JOB_A = '11111111-1111-4111-8111-111111111111';
const JOB_B = '22222222-2222-4222-8222-222222222222';
const JOB_C = '33333333-3333-4333-8333-333333333333';

function artifactFile(jobId: string, name: string, content: string): CachedArtifactFile {
  const bytes = new TextEncoder().encode(content);
  const artifact: Artifact = {
    file_key: `outputs/${jobId}/${name}`,
    file_name: name,
    file_type: 'csv',
    content_type: 'text/csv; charset=utf-8',
    size_bytes: bytes.byteLength,
    sha256: sha256Hex(bytes),
    created_at: '2025-01-01T00:00:00.000Z',
  };
  return { artifact, bytes };
}

let root: string;
let clock: number;
const now = () => new Date(Date.UTC(2025, 0, 1, 0, 0, clock++));
const store = (maxBytes = 1_000_000) => new CacheStore({ root, maxBytes, now });

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zerosec-cache-'));
  clock = 0;
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('CacheStore', () => {
  it('stores a job as result.json + artifacts with a manifest and an index, and reads it back', async () => {
    const cache = store();
    const csv = artifactFile(JOB_A, 'coefficients.csv', '項,値\nx,1\n');
    await cache.put(JOB_A, '{"version":1}', [csv]);
    const dir = path.join(root, 'jobs', JOB_A);
    expect(await readFile(path.join(dir, 'result.json'), 'utf8')).toBe('{"version":1}');
    expect(await readFile(path.join(dir, 'artifacts', '0.csv'), 'utf8')).toBe('項,値\nx,1\n');
    const index = JSON.parse(await readFile(path.join(root, 'index.json'), 'utf8')) as { entries: object };
    expect(Object.keys(index.entries)).toEqual([JOB_A]);

    const job = await cache.get(JOB_A);
    expect(job).toMatchObject({ jobId: JOB_A, resultJson: '{"version":1}', artifacts: [csv.artifact] });
    expect(Buffer.from((await cache.getArtifact(JOB_A, csv.artifact.file_key))!).toString()).toBe(
      '項,値\nx,1\n',
    );
    expect(await cache.getArtifact(JOB_A, 'outputs/other')).toBeNull();
    expect(await cache.list()).toEqual([
      { jobId: JOB_A, cachedAt: job!.cachedAt, sizeBytes: 13 + csv.bytes.byteLength },
    ]);
    expect(await cache.delete(JOB_A)).toBe(true);
    expect(await cache.delete(JOB_A)).toBe(false);
    expect(await cache.get(JOB_A)).toBeNull();
  });

  it('refuses an artifact whose bytes do not match the sha256 the backend recorded', async () => {
    const bad = artifactFile(JOB_A, 'a.csv', 'a');
    bad.bytes = new TextEncoder().encode('b');
    await expect(store().put(JOB_A, '{}', [bad])).rejects.toBeInstanceOf(CacheIntegrityError);
    expect(await store().list()).toEqual([]);
  });

  it('drops a job whose result.json or artifact was changed on disk (integrity failure)', async () => {
    const cache = store();
    const csv = artifactFile(JOB_A, 'a.csv', 'a,b\n1,2\n');
    await cache.put(JOB_A, '{"x":1}', [csv]);
    await cache.put(JOB_B, '{"x":2}', [artifactFile(JOB_B, 'b.csv', 'b')]);
    await writeFile(path.join(root, 'jobs', JOB_A, 'artifacts', '0.csv'), 'a,b\n1,3\n');
    expect(await cache.getArtifact(JOB_A, csv.artifact.file_key)).toBeNull();
    expect((await cache.list()).map((e) => e.jobId)).toEqual([JOB_B]);

    await writeFile(path.join(root, 'jobs', JOB_B, 'result.json'), '{"x":666}');
    expect(await cache.get(JOB_B)).toBeNull();
    expect(await cache.list()).toEqual([]);
  });

  it('evicts the least recently used jobs once the size cap is passed', async () => {
    const payload = (id: string) => [artifactFile(id, 'big.csv', 'x'.repeat(400))];
    const cache = store(1000);
    await cache.put(JOB_A, '{}', payload(JOB_A)); // used at t0
    await cache.put(JOB_B, '{}', payload(JOB_B)); // t1
    await cache.get(JOB_A); // A used again at t2: B is now the least recently used
    await cache.put(JOB_C, '{}', payload(JOB_C)); // 3 × 402 > 1000: evict B
    expect((await cache.list()).map((e) => e.jobId).sort()).toEqual([JOB_A, JOB_C]);
    expect(await cache.get(JOB_B)).toBeNull();
  });

  it('rebuilds a lost index from the job folders', async () => {
    await store().put(JOB_A, '{"a":1}', []);
    await rm(path.join(root, 'index.json'));
    expect((await store().list()).map((e) => e.jobId)).toEqual([JOB_A]);
    expect((await store().get(JOB_A))?.resultJson).toBe('{"a":1}');
  });
});

describe('job zip export/import', () => {
  it('round-trips a job into another cache', async () => {
    const csv = artifactFile(JOB_A, '予測.csv', '回転速度,摩耗量\n1000,0.5\n');
    const source = store();
    await source.put(JOB_A, '{"job_type":"linear_analysis"}', [csv]);
    const zip = (await exportJobZip(source, JOB_A))!;
    expect(zip.byteLength).toBeGreaterThan(0);

    const otherRoot = await mkdtemp(path.join(os.tmpdir(), 'zerosec-cache-b-'));
    try {
      const target = new CacheStore({ root: otherRoot, maxBytes: 1_000_000 });
      expect(await importJobZip(target, zip)).toBe(JOB_A);
      const job = await target.get(JOB_A);
      expect(job?.resultJson).toBe('{"job_type":"linear_analysis"}');
      expect(job?.artifacts).toEqual([csv.artifact]);
      expect(Buffer.from((await target.getArtifact(JOB_A, csv.artifact.file_key))!).toString()).toBe(
        '回転速度,摩耗量\n1000,0.5\n',
      );
    } finally {
      await rm(otherRoot, { recursive: true, force: true });
    }
  });

  it('rejects entries with path traversal, absolute or Windows paths', async () => {
    for (const name of [
      '../evil.txt',
      'artifacts/../../evil',
      '/etc/passwd',
      'C:/x',
      'artifacts\\..\\x',
      './result.json',
    ]) {
      expect(rejectEntryName(name)).not.toBeNull();
    }
    expect(rejectEntryName('artifacts/0.csv')).toBeNull();
    const source = store();
    await source.put(JOB_A, '{}', []);
    const good = (await exportJobZip(source, JOB_A))!;
    const { unzipSync } = await import('fflate');
    const evil = zipSync({ ...unzipSync(good), '../../outside.txt': new TextEncoder().encode('pwned') });
    await expect(importJobZip(store(), evil)).rejects.toThrow(/path traversal/);
    await expect(importJobZip(store(), evil)).rejects.toBeInstanceOf(ZipRejectedError);
  });

  it('rejects a zip whose files do not match the manifest checksums, and non-zips', async () => {
    const source = store();
    await source.put(JOB_A, '{"a":1}', []);
    const { unzipSync } = await import('fflate');
    const files = unzipSync((await exportJobZip(source, JOB_A))!);
    const tampered = zipSync({ ...files, 'result.json': new TextEncoder().encode('{"a":2}') });
    await expect(importJobZip(store(), tampered)).rejects.toThrow(/checksum/);
    await expect(importJobZip(store(), new TextEncoder().encode('not a zip'))).rejects.toBeInstanceOf(
      ZipRejectedError,
    );
    await expect(
      importJobZip(store(), (await exportJobZip(source, JOB_A))!, { maxTotalBytes: 3, maxEntries: 10 }),
    ).rejects.toThrow(/larger/);
  });
});
