/**
 * The widget on merge request pages in Firefox (MV2 and MV3), the stand-in as a self-hosted
 * GitLab: today's page and 8.16's (API v3, by global id), a timer that lands exactly one log on
 * the merge request and never on the issue with the same number, and the estimate set.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import type { EraName } from '../../fake-gitlab/eras';
import { backdateTimer, byRole, connectInNewPage, launchFirefox, openExtensionPage, openMore, waitForText, type FirefoxWithExtension } from '../support/firefox';

const REGION = 'Time tracking';
const hostCount = (page: Page) => page.$$eval('timekeeper-widget', (hosts) => hosts.length);

describe.each<['firefox-mv2' | 'firefox-mv3', EraName | undefined, string]>([
  ['firefox-mv2', undefined, '/acme/web/-/merge_requests/1'],
  ['firefox-mv3', undefined, '/acme/web/-/merge_requests/1/diffs'],
  ['firefox-mv3', '8.16', '/acme/web/merge_requests/1'],
])('Firefox (%s), GitLab %s: a merge request page', (build, era, path) => {
  let standIn: StandIn;
  let fx: FirefoxWithExtension;

  beforeAll(async () => {
    standIn = await startStandIn(era ? { era, assignedIssueCount: 6 } : {});
    fx = await launchFirefox({ build });
    await connectInNewPage(fx, standIn.url, standIn.token);
  });
  afterAll(async () => {
    await fx?.browser.close();
    await standIn?.close();
  });

  it('the widget names it project!iid; start and stop land one log on the merge request, none on the issue; the estimate is set', async () => {
    const issueBefore = standIn.issue('acme/web', 1)!.totalTimeSpent;
    const page = await fx.browser.newPage();
    await page.goto(`${standIn.url}${path}`);
    await waitForText(page, 'region', REGION, 'acme/web!1');
    await waitForText(page, 'region', REGION, 'Spent 1h');
    expect(await hostCount(page)).toBe(1);

    await (await byRole(page, 'button', 'Start timer')).click();
    const extensionPage = await fx.browser.newPage();
    await openExtensionPage(extensionPage, 'popup.html', 'body');
    await backdateTimer(extensionPage, 9);
    await extensionPage.close();
    await (await byRole(page, 'button', 'Stop timer')).click();
    await waitForText(page, 'region', REGION, 'Spent 1h 9m');
    const mr = standIn.mergeRequest('acme/web', 1)!;
    expect(standIn.timelogs.filter((t) => t.seconds === 9 * 60).map((t) => t.mergeRequestId)).toEqual([mr.id]);
    expect(standIn.timelogs.filter((t) => !t.mergeRequestId)).toEqual([]);
    expect(standIn.issue('acme/web', 1)!.totalTimeSpent).toBe(issueBefore);

    await openMore(page);
    await (await byRole(page, 'textbox', 'Estimate')).type('2h');
    await (await byRole(page, 'button', 'Set estimate', 10_000, true)).click();
    await waitForText(page, 'region', REGION, 'Estimate 2h');
    expect(standIn.mergeRequest('acme/web', 1)!.timeEstimate).toBe(7200);
    await page.close();
  });
});

describe.each(['firefox-mv2', 'firefox-mv3'] as const)('Firefox (%s): the popup\'s Merge requests list', (build) => {
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

  const ASSIGNED = 'Add rate limiting to the login endpoint acme/web!1';
  const REVIEW = 'Fix Safari redirect loop after SSO sign-in acme/web!2';
  const selectedName = (page: Page) => page.$eval('ul[aria-label="Merge requests"]', (ul) => ul.querySelector('[aria-current="true"]')?.getAttribute('aria-label') ?? null);

  it('one assigned and one waiting for review, named project!iid; Start timer and the s key land one log each on the merge request, none on the issue', async () => {
    const issuesBefore = [1, 2].map((iid) => standIn.issue('acme/web', iid)!.totalTimeSpent);
    const popup = await fx.browser.newPage();
    await openExtensionPage(popup, 'popup.html', 'body');
    const assigned = await byRole(popup, 'listitem', ASSIGNED, 20_000, true);
    const review = await byRole(popup, 'listitem', REVIEW, 10_000, true);
    expect(await assigned.evaluate((li) => li.textContent)).toContain('Assigned');
    expect(await review.evaluate((li) => li.textContent)).toContain('Review requested');

    await (await byRole(popup, 'button', `Start timer for acme/web!2 ${REVIEW.replace(' acme/web!2', '')}`, 10_000, true)).click();
    await waitForText(popup, 'region', 'Running timer', 'acme/web!2');
    await backdateTimer(popup, 7);
    await (await byRole(popup, 'button', 'Stop timer')).click();
    await waitForText(popup, 'status', '', 'Logged 7m to acme/web!2');
    const mr2 = standIn.mergeRequest('acme/web', 2)!;
    expect(standIn.timelogs.map((t) => [t.mergeRequestId, t.iid, t.seconds])).toEqual([[mr2.id, 2, 7 * 60]]);

    // The keys: the clicked row is selected; j or k (the log moved !2 up the list) reach !1, s starts and stops.
    expect(await selectedName(popup)).toBe(REVIEW);
    const names = await popup.$$eval('ul[aria-label="Merge requests"] > li', (lis) => lis.map((li) => li.getAttribute('aria-label')));
    await popup.keyboard.press(names.indexOf(ASSIGNED) > names.indexOf(REVIEW) ? 'j' : 'k');
    await popup.waitForFunction((name: string) => document.activeElement?.getAttribute('aria-label') === name && document.activeElement.getAttribute('aria-current') === 'true', { timeout: 10_000 }, ASSIGNED);
    await popup.keyboard.press('s');
    await waitForText(popup, 'region', 'Running timer', 'acme/web!1');
    await backdateTimer(popup, 4);
    await popup.keyboard.press('s');
    await waitForText(popup, 'status', '', 'Logged 4m to acme/web!1');
    const mr1 = standIn.mergeRequest('acme/web', 1)!;
    expect(standIn.timelogs.filter((t) => t.seconds === 4 * 60).map((t) => [t.mergeRequestId, t.iid])).toEqual([[mr1.id, 1]]);
    expect(standIn.timelogs.filter((t) => !t.mergeRequestId)).toEqual([]);
    expect([1, 2].map((iid) => standIn.issue('acme/web', iid)!.totalTimeSpent)).toEqual(issuesBefore);
    await popup.close();
  });
});
