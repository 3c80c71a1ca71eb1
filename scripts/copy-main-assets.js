// Copies what tsc does not emit next to the compiled Electron main process: the preload folder's package.json,
// which marks the compiled preload as CommonJS (a sandboxed preload cannot be an ES module).
import { copyFileSync } from 'node:fs';

copyFileSync('src-main/preload/package.json', 'dist/src-main/preload/package.json');
