import { describe, expect, it, vi } from 'vitest';
import { BridgeContractError, checkedBridge } from './checked-bridge.js';
import type { Bridge } from './contract.js';

const JOB = '11111111-1111-4111-8111-111111111111';

describe('checkedBridge', () => {
  it('checks arguments before they leave the page and answers before the page uses them', async () => {
    const raw = {
      getBackend: vi.fn(async () => ({ url: 'http://127.0.0.1:1', token: null })),
      cacheDelete: vi.fn(async () => 'yes'),
      cacheGet: vi.fn(async () => null),
    } as unknown as Bridge;
    const bridge = checkedBridge(raw);
    expect(await bridge.getBackend()).toEqual({ url: 'http://127.0.0.1:1', token: null });
    await expect(bridge.cacheGet('not-a-uuid')).rejects.toBeInstanceOf(BridgeContractError);
    expect(raw.cacheGet).not.toHaveBeenCalled();
    await expect(bridge.cacheDelete(JOB)).rejects.toThrow(/invalid answer/);
  });

  it('leaves out functions an older shell lacks, and drops malformed events', () => {
    let deliver: (payload: unknown) => void = () => undefined;
    const raw = {
      onBackendStatus: (l: (p: unknown) => void) => {
        deliver = l;
        return () => undefined;
      },
    } as unknown as Bridge;
    const bridge = checkedBridge(raw);
    expect(bridge.cacheList).toBeUndefined();
    const listener = vi.fn();
    bridge.onBackendStatus(listener);
    deliver({ state: 'nonsense' });
    deliver({ state: 'ready', restarts: 2, message: null });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ state: 'ready', restarts: 2, message: null });
  });
});
