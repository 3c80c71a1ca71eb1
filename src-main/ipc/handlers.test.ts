import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../src-shared/ipc/contract.js';
import type { Channel } from '../../src-shared/ipc/contract.js';
import { registerIpcHandlers, sendEvent } from './handlers.js';
import type { Handlers, InvokeEvent, IpcMainLike } from './handlers.js';

const JOB = '11111111-1111-4111-8111-111111111111';
const mainFrame = { url: 'app://zerosec/index.html' };
const webContents = { mainFrame, send: vi.fn() };
const window = { isDestroyed: () => false, webContents };
const trusted: InvokeEvent = { sender: webContents, senderFrame: mainFrame };

function setup(overrides: Partial<Handlers> = {}) {
  const registered = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => registered.set(channel, listener),
    removeHandler: (channel) => registered.delete(channel),
  };
  const handlers = Object.fromEntries(
    Object.values(CHANNELS).map((c) => [c, vi.fn(async () => undefined)]),
  ) as unknown as Handlers;
  Object.assign(handlers, overrides);
  const remove = registerIpcHandlers(ipc, handlers, () => window);
  const call = (channel: Channel, event: InvokeEvent, ...args: unknown[]) =>
    Promise.resolve().then(() => registered.get(channel)!(event, ...args));
  return { registered, handlers, remove, call };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels, all with the zs: prefix, and removes them', () => {
    const { registered, remove } = setup();
    expect([...registered.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
    for (const channel of registered.keys()) expect(channel.startsWith('zs:')).toBe(true);
    remove();
    expect(registered.size).toBe(0);
  });

  it('passes valid calls through and checks the answer', async () => {
    const { call } = setup({
      'zs:cache-delete': async () => true,
      'zs:get-backend': async () => ({ url: 'http://127.0.0.1:5000', token: 't' }),
    });
    await expect(call('zs:cache-delete', trusted, JOB)).resolves.toBe(true);
    await expect(call('zs:get-backend', trusted)).resolves.toEqual({
      url: 'http://127.0.0.1:5000',
      token: 't',
    });
  });

  it.each([
    ['zs:cache-delete', ['not-a-uuid']],
    ['zs:cache-delete', [JOB, 'extra']],
    ['zs:cache-delete', []],
    ['zs:cache-get-artifact', [JOB, 'x'.repeat(2000)]],
    ['zs:cache-put', [JOB, '{}', [{ artifact: {}, bytes: 'not bytes' }]]],
    ['zs:set-backend-settings', [{ mode: 'remote', url: 'file:///etc/passwd', token: null }]],
    ['zs:set-backend-settings', [{ mode: 'remote', url: 'https://x.example', token: 'has space' }]],
    ['zs:save-file', [{ suggestedName: '../../evil.sh', bytes: new Uint8Array(1) }]],
    ['zs:notify', [{ title: '', body: 'x' }]],
    ['zs:upload-file', ['../../etc/passwd']],
    ['zs:register-dropped-file', [42]],
    ['zs:get-app-info', ['unexpected']],
  ] as const)('rejects malformed arguments on %s %j', async (channel, args) => {
    const { call, handlers } = setup();
    await expect(call(channel, trusted, ...args)).rejects.toThrow(/invalid arguments/);
    expect(handlers[channel]).not.toHaveBeenCalled();
  });

  it('rejects calls from another window, a sub-frame or a non-app page', async () => {
    const { call, handlers } = setup();
    await expect(call('zs:cache-list', { sender: {}, senderFrame: mainFrame })).rejects.toThrow(
      /main window/,
    );
    await expect(
      call('zs:cache-list', { sender: webContents, senderFrame: { url: mainFrame.url } }),
    ).rejects.toThrow(/top frame/);
    await expect(call('zs:cache-list', { sender: webContents, senderFrame: null })).rejects.toThrow(
      /top frame/,
    );
    expect(handlers['zs:cache-list']).not.toHaveBeenCalled();
  });

  it('refuses to pass an answer that does not fit the contract', async () => {
    const { call } = setup({ 'zs:cache-list': async () => [{ jobId: 'nope' }] as never });
    await expect(call('zs:cache-list', trusted)).rejects.toThrow(/invalid answer/);
  });
});

describe('sendEvent', () => {
  it('sends checked payloads and nothing to a closed window', () => {
    webContents.send.mockClear();
    sendEvent(window, EVENTS.backendStatus, { state: 'ready', restarts: 0, message: null });
    expect(webContents.send).toHaveBeenCalledWith('zs:backend-status', {
      state: 'ready',
      restarts: 0,
      message: null,
    });
    expect(() => sendEvent(window, EVENTS.backendStatus, { state: 'bogus' } as never)).toThrow();
    sendEvent({ ...window, isDestroyed: () => true }, EVENTS.filesOpened, []);
    sendEvent(null, EVENTS.filesOpened, []);
    expect(webContents.send).toHaveBeenCalledTimes(1);
  });
});
