/**
 * The desktop shell's composition root: the only module that touches Electron's singletons. It wires the small,
 * separately tested parts (security, supervisor, cache, menus, settings, IPC) to the real `electron` objects, so
 * an analyst gets a locked-down window over the built UI and a backend that starts and survives by itself.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { EVENTS } from '../src-shared/ipc/contract.js';
import type { Notice } from '../src-shared/ipc/contract.js';
import { desktopPaths } from './app-paths.js';
import { BackendConnection } from './backend-supervisor/backend-connection.js';
import { utilityLauncher } from './backend-supervisor/launchers.js';
import { BackendSupervisor } from './backend-supervisor/supervisor.js';
import { CacheStore } from './cache/cache-store.js';
import { importJobZip } from './cache/cache-zip.js';
import { pickLocale, translator } from './i18n/messages.js';
import { desktopHandlers } from './ipc/desktop-handlers.js';
import type { Dialogs } from './ipc/desktop-handlers.js';
import { FileGrants } from './ipc/file-grants.js';
import { registerIpcHandlers, sendEvent } from './ipc/handlers.js';
import { RotatingLog } from './logging/rotating-log.js';
import { toElectronTemplate } from './menu/install-menu.js';
import { buildMenuTemplate } from './menu/menu-template.js';
import type { MenuCommand } from './menu/menu-template.js';
import { nativeDialogs } from './os-files/native-dialogs.js';
import { filesFromArgv, OpenQueue } from './os-files/open-requests.js';
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_SPLASH_URL,
} from './security/app-origin.js';
import { createAppProtocolHandler } from './security/app-protocol.js';
import { buildCsp } from './security/csp.js';
import { lockDownContents } from './security/navigation.js';
import { installPermissionPolicy } from './security/permissions.js';
import { addRecentFile } from './settings/recent-files.js';
import { SettingsStore } from './settings/settings-store.js';
import { mainWindowOptions } from './window/window-options.js';
import { restoreBounds, trackWindowState } from './window/window-state.js';
import { splashHtml } from './window/splash.js';

const HERE = import.meta.dirname; // dist/src-main
const RENDERER_DIR = path.join(HERE, '..', 'renderer');
const PRELOAD = path.join(HERE, 'preload', 'preload.js');
const BACKEND_ENTRY = path.join(HERE, 'backend-supervisor', 'backend-entry.js');

// Must run before `ready`: app:// is a standard, secure origin with fetch and CORS.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

const paths = desktopPaths((name) => app.getPath(name));
const shellLog = new RotatingLog(path.join(paths.logDir, 'shell.log'));
const backendLog = new RotatingLog(path.join(paths.logDir, 'backend.log'), {
  maxBytes: 10 * 1024 * 1024,
  keep: 5,
});
const settings = new SettingsStore(paths.settingsFile);
const openQueue = new OpenQueue();
const grants = new FileGrants();
let mainWindow: BrowserWindow | null = null;
let quitting = false;

const supervisor = new BackendSupervisor({
  launch: utilityLauncher(utilityProcess, { entry: BACKEND_ENTRY }),
  origins: [APP_ORIGIN],
  log: (line) => shellLog.line(line),
  childOutput: (text) => backendLog.write(text),
  onStatus: (status) => {
    sendEvent(mainWindow, EVENTS.backendStatus, status);
    if (status.state === 'failed' && !quitting)
      dialog.showErrorBox(t()('appName'), t()('error.backendFailed'));
    // A restart that had to take another port changes the URL: the page needs the new CSP and URL.
    if (status.state === 'ready' && mainWindow && lastUrl && supervisor.current()?.url !== lastUrl) {
      lastUrl = supervisor.current()?.url ?? null;
      void mainWindow.loadURL(APP_INDEX_URL);
    }
  },
});
let lastUrl: string | null = null;
const connection = new BackendConnection(supervisor, settings, () => void mainWindow?.loadURL(APP_INDEX_URL));

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function rememberRecent(file: string): void {
  app.addRecentDocument(file);
  void settings.update((s) => ({ ...s, recentFiles: addRecentFile(s.recentFiles, file) })).then(installMenu);
}

function deliverFiles(files: string[]): void {
  void Promise.all(files.map((f) => grants.grant(f).catch(() => null))).then((refs) => {
    const granted = refs.filter((r) => r !== null);
    files.forEach(rememberRecent);
    if (granted.length > 0) sendEvent(mainWindow, EVENTS.filesOpened, granted);
    focusMainWindow();
  });
}

const t = () => translator(pickLocale(app.getLocale()));
let dialogs: Dialogs | null = null;
const cache = () =>
  new CacheStore({
    root: paths.cacheDir,
    maxBytes: settings.get().cacheMaxBytes,
    log: (l) => shellLog.line(l),
  });
let cacheStore: CacheStore | null = null;

function runMenuCommand(command: MenuCommand): void {
  switch (command.id) {
    case 'open-file':
      void dialogs?.openDataFiles().then((files) => openQueue.push(files));
      return;
    case 'open-recent':
      openQueue.push([command.path]);
      return;
    case 'clear-recent':
      app.clearRecentDocuments();
      void settings.update((s) => ({ ...s, recentFiles: [] })).then(installMenu);
      return;
    case 'import-result':
      void dialogs?.openResultZip().then(async (zip) => {
        if (!zip || !cacheStore) return;
        const { readFile } = await import('node:fs/promises');
        await importJobZip(cacheStore, new Uint8Array(await readFile(zip))).catch((err: unknown) =>
          dialog.showErrorBox(t()('appName'), err instanceof Error ? err.message : String(err)),
        );
      });
      return;
    case 'open-logs':
      void shell.openPath(paths.logDir);
      return;
    case 'open-data':
      void shell.openPath(paths.userData);
      return;
    case 'about':
      void dialog.showMessageBox({
        title: t()('menu.help.about'),
        message: t()('appName'),
        detail: t()('about.detail', { version: app.getVersion(), electron: process.versions.electron ?? '' }),
      });
  }
}

function installMenu(): void {
  const template = buildMenuTemplate({
    t: t(),
    platform: process.platform,
    recentFiles: settings.get().recentFiles,
    devTools: !app.isPackaged,
    baseName: (f) => path.basename(f),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(toElectronTemplate(template, runMenuCommand) as MenuItemConstructorOptions[]),
  );
}

function notify(notice: Notice): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: notice.title, body: notice.body, silent: false });
  n.on('click', focusMainWindow);
  n.show();
}

function createWindow(): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const bounds = restoreBounds(settings.get().window, workAreas);
  const window = new BrowserWindow(
    mainWindowOptions({ preload: PRELOAD, title: t()('appName'), bounds, devTools: !app.isPackaged }),
  );
  if (bounds?.maximized) window.maximize();
  trackWindowState(window, (b) => void settings.update((s) => ({ ...s, window: b })).catch(() => undefined));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-finish-load', () => {
    if (window.webContents.getURL() === APP_INDEX_URL) openQueue.ready(deliverFiles);
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  return window;
}

async function showApp(window: BrowserWindow): Promise<void> {
  if (connection.mode() === 'embedded') {
    await window.loadURL(APP_SPLASH_URL);
    const endpoint = await supervisor.start();
    lastUrl = endpoint.url;
  }
  await window.loadURL(APP_INDEX_URL);
}

async function boot(): Promise<void> {
  await settings.load();
  cacheStore = cache();
  const translate = t();
  dialogs = nativeDialogs(dialog, () => mainWindow, translate);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rootDir: RENDERER_DIR,
      csp: () => buildCsp(connection.allowedUrls()),
      splashHtml: () => splashHtml(translate, pickLocale(app.getLocale())),
    }),
  );
  installPermissionPolicy(session.defaultSession);
  registerIpcHandlers(
    ipcMain,
    desktopHandlers({
      backend: () => connection.current(),
      appInfo: () => ({
        version: app.getVersion(),
        platform: process.platform,
        electron: process.versions.electron ?? '',
        locale: pickLocale(app.getLocale()),
        dataDir: paths.userData,
        logDir: paths.logDir,
        cacheDir: paths.cacheDir,
      }),
      backendSettings: () => settings.get().backend,
      setBackendSettings: (next) => connection.choose(next),
      dialogs,
      grants,
      cache: cacheStore,
      notify,
      uploadProgress: (p) => sendEvent(mainWindow, EVENTS.uploadProgress, p),
      addRecentFile: rememberRecent,
      maxZipBytes: settings.get().cacheMaxBytes,
    }),
    () => mainWindow,
  );
  installMenu();
  openQueue.push(filesFromArgv(process.argv, process.cwd()));
  mainWindow = createWindow();
  await showApp(mainWindow);
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data folder; it gets our files and focus through 'second-instance'.
  app.quit();
} else {
  app.enableSandbox();
  // macOS delivers files (Finder "open with", dock drops) before and after `ready`.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openQueue.push([file]);
  });
  app.on('second-instance', (_event, argv, cwd) => {
    openQueue.push(filesFromArgv(argv, cwd));
    focusMainWindow();
  });
  app.on('web-contents-created', (_event, contents) =>
    lockDownContents(contents, (url) => shell.openExternal(url)),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && app.isReady() && !quitting) {
      mainWindow = createWindow();
      void showApp(mainWindow);
    }
  });
  // Quit waits for the backend to finish its in-flight work and release the database.
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    shellLog.line('quitting');
    supervisor
      .stop()
      .catch((error: unknown) => shellLog.line(`stopping the backend failed: ${String(error)}`))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(boot)
    .catch(async (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      shellLog.line(`start failed: ${message}`);
      dialog.showErrorBox(t()('appName'), `${t()('error.startFailed')}\n${message}\n\n${paths.logDir}`);
      await supervisor.stop().catch(() => undefined);
      app.exit(1);
    });
}
