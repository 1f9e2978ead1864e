/**
 * What the background's services share: the browser, a clock and fetch, injected so that unit
 * tests can drive them.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';

export interface BackgroundDeps {
  browser: Browser;
  now: () => number;
  fetch: typeof fetch;
}
