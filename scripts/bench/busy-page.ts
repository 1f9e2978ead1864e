/**
 * What the extension costs a busy page, against the same page in Chromium without the extension:
 *  - added scripting time while a 2,000-comment issue (the stand-in's `?comments=2000`) receives
 *    100 new comment nodes, one per task: the CDP Performance.getMetrics ScriptDuration and
 *    TaskDuration deltas around the appends, with minus without, as medians;
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

async function busyRun(session: BenchSession, page: Page, cdp: Awaited<ReturnType<BenchSession['cdp']>>, mutations: number) {
  await page.goto(BUSY_URL, { waitUntil: 'load' });
  if (session.extension) await waitForWidget(page);
  await sleep(400); // let the load's own work (and the widget's first render) finish
  const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  const read = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { script: get('ScriptDuration'), task: get('TaskDuration') };
  };
  const before = await read();
  await page.evaluate((n) => (window as unknown as { standInComments: { append(n: number): Promise<void> } }).standInComments.append(n), mutations);
  await sleep(400); // observers that debounce (timeouts, animation frames) run too
  const after = await read();
  return { load, script: after.script - before.script, task: after.task - before.task };
}

export async function busyPage(withExt: BenchSession, without: BenchSession, runs: number, mutations = 100): Promise<BusyResult> {
  const samples = { with: [] as Array<{ load: number; script: number; task: number }>, without: [] as Array<{ load: number; script: number; task: number }> };
  const pages = await Promise.all([withExt, without].map(async (s) => {
    const page = await s.context.newPage();
    const cdp = await s.cdp(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    return { session: s, page, cdp };
  }));
  try {
    // Warm-up, then alternate so drifting machine load hits both sides alike.
    for (const p of pages) await busyRun(p.session, p.page, p.cdp, mutations);
    for (let i = 0; i < runs; i++) {
      samples.with.push(await busyRun(pages[0]!.session, pages[0]!.page, pages[0]!.cdp, mutations));
      samples.without.push(await busyRun(pages[1]!.session, pages[1]!.page, pages[1]!.cdp, mutations));
    }
  } finally {
    for (const p of pages) await p.page.close();
  }
  const m = (side: 'with' | 'without', k: 'load' | 'script' | 'task') => median(samples[side].map((s) => s[k]));
  return {
    runs,
    mutations,
    scriptMs: { with: round(m('with', 'script'), 2), without: round(m('without', 'script'), 2), added: round(m('with', 'script') - m('without', 'script'), 2) },
    taskMs: { with: round(m('with', 'task'), 2), without: round(m('without', 'task'), 2), added: round(m('with', 'task') - m('without', 'task'), 2) },
    loadMs: { with: round(m('with', 'load')), without: round(m('without', 'load')), ratio: round(m('with', 'load') / m('without', 'load'), 3) },
    samples: {
      with: samples.with.map((x) => ({ load: round(x.load), script: round(x.script, 2), task: round(x.task, 2) })),
      without: samples.without.map((x) => ({ load: round(x.load), script: round(x.script, 2), task: round(x.task, 2) })),
    },
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
