import { defineConfig } from 'vitest/config';

// End-to-end tests in real Firefox: one browser at a time, generous timeouts, plain Node.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/firefox/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
