/**
 * The renderer's side of "zod on both sides of IPC": wraps the preload's raw bridge so every argument is checked
 * before it leaves the page and every answer before the page uses it. (The sandboxed preload cannot load zod;
 * the main process checks the same schemas in src-main/ipc.)
 */
import { CHANNEL_SCHEMAS, CHANNELS, EVENT_SCHEMAS, EVENTS } from './contract.js';
import type { Bridge, BridgeMethod, EventChannel } from './contract.js';

export class BridgeContractError extends Error {
  override name = 'BridgeContractError';
}

type Invoke = (...args: unknown[]) => Promise<unknown>;
type Subscribe = (listener: (payload: unknown) => void) => () => void;

function checkedInvoke(raw: Bridge, method: BridgeMethod): Invoke {
  const channel = CHANNELS[method];
  const schema = CHANNEL_SCHEMAS[channel];
  const call = (raw[method] as Invoke).bind(raw);
  return async (...args) => {
    const request = schema.request.safeParse(args);
    if (!request.success) throw new BridgeContractError(`invalid arguments for ${method}`);
    const response = schema.response.safeParse(await call(...request.data));
    if (!response.success) throw new BridgeContractError(`invalid answer from ${method}`);
    return response.data;
  };
}

/** Listener payloads that fail their schema are dropped, not passed on half-valid. */
function checkedSubscribe(subscribe: Subscribe, event: EventChannel): Subscribe {
  const schema = EVENT_SCHEMAS[event];
  return (listener) =>
    subscribe((payload) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) listener(parsed.data);
    });
}

const SUBSCRIPTIONS = {
  onFilesOpened: EVENTS.filesOpened,
  onBackendStatus: EVENTS.backendStatus,
  onUploadProgress: EVENTS.uploadProgress,
} as const;

/**
 * The same functions as `raw`, validated. A function `raw` lacks (an older shell) stays absent, so callers can
 * still feature-test for it.
 */
export function checkedBridge(raw: Bridge): Bridge {
  const has = (name: string) => typeof (raw as unknown as Record<string, unknown>)[name] === 'function';
  const checked: Record<string, unknown> = {};
  for (const method of Object.keys(CHANNELS) as BridgeMethod[]) {
    if (has(method)) checked[method] = checkedInvoke(raw, method);
  }
  if (has('fileFromDrop')) {
    // The File goes to the preload untouched: only it can read the path (webUtils.getPathForFile).
    checked.fileFromDrop = async (file: File) => {
      const ref = CHANNEL_SCHEMAS[CHANNELS.registerDroppedFile].response.safeParse(
        await raw.fileFromDrop(file),
      );
      if (!ref.success) throw new BridgeContractError('invalid answer from fileFromDrop');
      return ref.data;
    };
  }
  for (const [name, event] of Object.entries(SUBSCRIPTIONS)) {
    const subscribe = (raw as unknown as Record<string, Subscribe>)[name];
    if (subscribe) checked[name] = checkedSubscribe(subscribe.bind(raw), event);
  }
  return checked as unknown as Bridge;
}
