import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { GITLAB_COM, itemPagePatterns } from './lib/model/host-access';
import { noRawHtml } from './scripts/build/no-raw-html';
import { inlinePopupStyles, ownBuildForPopup } from './scripts/build/popup-page';

// Firefox needs a fixed add-on id (storage and the e2e tests' pinned UUID depend on it).
export const GECKO_ID = 'timekeeper@timekeeper-for-gitlab.dev';

/** Chrome 120: alarms as short as 30 s (the outbox's retries), on top of storage.session (102) and color-mix() (111). */
export const MINIMUM_CHROME_VERSION = '120';

const NATIVE_BROWSER = fileURLToPath(new URL('./lib/content/native-browser.ts', import.meta.url));

/**
 * The scripts that run in GitLab pages (the loader and the widget, both unlisted scripts) get
 * the browser's own `browser`/`chrome` instead of webextension-polyfill (see
 * lib/content/native-browser.ts): every gzipped KB counts there. Extension pages and the
 * background keep the polyfill.
 */
function nativeBrowserInPageScripts(): Plugin {
  return {
    name: 'timekeeper:native-browser-in-page-scripts',
    enforce: 'pre',
    resolveId: (id) => (id === 'webextension-polyfill' || id === '@wxt-dev/webextension-polyfill/browser' ? NATIVE_BROWSER : null),
  };
}

/** The manifest's spelling of the item pages' patterns. */
function itemPageScript(baseUrl: string): { matches: string[]; exclude_matches: string[] } {
  const { matches, excludeMatches } = itemPagePatterns(baseUrl);
  return { matches, exclude_matches: excludeMatches };
}

export default defineConfig({
  // Parallel work (and the benchmark) can build into a directory of its own.
  outDir: process.env.TK_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources zip addons.mozilla.org reviews next to the Firefox zip: what the build reads and
  // the steps (SOURCE_CODE_REVIEW.md), nothing else: no tests, no stand-in, no screenshots, no
  // stray local files. tests/built/store-zips.test.ts rebuilds from it and compares the bytes.
  zip: {
    excludeSources: ['**'],
    includeSources: [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'entrypoints/**',
      'lib/**',
      'components/**',
      'public/**',
      'scripts/build/**',
      'SOURCE_CODE_REVIEW.md',
      'README.md',
      'PRIVACY.md',
      '!**/*.test.ts',
      '!**/*.test.tsx',
    ],
  },
  // TK_TEST_BUILD=1: the build the end-to-end tests and the benchmark drive, with their hooks
  // (import.meta.env.TK_TEST_BUILD). The store build has none (tests/built checks it).
  vite: () => ({ plugins: [preact(), noRawHtml()], define: { 'import.meta.env.TK_TEST_BUILD': JSON.stringify(process.env.TK_TEST_BUILD === '1') } }),
  hooks: {
    // The popup is built on its own, as one script with its styles in the page (scripts/build/popup-page.ts).
    'entrypoints:grouped': (_wxt, groups) => ownBuildForPopup(groups),
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.every((entry) => entry.type === 'unlisted-script')) config.plugins = [...(config.plugins ?? []), nativeBrowserInPageScripts()];
      if (entrypoints.length === 1 && entrypoints[0]!.type === 'popup') config.plugins = [...(config.plugins ?? []), inlinePopupStyles()];
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    // Words from public/_locales (lib/model/i18n.ts; tests/unit/locales.test.ts checks the locales).
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // identity: OAuth sign-in (launchWebAuthFlow); it shows users no permission warning.
    permissions: ['storage', 'alarms', 'scripting', 'idle', 'notifications', 'identity'],
    host_permissions: ['https://gitlab.com/*'],
    // The widget on item pages and the loader (entrypoints/loader) on every page: declared here for
    // gitlab.com; self-hosted GitLabs get them registered at run time. Both start before the page
    // is parsed (the widget asks what the URL shows meanwhile); the widget first, so the loader
    // finds it running and has nothing to ask.
    content_scripts: [
      { ...itemPageScript(GITLAB_COM), js: ['widget.js'], run_at: 'document_start' },
      { matches: ['https://gitlab.com/*'], js: ['loader.js'], run_at: 'document_start' },
    ],
    // Self-hosted GitLab servers: asked for one origin at a time when the user connects them.
    optional_host_permissions: manifestVersion === 3 ? ['https://*/*', 'http://*/*'] : undefined,
    optional_permissions: manifestVersion === 2 ? ['https://*/*', 'http://*/*'] : undefined,
    action: { default_title: '__MSG_extensionName__' },
    // Alt+Shift with a letter: free in Chrome and Firefox on every desktop OS, and GitLab's own
    // shortcuts are single keys or Ctrl/Cmd combinations (lib/background/commands.ts handles them).
    commands: {
      'toggle-timer': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandToggleTimer__' },
      'pause-timer': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandPauseTimer__' },
      // Chrome takes at most four suggested keys; this is the fourth.
      'open-timesheet': { suggested_key: { default: 'Alt+Shift+Y' }, description: '__MSG_commandOpenTimesheet__' },
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+G' },
        description: '__MSG_commandOpenPopup__',
      },
    },
    // 120: the oldest Chrome with everything used here (docs/store-listing.md, "Minimum browser versions").
    ...(browser === 'chrome' ? { minimum_chrome_version: MINIMUM_CHROME_VERSION } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140: the first Firefox (and ESR) that knows data_collection_permissions, which
              // addons.mozilla.org asks of new add-ons; every API used here is older (docs/store-listing.md).
              strict_min_version: '140.0',
              // Nothing is collected: the extension talks only to the user's own GitLab (PRIVACY.md).
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android learnt data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
