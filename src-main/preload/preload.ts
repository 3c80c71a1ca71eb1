/**
 * The only file that touches contextBridge: it gives the sandboxed page a few named functions
 * (`window.zeroSec`) instead of raw IPC, so the page can ask the shell for nothing else.
 *
 * A sandboxed preload can `require` only `electron` and a few Node shims, never our own modules, so
 * the contract is imported for types only and the channel names below are checked against it.
 */
import type { AppInfo, BackendInfo, Bridge, BRIDGE_GLOBAL, Channel } from '../../src-shared/ipc/contract.js';
// CommonJS on purpose (see ./package.json); the one `require` allowed in src-main (STYLE.md §1.10).
import electron = require('electron');

const GET_BACKEND = 'zs:get-backend' satisfies Channel;
const GET_APP_INFO = 'zs:get-app-info' satisfies Channel;

function invoke(channel: Channel): Promise<unknown> {
  if (!channel.startsWith('zs:')) return Promise.reject(new Error(`refused IPC channel ${channel}`));
  return electron.ipcRenderer.invoke(channel);
}

const bridge = {
  // The main process validates the response against the contract schema before sending it.
  getBackend: () => invoke(GET_BACKEND) as Promise<BackendInfo>,
  getAppInfo: () => invoke(GET_APP_INFO) as Promise<AppInfo>,
} satisfies Bridge;

electron.contextBridge.exposeInMainWorld('zeroSec' satisfies typeof BRIDGE_GLOBAL, bridge);
