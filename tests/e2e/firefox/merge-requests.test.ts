/**
 * The widget on merge request pages in Firefox (MV2 and MV3), the stand-in as a self-hosted
 * GitLab: today's page and 8.16's (API v3, by global id), a timer that lands exactly one log on
 * the merge request and never on the issue with the same number, and the estimate set.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import type { EraName } from '../../fake-gitlab/eras';
import { backdateTimer, byRole, connectViaOptions, launchFirefox, openExtensionPage, openMore, waitForText, type FirefoxWithExtension } from '../support/firefox';

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
    const options = await fx.browser.newPage();
    await connectViaOptions(options, standIn.url, standIn.token);
    await waitForText(options, 'status', '', 'Connected as');
    await options.close();
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
