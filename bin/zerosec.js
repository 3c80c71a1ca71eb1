#!/usr/bin/env node
// Launches the compiled CLI (npm run build:backend writes it to dist/); plain JS so it runs without a TypeScript loader.
import { access } from 'node:fs/promises';

const entry = new URL('../dist/backend/cli/main.js', import.meta.url);

try {
  await access(entry);
} catch {
  process.stderr.write('zerosec: the CLI is not built yet; run `npm run build` first\n');
  process.exit(2);
}

const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
