/**
 * Exactly once in Firefox (MV2 and MV3) while a colleague logs the very same amount on the same
 * issue at that moment: after a 429, and after a 500 that GitLab answered having applied the log.
 * The user's log lands once, the colleague's stays untouched.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandIn, type FaultMode, type StandIn } from '../../fake-gitlab/server';
import { colleagueLogs, logsByWhom } from '../support/colleague';
import { backdateTimer, byRole, connectInNewPage, launchFirefox, openExtensionPage, waitForText, type FirefoxWithExtension } from '../support/firefox';

const SPENT = '/api/v4/projects/acme%2Fweb/issues/2/add_spent_time';
const posts = (standIn: StandIn) => standIn.requests.filter((r) => r.method === 'POST' && r.path === SPENT);

async function until(check: () => boolean, timeout: number): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(['firefox-mv2', 'firefox-mv3'] as const)('Firefox (%s): a colleague logs the same amount at that moment', (build) => {
  let standIn: StandIn;
  let fx: FirefoxWithExtension;
  let page: Page;
  let popup: Page;

  beforeAll(async () => {
    standIn = await startStandIn();
    fx = await launchFirefox({ build });
    await connectInNewPage(fx, standIn.url, standIn.token);
  });
  afterAll(async () => {
    await fx?.browser.close();
    await standIn?.close();
  });
  beforeEach(async () => {
    standIn.reset();
    await page?.close();
    await popup?.close();
    page = await fx.browser.newPage();
    popup = await fx.browser.newPage();
  });

  const cases: Array<[string, FaultMode, number]> = [
    ['a 429 that asks to wait', { kind: 'rate-limit', retryAfterSeconds: 3, times: 1 }, 429],
    ['a 500 after GitLab applied the log', { kind: 'status-after', status: 500, times: 1 }, 500],
  ];
  it.each(cases)('%s: one log of ours, theirs untouched', async (_name, fault, status) => {
    standIn.fail('POST', SPENT, fault);
    await page.goto(`${standIn.url}/acme/web/-/issues/2`);
    await (await byRole(page, 'button', 'Start timer')).click();
    await openExtensionPage(popup, 'popup.html', 'body');
    await backdateTimer(popup, 20);
    await (await byRole(page, 'button', 'Stop timer')).click();
    await until(() => posts(standIn).some((r) => r.status === status), 30_000);
    expect(await colleagueLogs(standIn, 'acme/web', 2, '20m')).toBe(201);
    await waitForText(page, 'status', '', 'Logged 20m to acme/web#2', 90_000);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(logsByWhom(standIn, 1002)).toEqual({ mine: [1200], theirs: [1200] });
    expect(standIn.issue('acme/web', 2)?.time_stats.total_time_spent).toBe(2400);
  }, 150_000);
});
