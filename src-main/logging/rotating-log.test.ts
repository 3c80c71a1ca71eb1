import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RotatingLog } from './rotating-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RotatingLog', () => {
  it('rotates at the size cap and keeps a fixed number of old files', async () => {
    const log = new RotatingLog(path.join(dir, 'backend.log'), { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 10; i++) log.write(`${String(i).padStart(2, '0')}${'x'.repeat(37)}\n`); // 40 bytes each
    expect((await readdir(dir)).sort()).toEqual(['backend.1.log', 'backend.2.log', 'backend.log']);
    expect(await readFile(path.join(dir, 'backend.log'), 'utf8')).toMatch(/^08x+\n09x+\n$/);
    expect(await readFile(path.join(dir, 'backend.1.log'), 'utf8')).toMatch(/^06x+\n07x+\n$/);
    expect(log.files()).toHaveLength(3);
  });

  it('writes timestamped lines and continues an existing file', async () => {
    const file = path.join(dir, 'shell.log');
    new RotatingLog(file).line('first');
    new RotatingLog(file, { maxBytes: 1000, keep: 1, now: () => new Date('2025-01-02T03:04:05Z') }).line(
      'second',
    );
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^\d{4}-\d\d-\d\dT.* first$/);
    expect(text).toContain('2025-01-02T03:04:05.000Z second');
  });
});
