/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security, "Checklist: Security
 * recommendations"), item by item, checked against the shell's real options, policy and handlers without the
 * Electron binary. Numbers follow the checklist. Not checked here: 19 (fuses) — electron-builder 25 has no
 * `electronFuses` option, so fuses stay at Electron's defaults until an afterPack hook with @electron/fuses (or
 * electron-builder ≥ 26) sets them; see README "Desktop app".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME_PRIVILEGES } from './app-origin.js';
import { buildCsp, parseCsp } from './csp.js';
import { isSafeExternalUrl, lockDownContents } from './navigation.js';
import type { LockableContents } from './navigation.js';
import { installPermissionPolicy, isPermissionAllowed } from './permissions.js';
import type { PermissionSession } from './permissions.js';
import { mainWindowOptions } from '../window/window-options.js';
import { assertTrustedSender } from '../ipc/handlers.js';

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
const options = mainWindowOptions({
  preload: '/app/preload.js',
  title: '0.00sec',
  bounds: null,
  devTools: false,
});
const prefs = options.webPreferences as Record<string, unknown>;
const EMBEDDED = 'http://127.0.0.1:53124';
const csp = parseCsp(buildCsp([EMBEDDED]));
const mainSource = read('../main.ts');

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const contents = {
    on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) =>
      listeners.set(name, listener),
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
  } as unknown as LockableContents;
  const fire = (name: string, url?: string) => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)!(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('Electron security checklist', () => {
  it('1. only secure content: the UI comes from the app:// scheme (secure, standard), scripts only from it', () => {
    expect(APP_INDEX_URL.startsWith(`${APP_ORIGIN}/`)).toBe(true);
    expect(APP_SCHEME_PRIVILEGES.secure).toBe(true);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(mainSource).not.toMatch(/loadURL\(\s*['"`]https?:/);
  });

  it('2. no Node.js integration for any content (page, workers, sub-frames)', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('3. context isolation is on', () => {
    expect(prefs.contextIsolation).toBe(true);
  });

  it('4. process sandboxing: sandbox on for the window and enabled app-wide', () => {
    expect(prefs.sandbox).toBe(true);
    expect(mainSource).toContain('app.enableSandbox()');
  });

  it('5. permission requests are denied by default (only notifications for the app page)', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
    installPermissionPolicy({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    });
    for (const permission of [
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'hid',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      request!(null, permission, callback, { requestingUrl: APP_INDEX_URL, isMainFrame: true });
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!(null, permission, APP_ORIGIN, { isMainFrame: true })).toBe(false);
    }
    expect(isPermissionAllowed('notifications', APP_INDEX_URL, true)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/', true)).toBe(false);
    expect(isPermissionAllowed('notifications', APP_INDEX_URL, false)).toBe(false);
  });

  it('6. webSecurity is not disabled', () => {
    expect(prefs.webSecurity).toBe(true);
  });

  it('7. a Content-Security-Policy: nothing by default, no inline or eval scripts, network only to the backend', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    for (const sources of csp.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain('*');
    }
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('connect-src')).toEqual(["'self'", EMBEDDED]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    // A remote backend replaces the embedded one; the splash (no backend yet) may reach nothing.
    expect(parseCsp(buildCsp(['https://zerosec.example.com/api'])).get('connect-src')).toEqual([
      "'self'",
      'https://zerosec.example.com',
    ]);
    expect(parseCsp(buildCsp([])).get('connect-src')).toEqual(["'self'"]);
    expect(() => buildCsp(['javascript:alert(1)'])).toThrow();
  });

  it('8. allowRunningInsecureContent is off', () => {
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('9–10. no experimental features, no enableBlinkFeatures', () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('11–12. no <webview> (so no allowpopups, no unverified options): the tag is disabled and attaching one is prevented', () => {
    expect(prefs.webviewTag).toBe(false);
    const { contents, fire } = fakeContents();
    lockDownContents(contents, vi.fn());
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('13. navigation is limited to the app; links go to the OS browser', () => {
    const openExternal = vi.fn();
    const { contents, fire } = fakeContents();
    lockDownContents(contents, openExternal);
    expect(fire('will-navigate', 'https://example.com/help')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.com/help');
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('14. new windows are never created; web links open in the OS browser', () => {
    const openExternal = vi.fn();
    const { contents, open } = fakeContents();
    lockDownContents(contents, openExternal);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/');
  });

  it('15. shell.openExternal only with validated http(s) URLs', () => {
    expect(isSafeExternalUrl('https://example.com/a?b=c')).toBe(true);
    for (const bad of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'https://user:pw@example.com/',
      'https://exa mple.com/',
      'https://example.com/\n',
      'not a url',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
  });

  it('16. a current Electron, pinned exactly', () => {
    const pkg = JSON.parse(read('../../package.json')) as { devDependencies: Record<string, string> };
    const version = pkg.devDependencies.electron!;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(41);
  });

  it('17. the sender of every IPC message is validated (main window, top frame, app origin)', () => {
    const mainFrame = { url: APP_INDEX_URL };
    const webContents = { mainFrame, send: vi.fn() };
    const window = { isDestroyed: () => false, webContents };
    expect(() => assertTrustedSender({ sender: webContents, senderFrame: mainFrame }, window)).not.toThrow();
    expect(() => assertTrustedSender({ sender: {}, senderFrame: mainFrame }, window)).toThrow(/main window/);
    expect(() =>
      assertTrustedSender({ sender: webContents, senderFrame: { url: APP_INDEX_URL } }, window),
    ).toThrow(/top frame/);
    const evilFrame = { url: 'https://evil.example/' };
    const evil = { isDestroyed: () => false, webContents: { mainFrame: evilFrame, send: vi.fn() } };
    expect(() => assertTrustedSender({ sender: evil.webContents, senderFrame: evilFrame }, evil)).toThrow(
      /app page/,
    );
    expect(() => assertTrustedSender({ sender: webContents, senderFrame: mainFrame }, null)).toThrow();
  });

  it('18. no file:// for the UI: pages load from app://', () => {
    expect(mainSource).not.toContain('loadFile(');
    expect(mainSource).toContain('loadURL(APP_INDEX_URL)');
  });

  it('20. Electron APIs are not exposed to the page: the preload exposes named functions only', () => {
    const preload = read('../preload/preload.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\b\s*\)/);
    expect(preload).not.toMatch(/:\s*electron\.ipcRenderer\b[,\s}]/);
    // Event listeners get the payload only, never the IpcRendererEvent (it carries `sender`).
    expect(preload).toContain('listener(payload');
  });
});
