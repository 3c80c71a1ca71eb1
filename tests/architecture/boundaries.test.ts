/**
 * Proves the process-boundary lint rules (STYLE.md §6) fire where they must and stay quiet where they
 * must not, so a config edit cannot silently open a boundary.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BOUNDARY_RULES = new Set(['no-restricted-imports', '@typescript-eslint/no-restricted-imports']);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Boundary messages for one import at `filePath` (the file need not exist). */
async function boundaryErrors(filePath: string, importLine: string): Promise<string[]> {
  // Use the import so unused-variable rules stay out of the picture; only boundary rules are read anyway.
  const code = `${importLine}\nexport const used = [x];\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${filePath}: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.message);
}

type Case = [file: string, importLine: string];

const forbidden: Case[] = [
  // src-shared runs in every process
  ['src-shared/x.ts', "import x from 'node:fs';"],
  ['src-shared/x.ts', "import x from 'fs';"],
  ['src-shared/x.ts', "import x from 'path';"],
  ['src-shared/x.ts', "import { app as x } from 'electron';"],
  ['src-shared/x.ts', "import x from 'react';"],
  ['src-shared/api/x.ts', "import { x } from '../../backend/core/errors.js';"],
  ['src-shared/x.ts', "import { x } from '../src-main/main.js';"],
  ['src-shared/x.ts', "import { x } from '../src-renderer/App.js';"],
  // the renderer is a sandboxed page
  ['src-renderer/x.tsx', "import { app as x } from 'electron';"],
  ['src-renderer/x.tsx', "import { ipcRenderer as x } from 'electron';"],
  ['src-renderer/x.tsx', "import x from 'node:path';"],
  ['src-renderer/x.tsx', "import x from 'child_process';"],
  ['src-renderer/features/x.tsx', "import { x } from '../../backend/api/app.js';"],
  ['src-renderer/x.ts', "import { x } from '../src-main/main.js';"],
  // the engine is pure
  ['backend/analysis/x.ts', "import x from 'pg';"],
  ['backend/analysis/x.ts', "import x from 'node:fs';"],
  ['backend/analysis/x.ts', "import x from 'worker_threads';"],
  ['backend/analysis/x.ts', "import x from 'fastify';"],
  ['backend/analysis/x.ts', "import x from 'axios';"],
  ['backend/analysis/x.ts', "import { app as x } from 'electron';"],
  ['backend/analysis/x.ts', "import { x } from '../core/jobs.js';"],
  ['backend/analysis/regression/x.ts', "import { x } from '../../adapters/blob-store.fs.js';"],
  ['backend/analysis/regression/x.ts', "import { x } from '../../../src-main/main.js';"],
  // the rest of the backend runs without Electron
  ['backend/api/x.ts', "import { app as x } from 'electron';"],
  ['backend/worker/x.ts', "import { x } from '../../src-renderer/App.js';"],
  ['backend/core/x.ts', "import { x } from '../../src-main/main.js';"],
  // the shell reaches the backend through its entry point only, and the page through the bridge
  ['src-main/x.ts', "import { x } from '../backend/core/jobs.js';"],
  ['src-main/x.ts', "import { x } from '../src-renderer/App.js';"],
  ['src-main/preload/x.ts', "import { CHANNELS as x } from '../../src-shared/ipc/contract.js';"],
  ['src-main/preload/x.ts', "import x from 'node:fs';"],
  // tests keep every boundary except Node built-ins
  ['src-shared/x.test.ts', "import { app as x } from 'electron';"],
  ['src-renderer/x.test.ts', "import { x } from '../backend/core/jobs.js';"],
  ['backend/analysis/x.test.ts', "import x from 'pg';"],
];

const allowed: Case[] = [
  ['src-shared/x.ts', "import { z as x } from 'zod';"],
  ['src-shared/x.ts', "import { x } from './path.js';"],
  ['src-shared/client/x.ts', "import { x } from '../api/index.js';"],
  ['src-renderer/x.tsx', "import { useState as x } from 'react';"],
  ['src-renderer/x.tsx', "import { x } from '../src-shared/api/index.js';"],
  ['src-renderer/x.tsx', "import { x } from './platform/bridge.js';"],
  ['backend/analysis/x.ts', "import { x } from './ols.js';"],
  ['backend/analysis/x.ts', "import { x } from '../../src-shared/api/index.js';"],
  ['backend/analysis/regression/x.ts', "import { x } from '../linear-algebra.js';"],
  ['backend/analysis/regression/x.ts', "import { x } from '../../../src-shared/api/index.js';"],
  ['backend/api/x.ts', "import x from 'node:fs';"],
  ['backend/api/x.ts', "import x from 'fastify';"],
  ['backend/worker/x.ts', "import { x } from '../analysis/ols.js';"],
  ['src-main/x.ts', "import { app as x } from 'electron';"],
  ['src-main/x.ts', "import x from 'node:path';"],
  ['src-main/x.ts', "import { startBackend as x } from '../backend/app/start-backend.js';"],
  ['src-main/x.ts', "import { x } from '../src-shared/ipc/contract.js';"],
  ['src-main/preload/x.ts', "import type { Bridge as x } from '../../src-shared/ipc/contract.js';"],
  // tests may read fixtures
  ['src-shared/x.test.ts', "import x from 'node:fs';"],
  ['src-renderer/x.test.ts', "import x from 'node:path';"],
  ['backend/analysis/x.test.ts', "import x from 'node:fs';"],
  ['backend/analysis/regression/x.test.ts', "import x from 'node:path';"],
];

describe('process boundaries (STYLE.md §6)', () => {
  it.each(forbidden)('%s: %s is an error that points to STYLE.md §6', async (file, line) => {
    const errors = await boundaryErrors(file, line);
    expect(errors.length).toBeGreaterThan(0);
    for (const message of errors) expect(message).toContain('STYLE.md §6');
  });

  it.each(allowed)('%s: %s is allowed', async (file, line) => {
    expect(await boundaryErrors(file, line)).toEqual([]);
  });
});

describe('TypeScript rules', () => {
  it('requires `import type` for type-only imports', async () => {
    const [result] = await eslint.lintText(
      "import { Bridge } from './contract.js';\nexport const f = (b: Bridge) => b;\n",
      { filePath: path.join(root, 'src-shared/ipc/x.ts') },
    );
    expect(result?.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/consistent-type-imports');
  });

  it('rejects `any`', async () => {
    const [result] = await eslint.lintText('export const f = (v: any) => v;\n', {
      filePath: path.join(root, 'src-renderer/x.ts'),
    });
    expect(result?.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-explicit-any');
  });
});
