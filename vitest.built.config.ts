import { defineConfig } from 'vitest/config';

// Checks of the built extension (manifests, bundled code): `npm test` runs them after the builds.
export default defineConfig({
  test: { environment: 'node', include: ['tests/built/**/*.test.ts'] },
});
