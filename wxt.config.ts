import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Firefox needs a fixed add-on id (storage and the e2e tests' pinned UUID depend on it).
export const GECKO_ID = 'timekeeper@timekeeper-for-gitlab.dev';

export default defineConfig({
  // Parallel work (and the benchmark) can build into a directory of its own.
  outDir: process.env.TK_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Timekeeper for GitLab',
    description: 'Start, stop and log GitLab time tracking from the issue page and the toolbar.',
    permissions: ['storage', 'alarms', 'scripting', 'idle', 'notifications'],
    host_permissions: ['https://gitlab.com/*'],
    // Self-hosted GitLab servers: asked for one origin at a time when the user connects them.
    optional_host_permissions: manifestVersion === 3 ? ['https://*/*', 'http://*/*'] : undefined,
    optional_permissions: manifestVersion === 2 ? ['https://*/*', 'http://*/*'] : undefined,
    action: { default_title: 'Timekeeper for GitLab' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
