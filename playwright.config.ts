import { defineConfig } from '@playwright/test';

// Extension tests need a persistent context each; two cores, so one worker keeps them steady.
export default defineConfig({
  testDir: 'tests/e2e/chromium',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  // Parallel runs (TK_OUT_DIR) keep their traces apart.
  outputDir: process.env.TK_OUT_DIR ? `test-results/${process.env.TK_OUT_DIR.replace(/\W+/g, '')}` : 'test-results/default',
  reporter: process.env.PW_JSON_OUTPUT ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]] : [['list']],
  use: { trace: 'retain-on-failure' },
});
