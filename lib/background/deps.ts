/**
 * What the background's services share: the browser, a clock and fetch, injected so that unit
 * tests can drive them.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';

export interface BackgroundDeps {
  browser: Browser;
  /** The wall clock (epoch ms). */
  now: () => number;
  /** This worker's monotonic clock (`performance.now()`); it tells a moved wall clock from time passing. */
  mono: () => number;
  fetch: typeof fetch;
}
