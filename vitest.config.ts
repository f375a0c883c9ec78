import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: integration tests spawn the CLI, worker threads and browsers themselves.
    maxWorkers: 2,
    reporters: process.env.CI === 'true' ? ['default'] : ['default'],
  },
});
