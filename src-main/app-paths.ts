/** Where the desktop shell keeps its own files, derived from Electron's per-user folders in one place. */
import path from 'node:path';

export interface DesktopPaths {
  userData: string;
  /** Offline result cache: `<userData>/cache` (jobs under `cache/jobs/<id>/`). */
  cacheDir: string;
  /** Shell and backend logs. */
  logDir: string;
  settingsFile: string;
}

export function desktopPaths(getPath: (name: 'userData' | 'logs') => string): DesktopPaths {
  const userData = getPath('userData');
  return {
    userData,
    cacheDir: path.join(userData, 'cache'),
    logDir: getPath('logs'),
    settingsFile: path.join(userData, 'settings.json'),
  };
}
