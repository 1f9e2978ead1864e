import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  test: {
    environment: 'happy-dom',
    setupFiles: ['tests/unit/i18n-double.ts'],
    include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/fake-gitlab/**/*.test.ts'],
    server: { deps: { inline: ['zustand'] } },
  },
});
