/**
 * `browser` for content scripts, standing in for webextension-polyfill (wxt.config.ts aliases it
 * for content-script builds only). Content scripts send messages and listen for notifications,
 * which Chrome MV3 and Firefox both do natively with promises; the polyfill would add 3 KB
 * gzipped to every GitLab page for nothing.
 */
type ExtensionApi = { runtime?: { id?: string } };
const globals = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };

export const browser = globals.browser?.runtime?.id ? globals.browser : globals.chrome;
export default browser;
