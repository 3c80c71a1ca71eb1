import { mkdtemp, readdir, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from './blob-store.fs.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function store(): Promise<{ s: FsBlobStore; root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'zs-blob-'));
  dirs.push(root);
  return {
    s: new FsBlobStore({ root, secret: Buffer.alloc(32, 1), publicUrl: () => 'http://127.0.0.1:1' }),
    root,
  };
}

describe('FsBlobStore staging', () => {
  it('put leaves only the object in its folder, never a staging file', async () => {
    const { s, root } = await store();
    await s.put('outputs/job-1/result.json', new TextEncoder().encode('{"a":1}'));
    await s.put('outputs/job-1/result.json', new TextEncoder().encode('{"a":2}'));
    expect(await readdir(path.join(root, 'outputs', 'job-1'))).toEqual(['result.json']);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
    expect(new TextDecoder().decode(await s.get('outputs/job-1/result.json'))).toBe('{"a":2}');
  });

  it('sweepStaging removes only staging files older than the limit', async () => {
    const { s, root } = await store();
    const tmp = path.join(root, '.tmp');
    await mkdir(tmp, { recursive: true });
    await writeFile(path.join(tmp, 'old'), 'x');
    await writeFile(path.join(tmp, 'young'), 'y');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    await utimes(path.join(tmp, 'old'), twoDaysAgo, twoDaysAgo);
    expect(await s.sweepStaging(24 * 3600 * 1000)).toBe(1);
    expect(await readdir(tmp)).toEqual(['young']);
  });
});
