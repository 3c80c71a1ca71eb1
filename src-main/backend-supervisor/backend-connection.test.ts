import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SettingsStore } from '../settings/settings-store.js';
import { BackendConnection } from './backend-connection.js';
import type { EmbeddedBackend } from './backend-connection.js';

let dir: string;
let settings: SettingsStore;
const endpoint = { url: 'http://127.0.0.1:40000', token: 'secret' };
let embedded: EmbeddedBackend & { running: boolean };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-connection-'));
  settings = new SettingsStore(path.join(dir, 'settings.json'));
  await settings.load();
  embedded = {
    running: false,
    start: vi.fn(async () => {
      embedded.running = true;
      return endpoint;
    }),
    current: () => (embedded.running ? endpoint : null),
    status: () => ({ state: embedded.running ? 'ready' : 'stopped', restarts: 0, message: null }),
  };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('BackendConnection', () => {
  it('uses the embedded backend by default and allows only its origin once it runs', async () => {
    const connection = new BackendConnection(embedded, settings, vi.fn());
    expect(connection.allowedUrls()).toEqual([]);
    expect(await connection.current()).toEqual(endpoint);
    expect(connection.allowedUrls()).toEqual([endpoint.url]);
  });

  it('switches to a remote server (persisted) and reloads the page once per change', async () => {
    const reload = vi.fn();
    const connection = new BackendConnection(embedded, settings, reload);
    const remote = { mode: 'remote' as const, url: 'https://zerosec.team.example', token: 'team-token' };
    await connection.choose(remote);
    expect(await connection.current()).toEqual({ url: remote.url, token: remote.token });
    expect(connection.allowedUrls()).toEqual([remote.url]);
    expect(connection.status().state).toBe('remote');
    expect(embedded.start).not.toHaveBeenCalled();
    await connection.choose(remote);
    expect(reload).toHaveBeenCalledTimes(1);
    expect((await new SettingsStore(path.join(dir, 'settings.json')).load()).backend).toEqual(remote);
    await connection.choose({ mode: 'embedded' });
    expect(embedded.start).toHaveBeenCalled();
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
