/**
 * What the list and board script costs a big board, against the same page in Chromium without
 * the extension: a board of 2,000 cards (the stand-in's `?cards=2000`) receiving 100 card changes
 * one per task (a card moved to the other list, a new card, a card rendered again), measured as
 * with-without.ts does (scripting and main-thread time around the changes, with minus without,
 * medians); and the API requests (the stand-in counts them) of the page view, from its load to
 * the changes, and those the changes brought (the new cards' time badges, one batch).
 */
import type { BenchSession } from './session';
import { GITLAB } from './session';
import { sleep } from './stats';
import { addedBy, mainThreadOf, withAndWithout, type Added, type Side } from './with-without';

export const BOARD_URL = `${GITLAB}/acme/web/-/boards/5?cards=2000`;

export interface BoardResult {
  runs: number;
  cards: number;
  changes: number;
  scriptMs: Added;
  taskMs: Added;
  /** API requests of the big board's page view, from its load to before the changes, with the extension (most of any run). */
  apiRequestsPerView: number;
  /** API requests the changes brought (the time badges of the cards they added: one batch), with the extension (most of any run). */
  apiRequestsForChanges: number;
  /** Controls on the board after the changes (one per card), with the extension. */
  controls: number;
  cardsAfter: number;
}

async function boardRun({ session, page, cdp }: Side, changes: number) {
  const api = () => session.standIn.requests.filter((r) => r.path.startsWith('/api/')).length;
  const atStart = api();
  await page.goto(BOARD_URL, { waitUntil: 'load' });
  if (session.extension) await page.locator('timekeeper-list-timer').nth(1999).waitFor({ state: 'attached', timeout: 30_000 });
  await sleep(400);
  const atChanges = api();
  const spent = await mainThreadOf(cdp, () => page.evaluate((n) => (window as unknown as { standInBoard: { change(n: number): Promise<void> } }).standInBoard.change(n), changes));
  const counts = await page.evaluate(() => ({ controls: document.querySelectorAll('timekeeper-list-timer').length, cards: document.querySelectorAll('.board-card').length }));
  return { ...spent, view: atChanges - atStart, forChanges: api() - atChanges, ...counts };
}

export async function bigBoard(withExt: BenchSession, without: BenchSession, runs: number, changes = 100): Promise<BoardResult> {
  const samples = await withAndWithout(withExt, without, runs, (side) => boardRun(side, changes));
  const last = samples.with.at(-1)!;
  return {
    runs,
    cards: 2000,
    changes,
    scriptMs: addedBy(samples, (s) => s.script),
    taskMs: addedBy(samples, (s) => s.task),
    apiRequestsPerView: Math.max(...samples.with.map((s) => s.view)),
    apiRequestsForChanges: Math.max(...samples.with.map((s) => s.forChanges)),
    controls: last.controls,
    cardsAfter: last.cards,
  };
}
