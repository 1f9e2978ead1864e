/**
 * Widget time-to-visible: how long after the page's DOMContentLoaded the `Time tracking` region
 * is on screen (in the DOM, inside our shadow root, with a non-empty box), and when it shows the
 * issue's numbers. Measured in the page itself: an init script (main world, before any page
 * script) watches for the widget's host, then its open shadow root, with MutationObservers and
 * stamps performance.now(); DOMContentLoaded is the page's own navigation timing. Also counts
 * the API requests the extension made per issue view (from the stand-in's request log).
 */
import type { Page } from 'playwright-core';
import type { BenchSession } from './session';
import { median, percentile, round, sleep } from './stats';

export const VISIBILITY_PROBE = `(() => {
  const marks = { visible: null, numbers: null };
  Object.defineProperty(window, '__tkBench', { value: marks });
  const check = (root) => {
    const region = root.querySelector('section[aria-label="Time tracking"]');
    if (!region || !root.host.isConnected) return false;
    const box = region.getBoundingClientRect();
    if (marks.visible === null && box.width > 0 && box.height > 0) marks.visible = performance.now();
    if (marks.numbers === null && /Spent |No time spent|needs GitLab 8\\.16/.test(region.textContent)) marks.numbers = performance.now();
    return marks.visible !== null && marks.numbers !== null;
  };
  const watched = new WeakSet();
  const watchHost = (host) => {
    if (watched.has(host) || !host.shadowRoot) return;
    watched.add(host);
    const inner = new MutationObserver(() => { if (check(host.shadowRoot)) inner.disconnect(); });
    inner.observe(host.shadowRoot, { childList: true, subtree: true, characterData: true });
    check(host.shadowRoot);
  };
  const outer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeType !== 1) continue;
      if (node.localName === 'timekeeper-widget') watchHost(node);
      else if (node.firstElementChild) node.querySelectorAll('timekeeper-widget').forEach(watchHost);
    }
    if (marks.visible !== null && marks.numbers !== null) outer.disconnect();
  });
  outer.observe(document, { childList: true, subtree: true });
})();`;

export interface VisibleResult {
  page: string;
  url: string;
  loads: number;
  /** ms after DOMContentLoaded (domContentLoadedEventStart) that the region was visible. */
  visibleAfterDcl: { median: number; p95: number };
  /** ms after DOMContentLoaded that it showed the numbers. */
  numbersAfterDcl: { median: number; p95: number };
  /** The page's own DOMContentLoaded, ms after navigation start. */
  dcl: { median: number; p95: number };
  /** API requests per issue view, and which. */
  requestsPerView: number;
  requestsSeen: string[];
}

async function oneLoad(page: Page, url: string) {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => {
    const m = (window as unknown as { __tkBench: { visible: number | null; numbers: number | null } }).__tkBench;
    return m.visible !== null && m.numbers !== null;
  }, undefined, { timeout: 20_000, polling: 50 });
  return page.evaluate(() => {
    const m = (window as unknown as { __tkBench: { visible: number; numbers: number } }).__tkBench;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { dcl: nav.domContentLoadedEventStart, visible: m.visible - nav.domContentLoadedEventStart, numbers: m.numbers - nav.domContentLoadedEventStart };
  });
}

const stat = (xs: number[]) => ({ median: round(median(xs)), p95: round(percentile(xs, 95)) });

export async function widgetVisible(session: BenchSession, label: string, url: string, loads: number): Promise<VisibleResult> {
  const page = await session.context.newPage();
  await page.addInitScript(VISIBILITY_PROBE);
  try {
    await oneLoad(page, url); // warm-up: first compile of the widget, first connection
    await sleep(300);
    const from = session.standIn.requests.length;
    const samples = [];
    for (let i = 0; i < loads; i++) samples.push(await oneLoad(page, url));
    await sleep(500); // requests a view makes after its numbers show (none expected) still count
    const seen = session.standIn.requests.slice(from).map((r) => `${r.method} ${r.path}`);
    return {
      page: label,
      url,
      loads,
      visibleAfterDcl: stat(samples.map((s) => s.visible)),
      numbersAfterDcl: stat(samples.map((s) => s.numbers)),
      dcl: stat(samples.map((s) => s.dcl)),
      requestsPerView: round(seen.length / loads, 2),
      requestsSeen: [...new Set(seen)],
    };
  } finally {
    await page.close();
  }
}
