/**
 * Start timer where the work is listed, in Firefox (MV2 and MV3), the stand-in as a self-hosted
 * GitLab under a sub-path: a board card's control starts the timer, the card and the issue's own
 * page both show it running, Stop on the board lands exactly one log, and a card moved to another
 * list keeps one control. Controls are found by their names in docs/ui-contract.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import { backdateTimer, byRole, connectInNewPage, launchFirefox, openExtensionPage, type FirefoxWithExtension } from '../support/firefox';

describe.each<['firefox-mv2' | 'firefox-mv3']>([['firefox-mv2'], ['firefox-mv3']])('Firefox (%s): lists and boards', (build) => {
  let standIn: StandIn;
  let fx: FirefoxWithExtension;

  beforeAll(async () => {
    standIn = await startStandIn({});
    fx = await launchFirefox({ build });
    await connectInNewPage(fx, standIn.url, standIn.token);
  });
  afterAll(async () => {
    await fx?.browser.close();
    await standIn?.close();
  });

  it('start on a card, the card and the issue page show it running, stop from the board lands one log', async () => {
    const before = standIn.issue('acme/web', 1)!.totalTimeSpent;
    const board = await fx.browser.newPage();
    await board.goto(`${standIn.url}/acme/web/-/boards/5`);
    await (await byRole(board, 'button', 'Start timer for acme/web#1', 10_000, true)).click();
    await byRole(board, 'button', 'Stop timer for acme/web#1', 10_000, true);

    const issue = await fx.browser.newPage();
    await issue.goto(`${standIn.url}/acme/web/-/issues/1`);
    await byRole(issue, 'button', 'Stop timer', 10_000, true);

    const extensionPage = await fx.browser.newPage();
    await openExtensionPage(extensionPage, 'popup.html', 'body');
    await backdateTimer(extensionPage, 7);
    await extensionPage.close();
    await board.bringToFront();
    await (await byRole(board, 'button', 'Stop timer for acme/web#1', 10_000, true)).click();
    await byRole(board, 'button', 'Start timer for acme/web#1', 10_000, true);
    for (let i = 0; i < 50 && standIn.timelogs.filter((t) => t.seconds === 7 * 60).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(standIn.timelogs.filter((t) => t.seconds === 7 * 60)).toHaveLength(1);
    expect(standIn.issue('acme/web', 1)!.totalTimeSpent).toBe(before + 7 * 60);
    await issue.close();
    await board.close();
  });

  it('a card moved to another list keeps one control', async () => {
    const board = await fx.browser.newPage();
    await board.goto(`${standIn.url}/acme/web/-/boards/5`);
    await byRole(board, 'button', 'timer for acme/web#1');
    await board.evaluate(() => {
      const [, doing] = document.querySelectorAll('[data-testid="board-list-cards-area"]');
      doing!.append(document.querySelector('.board-card')!);
    });
    await new Promise((r) => setTimeout(r, 300));
    const perCard = await board.$$eval('.board-card', (cards) => cards.map((card) => card.querySelectorAll('timekeeper-list-timer').length));
    expect(perCard.length).toBeGreaterThan(1);
    expect(perCard.every((n) => n === 1)).toBe(true);
    const inDoing = await board.evaluate(() => {
      const [, doing] = document.querySelectorAll('[data-testid="board-list-cards-area"]');
      return [...doing!.querySelectorAll('timekeeper-list-timer')].map((h) => h.shadowRoot?.querySelector('button')?.getAttribute('aria-label'));
    });
    expect(inDoing).toEqual([expect.stringMatching(/^(Start|Stop) timer for acme\/web#1$/)]);
    await board.close();
  });
});
