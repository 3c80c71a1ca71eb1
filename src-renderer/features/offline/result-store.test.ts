// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Artifact } from '../../../src-shared/api/index.js';
import { CACHE_CHANNEL_SCHEMAS, CACHE_CHANNELS, isChannel } from '../../../src-shared/ipc/contract.js';
import type { CachedArtifactFile, CachedJob } from '../../../src-shared/ipc/contract.js';
import { listDataSets, saveInput } from './result-cache.js';

const JOB = '22222222-2222-4222-8222-222222222222';
const artifact: Artifact = {
  file_key: `outputs/${JOB}/result.json`,
  file_name: 'result.json',
  file_type: 'json',
  content_type: 'application/json',
  size_bytes: 2,
  sha256: '0'.repeat(64),
  created_at: '2026-11-30T00:00:00.000Z',
};

const setBridge = (value: unknown) => {
  (window as unknown as Record<string, unknown>).zeroSec = value;
};
beforeEach(() => vi.resetModules());
afterEach(() => {
  delete (window as unknown as Record<string, unknown>).zeroSec;
});

/** An in-memory shell cache, shaped like the preload's functions. */
function fakeShell() {
  const jobs = new Map<string, { job: CachedJob; files: CachedArtifactFile[] }>();
  return {
    getBackend: vi.fn(),
    getAppInfo: vi.fn(),
    cacheList: vi.fn(async () =>
      [...jobs.values()].map((j) => ({ jobId: j.job.jobId, cachedAt: j.job.cachedAt, sizeBytes: 0 })),
    ),
    cacheGet: vi.fn(async (id: string) => jobs.get(id)?.job ?? null),
    cacheGetArtifact: vi.fn(
      async (id: string, key: string) =>
        jobs.get(id)?.files.find((f) => f.artifact.file_key === key)?.bytes ?? null,
    ),
    cachePut: vi.fn(async (id: string, resultJson: string, files: CachedArtifactFile[]) => {
      jobs.set(id, {
        job: {
          jobId: id,
          resultJson,
          artifacts: files.map((f) => f.artifact),
          cachedAt: '2026-11-30T00:00:00Z',
        },
        files,
      });
    }),
    cacheDelete: vi.fn(async (id: string) => jobs.delete(id)),
  };
}

describe('offline result store', () => {
  it("uses the desktop shell's cache when the bridge offers it", async () => {
    const shell = fakeShell();
    setBridge(shell);
    const { cacheFinishedJob, loadArtifact, loadResult } = await import('./result-cache.js');
    const { resultStore } = await import('./result-store.js');
    expect(resultStore().kind).toBe('bridge');
    const client = {
      listArtifacts: vi.fn(async () => ({ job_id: JOB, artifacts: [artifact] })),
      download: vi.fn(async () => ({ bytes: new TextEncoder().encode('{"a":1}'), fileName: 'result.json' })),
    };
    await cacheFinishedJob(client as never, JOB);
    const [id, json, files] = shell.cachePut.mock.calls[0]!;
    expect([id, json, files.map((f) => f.artifact), files[0]!.bytes.byteLength]).toEqual([
      JOB,
      '{"a":1}',
      [artifact],
      7,
    ]);
    expect((await loadResult(JOB))?.result).toEqual({ a: 1 });
    expect(await (await loadArtifact(JOB, artifact.file_key))?.text()).toBe('{"a":1}');
    expect(await resultStore().list()).toEqual([JOB]);
    expect(await resultStore().delete(JOB)).toBe(true);
    expect(await loadResult(JOB)).toBeUndefined();
  });

  it('falls back to IndexedDB without a bridge, or with one that lacks the cache functions', async () => {
    setBridge({ getBackend: vi.fn(), getAppInfo: vi.fn() });
    const { resultStore } = await import('./result-store.js');
    expect(resultStore().kind).toBe('indexeddb');
  });

  it('validates the cache channels as the main process will', () => {
    for (const channel of Object.values(CACHE_CHANNELS)) expect(channel.startsWith('zs:')).toBe(true);
    // Part of CHANNELS: src-main registers a handler for each.
    expect(isChannel(CACHE_CHANNELS.cacheGet)).toBe(true);
    const put = CACHE_CHANNEL_SCHEMAS[CACHE_CHANNELS.cachePut].request;
    expect(put.safeParse([JOB, '{}', [{ artifact, bytes: new Uint8Array(2) }]]).success).toBe(true);
    expect(put.safeParse(['not-a-uuid', '{}', []]).success).toBe(false);
    expect(put.safeParse([JOB, '{}', [{ artifact, bytes: 'x' }]]).success).toBe(false);
    expect(CACHE_CHANNEL_SCHEMAS[CACHE_CHANNELS.cacheGet].response.safeParse(null).success).toBe(true);
  });
});

describe('data sets', () => {
  it('lists what this browser uploaded, newest first, one entry per file', async () => {
    const file = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
    await saveInput('inputs/1/a.csv', file('a.csv', 'x,y\n1,2\n'), ['x', 'y']);
    await new Promise((r) => setTimeout(r, 5));
    await saveInput('inputs/2/b.csv', file('b.csv', 'p\n1\n'), ['p']);
    await new Promise((r) => setTimeout(r, 5));
    await saveInput('inputs/3/a.csv', file('a.csv', 'x,y\n1,2\n'), ['x', 'y']);
    const sets = await listDataSets();
    expect(sets.map((d) => d.inputKey)).toEqual(['inputs/3/a.csv', 'inputs/2/b.csv']);
    expect(sets[0]).toMatchObject({ name: 'a.csv', sizeBytes: 8, columns: ['x', 'y'] });
  });
});
