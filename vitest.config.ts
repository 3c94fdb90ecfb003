import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

export default defineConfig({
  plugins: [solid()],
  test: {
    include: ['functions/**/*.test.ts', 'shared/**/*.test.ts', 'jobs/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts', 'web/**/*.test.{ts,tsx}', '*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: argon2 and the browser tests are heavy; two workers keep the machine responsive.
    maxWorkers: 2,
  },
});
