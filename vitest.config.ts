import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Temp folders of the whole run go under one folder that is removed at the end.
    globalSetup: ['test/support/temp-root.ts'],
  },
});
