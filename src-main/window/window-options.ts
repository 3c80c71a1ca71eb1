/**
 * The main window's BrowserWindow options in one pure function, so the Electron security checklist can be
 * asserted in a test without Electron: isolated, sandboxed, no Node, web security on, nothing experimental.
 */
import type { WindowBounds } from '../settings/settings-schema.js';

export interface MainWindowOptions {
  x?: number;
  y?: number;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    experimentalFeatures: false;
    webviewTag: false;
    navigateOnDragDrop: false;
    spellcheck: false;
    safeDialogs: true;
    devTools: boolean;
  };
}

export const DEFAULT_BOUNDS = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;

export function mainWindowOptions(input: {
  preload: string;
  title: string;
  bounds: WindowBounds | null;
  /** DevTools only in development builds. */
  devTools: boolean;
}): MainWindowOptions {
  const b = input.bounds;
  return {
    ...(b ? { x: b.x, y: b.y } : {}),
    width: b?.width ?? DEFAULT_BOUNDS.width,
    height: b?.height ?? DEFAULT_BOUNDS.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: input.title,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A file dropped outside the drop zone must not replace the page with a file:// URL.
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: input.devTools,
    },
  };
}
