/** Where an installed app keeps its database, files and logs when nothing else is configured. */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = '0.00sec';

/** The OS's per-user application-data folder: %APPDATA%, ~/Library/Application Support, or $XDG_DATA_HOME. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), APP_FOLDER_NAME);
}
