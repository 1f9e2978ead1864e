/**
 * The measuring loop of "what the extension adds to a busy page": a page in Chromium with the
 * extension and the same page without it, one tab each; a warm-up run on each, then runs that
 * alternate between them (so drifting machine load hits both sides alike); around each run's
 * changes, the CDP Performance.getMetrics ScriptDuration (scripting) and TaskDuration
 * (main-thread) deltas, in thread time. Medians of the runs, with minus without.
 */
import type { Page } from 'playwright-core';
import type { BenchSession } from './session';
import { median, round, sleep } from './stats';

export type Cdp = Awaited<ReturnType<BenchSession['cdp']>>;

/** Milliseconds of scripting and of main-thread tasks. */
export interface MainThread {
  script: number;
  task: number;
}

export interface Added {
  with: number;
  without: number;
  added: number;
}

async function mainThreadNow(cdp: Cdp): Promise<MainThread> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { script: get('ScriptDuration'), task: get('TaskDuration') };
}

/**
 * The main-thread time `change` (run in the page) costs, with the work it leaves behind: after it,
 * 400 ms for what observers debounce (animation frames, timeouts) to run too.
 */
export async function mainThreadOf(cdp: Cdp, change: () => Promise<unknown>): Promise<MainThread> {
  const before = await mainThreadNow(cdp);
  await change();
  await sleep(400);
  const after = await mainThreadNow(cdp);
  return { script: after.script - before.script, task: after.task - before.task };
}

export interface Side {
  session: BenchSession;
  page: Page;
  cdp: Cdp;
}

/** `run` on each side: once to warm up, then `runs` times alternately. Each side gets its own tab. */
export async function withAndWithout<R>(withExt: BenchSession, without: BenchSession, runs: number, run: (side: Side) => Promise<R>): Promise<{ with: R[]; without: R[] }> {
  const samples = { with: [] as R[], without: [] as R[] };
  const sides = await Promise.all([withExt, without].map(async (session): Promise<Side> => {
    const page = await session.context.newPage();
    const cdp = await session.cdp(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    return { session, page, cdp };
  }));
  try {
    for (const side of sides) await run(side);
    for (let i = 0; i < runs; i++) {
      samples.with.push(await run(sides[0]!));
      samples.without.push(await run(sides[1]!));
    }
  } finally {
    for (const side of sides) await side.page.close();
  }
  return samples;
}

/** One figure's medians, with and without the extension, and what the extension adds (2 decimals). */
export function addedBy<R>(samples: { with: R[]; without: R[] }, figure: (sample: R) => number): Added {
  const withMs = median(samples.with.map(figure));
  const withoutMs = median(samples.without.map(figure));
  return { with: round(withMs, 2), without: round(withoutMs, 2), added: round(withMs - withoutMs, 2) };
}
