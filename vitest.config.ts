/** One vitest run for unit and integration tests; e2e browser tests run in their own project. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: integration tests start servers and worker threads; more forks only thrash.
    maxWorkers: 2,
  },
});
