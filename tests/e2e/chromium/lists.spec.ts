/**
 * Start timer where the work is listed, in Chromium, against the stand-in served as gitlab.com:
 * a card's control starts the timer, the card and the item's own page both show it running, Stop
 * on the list lands exactly one log, and a card moved to another list keeps one control.
 * Controls are found by their names in docs/ui-contract.md.
 */
import { backdateTimer } from '../support/chromium';
import { expect, GITLAB, test } from './fixtures';

test('start on a board card, see it on the card and the issue page, stop from the board: exactly one log', async ({ connected: page, standIn, browserWithExtension }) => {
  const graphqlBefore = standIn.requests.filter((r) => r.path.endsWith('/api/graphql')).length;
  await page.goto(`${GITLAB}/acme/web/-/boards/5`);
  const start = page.getByRole('button', { name: 'Start timer for acme/web#1', exact: true });
  await expect(start).toHaveCount(1);
  const before = standIn.issue('acme/web', 1)!.totalTimeSpent;
  // Time at a glance from the page view's one GraphQL request.
  await expect(page.locator('timekeeper-list-timer').first().locator('i')).toHaveText(/\S/);
  expect(standIn.requests.filter((r) => r.path.endsWith('/api/graphql')).length - graphqlBefore).toBe(1);
  await start.click();
  const stop = page.getByRole('button', { name: 'Stop timer for acme/web#1', exact: true });
  await expect(stop).toHaveCount(1);
  await expect(stop).toContainText(/0:0\d:\d\d/);
  // The click neither opened the card's drawer nor left the board.
  expect(new URL(page.url()).pathname).toBe('/acme/web/-/boards/5');

  // Another tab, the issue's own page: the same running timer.
  const issuePage = await browserWithExtension.context.newPage();
  await issuePage.goto(`${GITLAB}/acme/web/-/issues/1`);
  await expect(issuePage.getByRole('region', { name: 'Time tracking' }).getByRole('button', { name: 'Stop timer' })).toBeVisible();

  await backdateTimer(await browserWithExtension.worker(), 12);
  await page.bringToFront();
  await stop.click();
  await expect(page.getByRole('button', { name: 'Start timer for acme/web#1', exact: true })).toHaveCount(1);
  await expect.poll(() => standIn.timelogs.filter((t) => t.seconds === 12 * 60).length).toBe(1);
  expect(standIn.issue('acme/web', 1)!.totalTimeSpent).toBe(before + 12 * 60);
  // The issue page hears of the stop as well.
  await expect(issuePage.getByRole('region', { name: 'Time tracking' }).getByRole('button', { name: 'Start timer' })).toBeVisible();
});

test('a card moved to another list keeps one control; cards GitLab adds get theirs', async ({ connected: page }) => {
  await page.goto(`${GITLAB}/acme/web/-/boards/5`);
  await expect(page.getByRole('button', { name: 'Start timer for acme/web#1', exact: true })).toHaveCount(1);
  const cards = await page.locator('.board-card').count();
  // As GitLab's drag and drop does: the card's element moves to the other list.
  await page.evaluate(() => {
    const [, doing] = document.querySelectorAll('[data-testid="board-list-cards-area"]');
    doing!.append(document.querySelector('.board-card')!);
  });
  // And a card re-rendered (a new element for the same item), as after a board switch.
  await page.evaluate(() => {
    const card = document.querySelectorAll('.board-card')[1]!;
    const copy = card.cloneNode(true) as Element;
    card.replaceWith(copy);
  });
  await page.waitForTimeout(300);
  expect(await page.locator('timekeeper-list-timer').count()).toBe(cards);
  for (const card of await page.locator('.board-card').all()) expect(await card.locator('timekeeper-list-timer').count()).toBe(1);
  await expect(page.locator('[data-testid="board-list-cards-area"]').nth(1).getByRole('button', { name: 'Start timer for acme/web#1', exact: true })).toHaveCount(1);
});

test('cards GitLab adds later get their time at a glance from one more request for the batch', async ({ connected: page, standIn }) => {
  await page.goto(`${GITLAB}/acme/web/-/boards/5`);
  await expect(page.locator('timekeeper-list-timer').first().locator('i')).toHaveText(/\S/);
  const onBoard = await page.locator('.board-card-title a').evaluateAll((links) => links.map((a) => Number(a.getAttribute('href')!.split('/').pop())));
  // Issues of the project the board does not show yet, with time spent or an estimate.
  const later = Array.from({ length: 60 }, (_, n) => n + 1).filter((iid) => !onBoard.includes(iid) && (standIn.issue('acme/web', iid)?.totalTimeSpent || standIn.issue('acme/web', iid)?.timeEstimate)).slice(0, 2);
  expect(later).toHaveLength(2);
  const graphqlBefore = standIn.requests.filter((r) => r.path.endsWith('/api/graphql')).length;
  // As a next page of a list arrives: new cards, each in its own change.
  for (const iid of later) {
    await page.evaluate((iid) => {
      const card = document.querySelector('.board-card')!.cloneNode(true) as Element;
      card.querySelector('timekeeper-list-timer')?.remove();
      card.querySelector('.board-card-title a')!.setAttribute('href', `/acme/web/-/issues/${iid}`);
      document.querySelector('[data-testid="board-list-cards-area"]')!.append(card);
    }, iid);
  }
  for (const iid of later) {
    const card = page.locator('.board-card').filter({ has: page.getByRole('button', { name: `Start timer for acme/web#${iid}`, exact: true }) });
    await expect(card.locator('timekeeper-list-timer i')).toHaveText(/\S/);
  }
  expect(standIn.requests.filter((r) => r.path.endsWith('/api/graphql')).length - graphqlBefore).toBe(1);
});

test('merge request and issue lists: one Start timer per row, named by reference', async ({ connected: page }) => {
  await page.goto(`${GITLAB}/acme/web/-/merge_requests`);
  await expect(page.getByRole('button', { name: /^Start timer for acme\/web!\d+$/ }).first()).toBeVisible();
  expect(await page.getByRole('button', { name: /^Start timer for / }).count()).toBe(await page.locator('[data-testid="issuable-container"]').count());
  await page.goto(`${GITLAB}/groups/acme/-/issues`);
  await expect(page.getByRole('button', { name: /^Start timer for acme\/[\w-]+#\d+$/ }).first()).toBeVisible();
  expect(await page.getByRole('button', { name: /^Start timer for / }).count()).toBe(await page.locator('[data-testid="issuable-container"]').count());
});
