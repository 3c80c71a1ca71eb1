import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CacheStore } from '../cache/cache-store.js';
import { desktopHandlers } from './desktop-handlers.js';
import type { DesktopServices, Dialogs } from './desktop-handlers.js';
import { FileGrants } from './file-grants.js';

const JOB = '11111111-1111-4111-8111-111111111111';
let dir: string;
let services: DesktopServices;
let dialogs: { [K in keyof Dialogs]: ReturnType<typeof vi.fn> };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-handlers-'));
  dialogs = {
    openDataFiles: vi.fn(async () => []),
    saveFile: vi.fn(async () => null),
    openResultZip: vi.fn(async () => null),
    saveResultZip: vi.fn(async () => null),
  };
  services = {
    backend: async () => ({ url: 'http://127.0.0.1:1', token: 't' }),
    appInfo: () => {
      throw new Error('unused');
    },
    backendSettings: () => ({ mode: 'embedded' }),
    setBackendSettings: vi.fn(async () => undefined),
    dialogs: dialogs as unknown as Dialogs,
    grants: new FileGrants(),
    cache: new CacheStore({ root: path.join(dir, 'cache'), maxBytes: 1_000_000 }),
    notify: vi.fn(),
    uploadProgress: vi.fn(),
    addRecentFile: vi.fn(),
    maxZipBytes: 1_000_000,
    upload: vi.fn(async (file: string, _backend, onProgress?: (s: number, t: number) => void) => {
      onProgress?.(5, 5);
      return {
        job_id: JOB,
        key: `inputs/${JOB}/${path.basename(file)}`,
        filename: path.basename(file),
        sizeBytes: 5,
      };
    }),
  };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('desktop handlers', () => {
  it('gives the page file refs for chosen files and uploads only those', async () => {
    const file = path.join(dir, '実験.csv');
    await writeFile(file, 'a,b\n');
    dialogs.openDataFiles.mockResolvedValue([file]);
    const h = desktopHandlers(services);
    const [ref] = await h['zs:open-file-dialog']();
    expect(ref).toMatchObject({ name: '実験.csv', sizeBytes: 4 });
    expect(services.addRecentFile).toHaveBeenCalledWith(file);
    const uploaded = await h['zs:upload-file'](ref!.id);
    expect(uploaded.filename).toBe('実験.csv');
    expect(services.upload).toHaveBeenCalledWith(
      file,
      { url: 'http://127.0.0.1:1', token: 't' },
      expect.any(Function),
    );
    expect(services.uploadProgress).toHaveBeenCalledWith({ fileId: ref!.id, sentBytes: 5, totalBytes: 5 });
    await expect(h['zs:upload-file']('22222222-2222-4222-8222-222222222222')).rejects.toThrow(
      /unknown file id/,
    );
  });

  it('registers dropped files only when they are regular files', async () => {
    const h = desktopHandlers(services);
    await expect(h['zs:register-dropped-file'](dir)).rejects.toThrow(/regular file/);
    await expect(h['zs:register-dropped-file']('relative.csv')).rejects.toThrow(/absolute/);
  });

  it('saves page bytes where the user chose, and nothing when cancelled', async () => {
    const h = desktopHandlers(services);
    expect(await h['zs:save-file']({ suggestedName: 'plot.png', bytes: new Uint8Array([1, 2]) })).toBe(false);
    const target = path.join(dir, 'plot.png');
    dialogs.saveFile.mockResolvedValue(target);
    expect(await h['zs:save-file']({ suggestedName: 'plot.png', bytes: new Uint8Array([1, 2]) })).toBe(true);
    expect([...(await readFile(target))]).toEqual([1, 2]);
  });

  it('exports a cached job as a zip and imports it back', async () => {
    const h = desktopHandlers(services);
    await h['zs:cache-put'](JOB, '{"ok":true}', []);
    const zip = path.join(dir, 'job.zip');
    expect(await h['zs:cache-export'](JOB)).toBe(false); // cancelled
    dialogs.saveResultZip.mockResolvedValue(zip);
    expect(await h['zs:cache-export'](JOB)).toBe(true);
    expect(await h['zs:cache-delete'](JOB)).toBe(true);
    dialogs.openResultZip.mockResolvedValue(zip);
    expect(await h['zs:cache-import']()).toBe(JOB);
    expect((await h['zs:cache-get'](JOB))?.resultJson).toBe('{"ok":true}');
  });
});
