/** Artifact names are untrusted: checks that no name, however crafted, writes outside the output directory. */
import { mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArtifactIntegrityError, safeArtifactFileName, writeArtifactFile } from './artifact-files.js';

describe('safeArtifactFileName', () => {
  it.each([
    ['result.json', 'result.json'],
    ['../../etc/passwd', 'passwd'],
    ['/abs/path/fitted.csv', 'fitted.csv'],
    ['..\\..\\windows\\evil.csv', 'evil.csv'],
    ['..', 'artifact'],
    ['', 'artifact'],
    ['dir/', 'artifact'],
    ['a\u0000b\nc.txt', 'a_b_c.txt'],
    ['con:name?.csv', 'con_name_.csv'],
    ['trailing. . ', 'trailing'],
  ])('%j becomes %j', (input, expected) => {
    expect(safeArtifactFileName(input, new Set())).toBe(expected);
  });

  it('keeps names distinct, ignoring case', () => {
    const taken = new Set<string>();
    expect(['a/r.csv', 'b/r.csv', 'R.csv', 'r-2.csv'].map((n) => safeArtifactFileName(n, taken))).toEqual([
      'r.csv',
      'r-2.csv',
      'R-3.csv',
      'r-2-2.csv',
    ]);
  });

  it('shortens very long names, keeping the extension', () => {
    const name = safeArtifactFileName(`${'x'.repeat(500)}.csv`, new Set());
    expect(name).toHaveLength(200);
    expect(name.endsWith('.csv')).toBe(true);
  });
});

describe('writeArtifactFile', () => {
  const bytes = new TextEncoder().encode('a,b\n1,2\n');
  const sha = createHash('sha256').update(bytes).digest('hex');

  it('creates the directory and writes the bytes', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'zerosec-out-')), 'nested', 'out');
    const written = await writeArtifactFile(dir, 'r.csv', bytes, sha);
    expect(written).toBe(path.join(dir, 'r.csv'));
    expect(await readFile(written, 'utf8')).toBe('a,b\n1,2\n');
  });

  it('refuses bytes that do not match the listed sha256, writing nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-out-'));
    await expect(writeArtifactFile(dir, 'r.csv', bytes, '0'.repeat(64))).rejects.toThrow(
      ArtifactIntegrityError,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a name that is not a plain file name', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-out-'));
    await expect(writeArtifactFile(dir, '../x.csv', bytes)).rejects.toThrow(/outside/);
  });

  it.skipIf(process.platform === 'win32')(
    'does not follow a symlink planted under the artifact name',
    async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'zerosec-out-'));
      const outside = path.join(root, 'outside.txt');
      await writeFile(outside, 'keep');
      const dir = path.join(root, 'out');
      await writeArtifactFile(dir, 'placeholder', bytes);
      await symlink(outside, path.join(dir, 'r.csv'));
      await expect(writeArtifactFile(dir, 'r.csv', bytes)).rejects.toThrow();
      expect(await readFile(outside, 'utf8')).toBe('keep');
    },
  );
});
