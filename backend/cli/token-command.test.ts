/** `zerosec token` against a real embedded database in a temp folder: the token is printed once and stored hashed. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../core/auth/api-tokens.js';
import { openTokenAdmin } from '../app/token-admin.js';
import type { CliIo } from './cli-io.js';
import { main } from './main.js';

let dataDir: string;

function memoryIo(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (t) => void (out.stdout += t) },
    stderr: { write: (t) => void (out.stderr += t), isTTY: false, columns: 80 },
    env: { ZEROSEC_DATA_DIR: dataDir, ...env },
    cwd: os.tmpdir(),
    onShutdownSignal: () => () => {},
  };
  return { io, out };
}

async function zerosec(...argv: string[]) {
  const { io, out } = memoryIo();
  const code = await main(argv, io);
  return { code, ...out };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-token-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('zerosec token', () => {
  it('creates, lists and revokes tokens, storing only their hash', { timeout: 60_000 }, async () => {
    const created = await zerosec('token', 'create', '--user', 'alice');
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^zs_[A-Za-z0-9_-]{43}$/);
    const id = /Created token ([0-9a-f]{12}) for alice/.exec(created.stderr)?.[1];
    expect(id).toBeDefined();

    const admin = await openTokenAdmin({ ZEROSEC_DATA_DIR: dataDir });
    try {
      expect(await admin.tokens.authenticate(token)).toEqual({ tokenId: id, user: 'alice' });
      expect(await admin.tokens.authenticate(`${token}x`)).toBeNull();
      const stored = await admin.tokens.list();
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await admin.close();
    }

    const listed = await zerosec('token', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+alice\\s+\\S+\\s+\\S+\\s+active$`, 'm'));
    expect(listed.stdout).not.toContain(token);

    expect((await zerosec('token', 'revoke', id!)).stdout).toBe(`Revoked token ${id} of alice.\n`);
    expect((await zerosec('token', 'list')).stdout).toMatch(new RegExp(`^${id}\\s+alice.*revoked`, 'm'));
    const again = await openTokenAdmin({ ZEROSEC_DATA_DIR: dataDir });
    try {
      expect(await again.tokens.authenticate(token)).toBeNull();
    } finally {
      await again.close();
    }

    const unknown = await zerosec('token', 'revoke', 'ffffffffffff');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no token "ffffffffffff"');
  });

  it.each([
    [['token'], /expected create, list or revoke/],
    [['token', 'create'], /missing --user NAME/],
    [['token', 'create', '--user', 'a b'], /--user: use letters/],
    [['token', 'revoke'], /missing <ID>/],
    [['token', 'list', '--user', 'x'], /--user belongs to token create/],
    [['token', 'create', '--user', 'x', '--bogus'], /Unknown option/],
  ])('rejects %j with exit 2 before opening the database', async (argv, message) => {
    const { io, out } = memoryIo({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await main(argv, io)).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
