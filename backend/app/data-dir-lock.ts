/** Keeps two processes from opening the same embedded database folder, which would corrupt it. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/** Takes the folder's lock, replacing one left by a process that no longer exists; returns the release function. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'zerosec.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' creates the file only if it does not exist, so two starting processes cannot both win.
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return async () => {
        await rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new DataDirLockedError(
        `The data folder ${dir} is in use by process ${pid}. Close the other 0.00sec first, or set ZEROSEC_DATA_DIR to another folder.`,
      );
    }
    await rm(file, { force: true }); // stale: its process is gone
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dir}.`);
}
