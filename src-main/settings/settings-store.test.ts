import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRecentFile } from './recent-files.js';
import { DEFAULT_SETTINGS } from './settings-schema.js';
import { SettingsStore } from './settings-store.js';
import { restoreBounds, trackWindowState } from '../window/window-state.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-settings-'));
  file = path.join(dir, 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SettingsStore', () => {
  it('starts from defaults and saves validated changes atomically', async () => {
    const store = new SettingsStore(file);
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    await store.update((s) => ({
      ...s,
      window: { x: 10, y: 20, width: 1000, height: 700, maximized: false },
    }));
    const reloaded = await new SettingsStore(file).load();
    expect(reloaded.window).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    await expect(
      store.update((s) => ({ ...s, backend: { mode: 'remote', url: 'ftp://x', token: null } as never })),
    ).rejects.toThrow();
    expect(JSON.parse(await readFile(file, 'utf8')).backend).toEqual({ mode: 'embedded' });
  });

  it('repairs a hand-edited or broken file field by field', async () => {
    await writeFile(
      file,
      JSON.stringify({
        window: { x: 'left' },
        recentFiles: ['/a.csv'],
        backend: { mode: 'remote', url: 'https://team.example', token: 'abc' },
      }),
    );
    const settings = await new SettingsStore(file).load();
    expect(settings.window).toBeNull();
    expect(settings.recentFiles).toEqual(['/a.csv']);
    expect(settings.backend).toEqual({ mode: 'remote', url: 'https://team.example', token: 'abc' });
    await writeFile(file, '{not json');
    expect(await new SettingsStore(file).load()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('recent files', () => {
  it('puts the newest first, without duplicates, at most ten', () => {
    expect(addRecentFile(['/b', '/a'], '/a')).toEqual(['/a', '/b']);
    const many = Array.from({ length: 10 }, (_, i) => `/f${i}`);
    expect(addRecentFile(many, '/new')).toHaveLength(10);
    expect(addRecentFile(many, '/new')[0]).toBe('/new');
  });
});

describe('window state', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1080 };
  it('restores a window that is on a screen, clamped to its size', () => {
    expect(restoreBounds({ x: 100, y: 100, width: 1200, height: 800, maximized: true }, [screen])).toEqual({
      x: 100,
      y: 100,
      width: 1200,
      height: 800,
      maximized: true,
    });
    expect(
      restoreBounds({ x: 0, y: 0, width: 4000, height: 3000, maximized: false }, [screen]),
    ).toMatchObject({
      width: 1920,
      height: 1080,
    });
  });

  it('moves a window whose screen is gone back onto the first screen', () => {
    const restored = restoreBounds({ x: 2500, y: 100, width: 1000, height: 700, maximized: false }, [screen]);
    expect(restored).toMatchObject({ x: 0, y: 0, width: 1000, height: 700 });
    expect(restoreBounds(null, [screen])).toBeNull();
  });

  it('saves the bounds after moves (debounced) and on close', async () => {
    const listeners = new Map<string, () => void>();
    const saved: unknown[] = [];
    let bounds = { x: 1, y: 2, width: 900, height: 600 };
    trackWindowState(
      { on: (e, l) => listeners.set(e, l), getNormalBounds: () => bounds, isMaximized: () => false },
      (b) => saved.push(b),
      10,
    );
    listeners.get('move')!();
    bounds = { ...bounds, x: 5 };
    listeners.get('resize')!();
    await new Promise((r) => setTimeout(r, 30));
    expect(saved).toEqual([{ x: 5, y: 2, width: 900, height: 600, maximized: false }]);
    listeners.get('close')!();
    expect(saved).toHaveLength(2);
  });
});
