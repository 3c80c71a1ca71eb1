/**
 * The desktop shell: one locked-down window over the built UI, with the embedded backend started before
 * it and closed after it, so an analyst gets a working app from a double-click and nothing else.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import type { WebContents } from 'electron';
import { startBackend } from '../backend/app/start-backend.js';
import { registerIpcHandlers } from './ipc/handlers.js';

type RunningBackend = Awaited<ReturnType<typeof startBackend>>;

const RENDERER_INDEX = path.join(import.meta.dirname, '..', 'renderer', 'index.html');
const PRELOAD = path.join(import.meta.dirname, 'preload', 'preload.js');

let mainWindow: BrowserWindow | null = null;
let backend: RunningBackend | null = null;
let backendUrl: string | null = null;
let shuttingDown = false;

/** Opens http(s) links in the user's browser; anything else (file:, javascript:, custom schemes) is dropped. */
function openExternalIfWeb(url: string): void {
  try {
    const { protocol } = new URL(url);
    if (protocol === 'http:' || protocol === 'https:') void shell.openExternal(url);
  } catch {
    // not a URL: ignore
  }
}

/** Every web contents (windows, and any that might appear later) stays on the bundled page. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalIfWeb(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfWeb(url);
    return { action: 'deny' };
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: '0.00sec',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadFile(RENDERER_INDEX);
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function boot(): Promise<void> {
  // Nothing the page asks for (camera, notifications, geolocation, ...) is granted.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  backend = await startBackend({
    mode: 'all',
    host: '127.0.0.1',
    port: 0,
    // No dataDir: the same folder as web mode and the CLI (ZEROSEC_DATA_DIR or the OS app-data folder),
    // so an analyst sees the same jobs whichever way the app was started.
  });
  backendUrl = backend.url;
  if (!backendUrl) throw new Error('the embedded backend did not report a URL');

  registerIpcHandlers(
    {
      'zs:get-backend': () => {
        if (!backendUrl) throw new Error('the backend is not running');
        return { url: backendUrl, token: null };
      },
      'zs:get-app-info': () => ({ version: app.getVersion(), platform: process.platform }),
    },
    () => mainWindow,
  );

  mainWindow = createWindow();
}

async function closeBackend(): Promise<void> {
  const running = backend;
  backend = null;
  backendUrl = null;
  if (running) await running.close();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data folder; it gets focused through 'second-instance'.
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && backend && !shuttingDown) mainWindow = createWindow();
  });

  // Quit waits for the backend to finish its in-flight work and release the database.
  app.on('before-quit', (event) => {
    if (!backend) return;
    event.preventDefault();
    if (shuttingDown) return;
    shuttingDown = true;
    closeBackend()
      .catch((error: unknown) => console.error('0.00sec: closing the backend failed', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(boot)
    .catch(async (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('0.00sec', `The app could not start / 起動できませんでした:\n${message}`);
      await closeBackend().catch(() => undefined);
      app.exit(1);
    });
}
