/**
 * What the extension costs a busy page, against the same page in Chromium without the extension:
 *  - added scripting time while a 2,000-comment issue (the stand-in's `?comments=2000`) receives
 *    100 new comment nodes, one per task (measured as with-without.ts does: ScriptDuration and
 *    TaskDuration deltas around the appends, with minus without, as medians);
 *  - that page's load (loadEventEnd), with over without, a ratio of medians;
 *  - the content scripts' JS heap on an ordinary issue page. Content scripts run in an isolated
 *    world of the page's own V8 isolate, so no CDP call reports their heap alone
 *    (Runtime.getHeapUsage and performance.memory are per isolate): we force a garbage collection
 *    (HeapProfiler.collectGarbage) with the widget showing, read Runtime.getHeapUsage's usedSize,
 *    and subtract the same page's figure without the extension (medians). That is the heap the
 *    loader, the widget and everything they keep alive add to the page.
 */
import type { Page } from 'playwright-core';
import type { BenchSession } from './session';
import { GITLAB } from './session';
import { median, round, sleep } from './stats';
import { addedBy, mainThreadOf, withAndWithout, type Side } from './with-without';

export const BUSY_URL = `${GITLAB}/acme/web/-/issues/1?comments=2000`;
const PLAIN_URL = `${GITLAB}/acme/web/-/issues/1`;

async function waitForWidget(page: Page) {
  await page.getByRole('region', { name: 'Time tracking' }).getByText(/Spent /).first().waitFor({ timeout: 20_000 });
}

export interface BusyResult {
  runs: number;
  mutations: number;
  scriptMs: { with: number; without: number; added: number };
  taskMs: { with: number; without: number; added: number };
  loadMs: { with: number; without: number; ratio: number };
  samples: { with: Array<{ load: number; script: number; task: number }>; without: Array<{ load: number; script: number; task: number }> };
}

async function busyRun({ session, page, cdp }: Side, mutations: number) {
  await page.goto(BUSY_URL, { waitUntil: 'load' });
  if (session.extension) await waitForWidget(page);
  await sleep(400); // let the load's own work (and the widget's first render) finish
  const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  const spent = await mainThreadOf(cdp, () => page.evaluate((n) => (window as unknown as { standInComments: { append(n: number): Promise<void> } }).standInComments.append(n), mutations));
  return { load, ...spent };
}

export async function busyPage(withExt: BenchSession, without: BenchSession, runs: number, mutations = 100): Promise<BusyResult> {
  const samples = await withAndWithout(withExt, without, runs, (side) => busyRun(side, mutations));
  const load = addedBy(samples, (s) => s.load);
  const ms = (x: { load: number; script: number; task: number }) => ({ load: round(x.load), script: round(x.script, 2), task: round(x.task, 2) });
  return {
    runs,
    mutations,
    scriptMs: addedBy(samples, (s) => s.script),
    taskMs: addedBy(samples, (s) => s.task),
    loadMs: { with: round(load.with), without: round(load.without), ratio: round(load.with / load.without, 3) },
    samples: { with: samples.with.map(ms), without: samples.without.map(ms) },
  };
}

export interface HeapResult {
  runs: number;
  usedBytes: { with: number; without: number; added: number };
}

export async function contentHeap(withExt: BenchSession, without: BenchSession, runs: number): Promise<HeapResult> {
  const measure = async (s: BenchSession) => {
    const page = await s.context.newPage();
    const cdp = await s.cdp(page);
    const out: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        await page.goto(PLAIN_URL, { waitUntil: 'load' });
        if (s.extension) await waitForWidget(page);
        await sleep(300);
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        out.push(usedSize);
      }
    } finally {
      await page.close();
    }
    return median(out);
  };
  const withBytes = await measure(withExt);
  const withoutBytes = await measure(without);
  return { runs, usedBytes: { with: Math.round(withBytes), without: Math.round(withoutBytes), added: Math.round(withBytes - withoutBytes) } };
}
