/**
 * Lint for the whole repository, and the enforcement of the process boundaries (STYLE.md §6): each folder
 * runs in one kind of process, and an import that only works in another process is an error here rather
 * than a crash in the packaged app. Do not relax a boundary to make an import pass; move the code instead.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const STYLE = 'See STYLE.md §6 "Process boundaries".';
const TS = '**/*.{ts,tsx,mts,cts}';
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/** Node built-ins by bare name (`fs`, `fs/promises`, ...); the `node:` forms are a pattern below. */
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

/**
 * One forbidden group: exact module names (`paths`) and gitignore-style patterns (`patterns`, `regex`),
 * all reported with the same message. Bare built-ins are matched exactly so that `./path.js` stays legal.
 */
const group = (message, { names = [], patterns = [], regex = [] }) => ({ message, names, patterns, regex });

const nodeOnly = (where) =>
  group(`${where} Node built-ins are not available there; pass data in from a Node-side caller. ${STYLE}`, {
    names: NODE_BUILTINS,
    patterns: ['node:*'],
  });

const electronOnlyInMain = (where) =>
  group(
    `${where} Only src-main may import electron; the page reaches the shell through platform/bridge.ts. ${STYLE}`,
    {
      names: ['electron'],
      patterns: ['electron/*'],
    },
  );

/** Turns groups into a `no-restricted-imports` option. */
function restrictions(groups) {
  return {
    paths: groups.flatMap((g) => g.names.map((name) => ({ name, message: g.message }))),
    patterns: groups.flatMap((g) => [
      ...(g.patterns.length > 0 ? [{ group: g.patterns, message: g.message }] : []),
      ...g.regex.map((regex) => ({ regex, message: g.message })),
    ]),
  };
}

/**
 * Two config blocks for one folder: all groups for its code, and the same minus the Node built-ins for
 * its tests (tests may read fixtures from disk, but keep every other boundary).
 */
function boundary(files, { node, others }) {
  const blocks = [
    {
      name: `boundaries: ${files.join(', ')}`,
      files,
      ignores: TESTS,
      rules: { 'no-restricted-imports': ['error', restrictions(node ? [node, ...others] : others)] },
    },
  ];
  if (node) {
    blocks.push({
      name: `boundaries (tests): ${files.join(', ')}`,
      files: files.map((f) => f.replace(/\*\.\{ts,tsx\}$/, '*.test.{ts,tsx}')),
      rules: { 'no-restricted-imports': ['error', restrictions(others)] },
    });
  }
  return blocks;
}

// ---- src-shared: runs in every process, so it may import only itself and portable npm packages.
const shared = 'src-shared runs in every process (browser, Node, Electron).';
const sharedBoundary = boundary(['src-shared/**/*.{ts,tsx}'], {
  node: nodeOnly(shared),
  others: [
    electronOnlyInMain(shared),
    group(`${shared} UI code belongs in src-renderer; keep src-shared free of React. ${STYLE}`, {
      names: ['react', 'react-dom'],
      patterns: ['react/*', 'react-dom/*'],
    }),
    group(
      `${shared} It imports nothing of ours outside src-shared: put the contract here, the code there. ${STYLE}`,
      {
        patterns: [
          '**/backend/**',
          '**/src-main/**',
          '**/src-renderer/**',
          '@backend/*',
          '@main/*',
          '@renderer/*',
        ],
      },
    ),
  ],
});

// ---- src-renderer: the sandboxed page; talks HTTP to the backend and to the shell via the bridge.
const renderer = 'The renderer is a sandboxed web page.';
const rendererBoundary = boundary(['src-renderer/**/*.{ts,tsx}'], {
  node: nodeOnly(renderer),
  others: [
    electronOnlyInMain(renderer),
    group(
      `${renderer} It may import only src-renderer and src-shared: call the backend over HTTP (src-shared/client) and the shell through platform/bridge.ts. ${STYLE}`,
      { patterns: ['**/backend/**', '**/src-main/**', '@backend/*', '@main/*'] },
    ),
  ],
});

// ---- src-main: the Electron main process. It starts the backend through its one entry point only.
const main = 'src-main is the Electron shell.';
const mainBoundary = boundary(['src-main/**/*.{ts,tsx}'], {
  node: null,
  others: [
    group(
      `${main} It reaches the page only through the preload bridge (src-shared/ipc/contract.ts). ${STYLE}`,
      {
        patterns: ['**/src-renderer/**', '@renderer/*'],
      },
    ),
    group(`${main} It may start the backend (backend/app/start-backend.ts) but not reach into it. ${STYLE}`, {
      patterns: ['@backend/*'],
      // A regex, not a negated glob: gitignore globs cannot re-include a file below an excluded folder.
      regex: ['(^|/)backend/(?!app/start-backend\\.js$)'],
    }),
  ],
});

// ---- backend/analysis: the pure numeric engine. Relative imports may not leave the analysis folder
// except into src-shared; one block per folder depth, because a relative path's reach depends on it.
const analysis = 'backend/analysis is the pure numeric engine (no I/O, no clock, no network).';
const ANALYSIS_DEPTHS = 6;
const analysisOthers = (depth) => [
  electronOnlyInMain(analysis),
  group(
    `${analysis} Servers, databases, HTTP clients, file parsers and UI belong in the rest of the backend; the engine takes data in and returns typed results. ${STYLE}`,
    {
      names: [
        'fastify',
        'pg',
        'axios',
        'axios-retry',
        'pino',
        'exceljs',
        'papaparse',
        'react',
        'react-dom',
        'undici',
      ],
      patterns: ['@fastify/*', 'fastify-*', 'pg-*', '@electric-sql/*', '@aws-sdk/*', 'react/*'],
    },
  ),
  group(
    `${analysis} It may import only backend/analysis, src-shared and numeric libraries; have the caller pass data in instead. ${STYLE}`,
    {
      patterns: ['@backend/*', '@main/*', '@renderer/*'],
      // From a file `depth` folders below backend/analysis, `../` × (depth + 1) leaves the engine.
      regex: [`^(\\.\\./){${depth + 1}}(?!analysis/|\\.\\./src-shared/)`],
    },
  ),
];
const analysisBoundary = Array.from({ length: ANALYSIS_DEPTHS }, (_, depth) =>
  boundary([`backend/analysis/${'*/'.repeat(depth)}*.{ts,tsx}`], {
    node: nodeOnly(analysis),
    others: analysisOthers(depth),
  }),
).flat();

// ---- backend (everything else): Node, never the UI or the shell.
const backend = 'The backend is a Node service that also runs without Electron (server, AWS).';
const backendBoundary = boundary(['backend/**/*.{ts,tsx}'], {
  node: null,
  others: [
    group(`${backend} Electron exists only in the desktop shell (src-main). ${STYLE}`, {
      names: ['electron'],
      patterns: ['electron/*'],
    }),
    group(`${backend} It serves the built UI as files; it never imports src-renderer or src-main. ${STYLE}`, {
      patterns: ['**/src-renderer/**', '**/src-main/**', '@renderer/*', '@main/*'],
    }),
  ],
}).map((block) => ({ ...block, ignores: [...(block.ignores ?? []), 'backend/analysis/**'] }));

export default defineConfig(
  {
    name: 'ignores',
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      'test-results/**',
      'backend/analysis/__fixtures__/**',
      '**/__fixtures__/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'typescript',
    files: [TS],
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'globals: Node',
    files: ['backend/**', 'src-main/**', 'scripts/**', 'bin/**', 'tests/**', 'bench/**', '*.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  { name: 'globals: browser', files: ['src-renderer/**'], languageOptions: { globals: globals.browser } },
  {
    name: 'globals: shared',
    files: ['src-shared/**'],
    languageOptions: { globals: globals['shared-node-browser'] },
  },
  ...sharedBoundary,
  ...rendererBoundary,
  ...mainBoundary,
  {
    // The sandboxed preload can `require` only electron: our modules are for types only (STYLE.md §6).
    name: 'boundaries: src-main/preload',
    files: ['src-main/preload/**/*.ts'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^electron$'] }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({
            name,
            message: `A sandboxed preload has no Node built-ins. ${STYLE}`,
          })),
          patterns: [
            { group: ['node:*'], message: `A sandboxed preload has no Node built-ins. ${STYLE}` },
            {
              regex: '^\\.',
              allowTypeImports: true,
              message: `A sandboxed preload cannot load our modules at run time: use \`import type\` and re-declare constants checked with \`satisfies\`. ${STYLE}`,
            },
          ],
        },
      ],
    },
  },
  ...analysisBoundary,
  ...backendBoundary,
  prettier,
);
