/** The main process's streamed upload against a real embedded backend that requires the per-launch token. */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../backend/app/start-backend.js';
import type { RunningBackend } from '../../backend/app/start-backend.js';
import { contentTypeOf, uploadFile } from './upload-file.js';

const TOKEN = 'x'.repeat(40);
let dir: string;
let backend: RunningBackend;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-upload-'));
  backend = await startBackend({
    mode: 'all',
    host: '127.0.0.1',
    port: 0,
    dataDir: path.join(dir, 'data'),
    env: { ZEROSEC_LOG_LEVEL: 'silent' },
    desktopAccess: { allowedOrigins: ['app://zerosec'], apiToken: TOKEN },
  });
});
afterAll(async () => {
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

describe('uploadFile', () => {
  it('streams a file from disk to the signed upload URL with progress', async () => {
    const file = path.join(dir, '実験結果.csv');
    const row = '1000,200,0.5,0.12\n';
    await writeFile(file, `回転速度,送り速度,切込量,摩耗量\n${row.repeat(400_000)}`); // ~7 MB
    const size = (await stat(file)).size;
    const progress: number[] = [];
    const uploaded = await uploadFile(file, { url: backend.url!, token: TOKEN }, (sent) =>
      progress.push(sent),
    );
    expect(uploaded).toMatchObject({ filename: '実験結果.csv', sizeBytes: size });
    expect(uploaded.key).toBe(`inputs/${uploaded.job_id}/実験結果.csv`);
    expect(progress.at(-1)).toBe(size);
    const stored = await stat(path.join(dir, 'data', 'objects', 'inputs', uploaded.job_id, '実験結果.csv'));
    expect(stored.size).toBe(size);
  });

  it('fails without the token', async () => {
    const file = path.join(dir, 'a.csv');
    await writeFile(file, 'a\n1\n');
    await expect(uploadFile(file, { url: backend.url!, token: null })).rejects.toThrow();
  });

  it('labels the table formats it knows', () => {
    expect(contentTypeOf('a.CSV')).toBe('text/csv');
    expect(contentTypeOf('b.xlsx')).toContain('spreadsheetml');
    expect(contentTypeOf('c.bin')).toBe('application/octet-stream');
  });
});
