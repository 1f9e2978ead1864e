/**
 * What the list and board script costs a big board, against the same page in Chromium without
 * the extension: a board of 2,000 cards (the stand-in's `?cards=2000`) receiving 100 card changes
 * one per task (a card moved to the other list, a new card, a card rendered again), with the CDP
 * Performance.getMetrics ScriptDuration (scripting) and TaskDuration (main-thread) deltas around
 * the changes, with minus without, as medians; and the API requests the page view made (the
 * stand-in counts them) from its load to the end of the changes.
 */
import type { Page } from 'playwright-core';
import type { BenchSession } from './session';
import { GITLAB } from './session';
import { median, round, sleep } from './stats';

export const BOARD_URL = `${GITLAB}/acme/web/-/boards/5?cards=2000`;

export interface BoardResult {
  runs: number;
  cards: number;
  changes: number;
  scriptMs: { with: number; without: number; added: number };
  taskMs: { with: number; without: number; added: number };
  /** API requests per page view of the big board, with the extension (most of any run). */
  apiRequestsPerView: number;
  /** Controls on the board after the changes (one per card), with the extension. */
  controls: number;
  cardsAfter: number;
}

async function boardRun(session: BenchSession, page: Page, cdp: Awaited<ReturnType<BenchSession['cdp']>>, changes: number) {
  const apiBefore = session.standIn.requests.filter((r) => r.path.startsWith('/api/')).length;
  await page.goto(BOARD_URL, { waitUntil: 'load' });
  if (session.extension) await page.locator('timekeeper-list-timer').nth(1999).waitFor({ state: 'attached', timeout: 30_000 });
  await sleep(400);
  const read = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { script: get('ScriptDuration'), task: get('TaskDuration') };
  };
  const before = await read();
  await page.evaluate((n) => (window as unknown as { standInBoard: { change(n: number): Promise<void> } }).standInBoard.change(n), changes);
  await sleep(400); // the observer's animation frame runs too
  const after = await read();
  const counts = await page.evaluate(() => ({ controls: document.querySelectorAll('timekeeper-list-timer').length, cards: document.querySelectorAll('.board-card').length }));
  const api = session.standIn.requests.filter((r) => r.path.startsWith('/api/')).length - apiBefore;
  return { script: after.script - before.script, task: after.task - before.task, api, ...counts };
}

export async function bigBoard(withExt: BenchSession, without: BenchSession, runs: number, changes = 100): Promise<BoardResult> {
  const samples = { with: [] as Array<Awaited<ReturnType<typeof boardRun>>>, without: [] as Array<Awaited<ReturnType<typeof boardRun>>> };
  const pages = await Promise.all([withExt, without].map(async (s) => {
    const page = await s.context.newPage();
    const cdp = await s.cdp(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    return { session: s, page, cdp };
  }));
  try {
    for (const p of pages) await boardRun(p.session, p.page, p.cdp, changes);
    for (let i = 0; i < runs; i++) {
      samples.with.push(await boardRun(pages[0]!.session, pages[0]!.page, pages[0]!.cdp, changes));
      samples.without.push(await boardRun(pages[1]!.session, pages[1]!.page, pages[1]!.cdp, changes));
    }
  } finally {
    for (const p of pages) await p.page.close();
  }
  const m = (side: 'with' | 'without', k: 'script' | 'task') => median(samples[side].map((s) => s[k]));
  const last = samples.with.at(-1)!;
  return {
    runs,
    cards: 2000,
    changes,
    scriptMs: { with: round(m('with', 'script'), 2), without: round(m('without', 'script'), 2), added: round(m('with', 'script') - m('without', 'script'), 2) },
    taskMs: { with: round(m('with', 'task'), 2), without: round(m('without', 'task'), 2), added: round(m('with', 'task') - m('without', 'task'), 2) },
    apiRequestsPerView: Math.max(...samples.with.map((s) => s.api)),
    controls: last.controls,
    cardsAfter: last.cards,
  };
}
