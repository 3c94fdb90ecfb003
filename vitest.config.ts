import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    reporters: ['default', './tests/support/summary-reporter.ts'],
    include: ['functions/**/*.test.ts', 'shared/**/*.test.ts', 'jobs/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts', 'web/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: argon2, child processes and the browser are heavy; two workers keep the machine responsive.
    maxWorkers: 2,
  },
});
