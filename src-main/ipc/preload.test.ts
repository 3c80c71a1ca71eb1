/** The preload against a fake `electron`: what it exposes, on which channels it calls, what listeners receive. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../src-shared/ipc/contract.js';
import type { Bridge } from '../../src-shared/ipc/contract.js';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => 'answer'),
  listeners: new Map<string, (event: unknown, payload: unknown) => void>(),
  getPathForFile: vi.fn((file: { path?: string }) => file.path ?? ''),
}));

/**
 * Runs the preload the way a sandboxed renderer does: compiled to CommonJS, with a `require` that knows only
 * `electron` (any other require would throw, as it does in the sandbox).
 */
let bridge: Bridge;
beforeAll(async () => {
  const source = await readFile(fileURLToPath(new URL('../preload/preload.ts', import.meta.url)), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
    },
  });
  const api = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
    ipcRenderer: {
      invoke: electron.invoke,
      on: (channel: string, l: (event: unknown, payload: unknown) => void) =>
        electron.listeners.set(channel, l),
      removeListener: (channel: string) => electron.listeners.delete(channel),
    },
    webUtils: { getPathForFile: electron.getPathForFile },
  };
  const sandboxRequire = (name: string) => {
    if (name !== 'electron') throw new Error(`module not found: ${name}`);
    return api;
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', outputText)(sandboxRequire, module, module.exports);
  bridge = electron.exposed.get('zeroSec') as Bridge;
});

describe('preload', () => {
  it('exposes one object, window.zeroSec, of plain functions (no ipcRenderer)', () => {
    expect([...electron.exposed.keys()]).toEqual(['zeroSec']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.keys(bridge)).not.toContain('ipcRenderer');
    const expected = [
      ...Object.keys(CHANNELS).filter((k) => k !== 'registerDroppedFile'),
      'fileFromDrop',
      'onFilesOpened',
      'onBackendStatus',
      'onUploadProgress',
    ];
    expect(Object.keys(bridge).sort()).toEqual(expected.sort());
  });

  it('calls the contract channel of each function with its arguments', async () => {
    await bridge.cacheGetArtifact('id', 'key');
    expect(electron.invoke).toHaveBeenLastCalledWith(CHANNELS.cacheGetArtifact, 'id', 'key');
    await bridge.getBackend();
    expect(electron.invoke).toHaveBeenLastCalledWith(CHANNELS.getBackend);
    await bridge.setBackendSettings({ mode: 'embedded' });
    expect(electron.invoke).toHaveBeenLastCalledWith(CHANNELS.setBackendSettings, { mode: 'embedded' });
  });

  it('turns a dropped File into a path for the main process, and refuses one without a path', async () => {
    await bridge.fileFromDrop({ path: '/home/a/data.csv' } as unknown as File);
    expect(electron.invoke).toHaveBeenLastCalledWith(CHANNELS.registerDroppedFile, '/home/a/data.csv');
    await expect(bridge.fileFromDrop({} as File)).rejects.toThrow(/not a file/);
  });

  it('hands listeners the payload only, and unsubscribes', () => {
    const listener = vi.fn();
    const off = bridge.onBackendStatus(listener);
    const sender = { secret: true };
    electron.listeners.get(EVENTS.backendStatus)!({ sender }, { state: 'ready', restarts: 0, message: null });
    expect(listener).toHaveBeenCalledWith({ state: 'ready', restarts: 0, message: null });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(electron.listeners.has(EVENTS.backendStatus)).toBe(false);
  });
});
