/** The app's version and install folder, from the nearest package.json named zerosec. */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackage(): { root: string; version: string } {
  // Source (backend/) and compiled (dist/backend/) sit at different depths below package.json.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'zerosec' && pkg.version) return { root: dir, version: pkg.version };
    }
    dir = path.dirname(dir);
  }
  return { root: process.cwd(), version: '0.0.0-unknown' };
}

const pkg = findPackage();
export const APP_VERSION = pkg.version;
/** The folder holding package.json (the repository, or the app's resources when packaged). */
export const PACKAGE_ROOT = pkg.root;
