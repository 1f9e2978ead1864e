/**
 * GitLab eras end to end in Firefox (MV2), the stand-in as a self-hosted GitLab on 127.0.0.1:
 * 8.16 on API v3 (global issue ids, no summary, assigned issues through member projects),
 * 8.12 without time tracking, and today's 17.x on v4. Connect, the widget's numbers, log time,
 * set the estimate, add a to-do, the popup's assigned issues. Results go to
 * tests/compat/results/ for the README's compatibility table.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ERAS, startStandIn, type EraName, type StandIn } from '../../fake-gitlab/server';
import { recorder } from '../../compat/record';
import { byRole, connectViaOptions, openMore, launchFirefox, openExtensionPage, waitForText, type FirefoxWithExtension } from '../support/firefox';

const REGION = 'Time tracking';

describe('Firefox: GitLab eras', () => {
  let standIn: StandIn | undefined;
  let fx: FirefoxWithExtension | undefined;
  afterEach(async () => {
    await fx?.browser.close();
    await standIn?.close();
    fx = undefined;
    standIn = undefined;
  });

  it.each(['8.12', '8.16', '17.x'] as EraName[])('GitLab %s: connect, widget, log time, estimate, to-do, merge requests, popup', async (name) => {
    const era = ERAS[name];
    const api = era.apis.includes('v4') ? 'v4' : 'v3';
    const rec = recorder('firefox', name, era.version, api);
    standIn = await startStandIn({ era: name, assignedIssueCount: 6 });
    fx = await launchFirefox({ build: 'firefox-mv2' });
    const gl = standIn;

    await rec.step('connect', async () => {
      const options = await fx!.browser.newPage();
      await connectViaOptions(options, gl.url, gl.token);
      await waitForText(options, 'status', '', 'Connected as');
      await options.close();
    });

    const page: Page = await fx.browser.newPage();
    await page.goto(`${gl.url}/acme/web${era.oldIssueUrls ? '' : '/-'}/issues/1`);
    await openMore(page);
    if (!era.timeTracking) {
      await rec.step('widget', async () => {
        await waitForText(page, 'region', REGION, 'Time tracking needs GitLab 8.16 or newer on this server');
        expect(gl.requests.filter((r) => r.path.includes('time_'))).toEqual([]);
      });
      rec.notApplicable('logTime', 'no time tracking before 8.16');
      rec.notApplicable('setEstimate', 'no time tracking before 8.16');
    } else {
      await rec.step('widget', async () => {
        await waitForText(page, 'region', REGION, 'Spent 1h 30m');
        await waitForText(page, 'region', REGION, 'Estimate 3h 30m');
      });
      await rec.step('logTime', async () => {
        await (await byRole(page, 'textbox', 'Time spent')).type('30m');
        await (await byRole(page, 'button', 'Log time')).click();
        await waitForText(page, 'region', REGION, 'Spent 2h');
        const log = gl.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time')).at(-1);
        expect(log?.path).toBe(`/api/${api}/projects/acme%2Fweb/issues/${api === 'v3' ? 1001 : 1}/add_spent_time`);
      });
      await rec.step('setEstimate', async () => {
        await (await byRole(page, 'textbox', 'Estimate')).type('4h');
        await (await byRole(page, 'button', 'Set estimate', 10_000, true)).click();
        await waitForText(page, 'region', REGION, 'Estimate 4h');
      });
    }
    await rec.step('todo', async () => {
      await (await byRole(page, 'button', 'Add a to-do')).click();
      await waitForText(page, 'region', REGION, 'To-do added');
    });
    if (!era.timeTracking) {
      rec.notApplicable('mrWidget', 'no time tracking before 8.16');
      rec.notApplicable('mrLogTime', 'no time tracking before 8.16');
    } else {
      await page.goto(`${gl.url}/acme/web${era.oldIssueUrls ? '' : '/-'}/merge_requests/1`);
      await rec.step('mrWidget', async () => {
        await waitForText(page, 'region', REGION, 'acme/web!1');
        await waitForText(page, 'region', REGION, 'Spent 1h');
      });
      await rec.step('mrLogTime', async () => {
        const issueBefore = gl.issue('acme/web', 1)?.totalTimeSpent;
        await openMore(page);
        await (await byRole(page, 'textbox', 'Time spent')).type('15m');
        await (await byRole(page, 'button', 'Log time')).click();
        await waitForText(page, 'region', REGION, 'Spent 1h 15m');
        const log = gl.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time')).at(-1);
        // v3 by the merge request's global id, v4 by its iid; the issue with the same number keeps its time.
        expect(log?.path).toBe(`/api/${api}/projects/acme%2Fweb/merge_requests/${api === 'v3' ? 11001 : 1}/add_spent_time`);
        expect(gl.mergeRequest('acme/web', 1)?.totalTimeSpent).toBe(4500);
        expect(gl.issue('acme/web', 1)?.totalTimeSpent).toBe(issueBefore);
      });
    }
    if (api === 'v3') {
      // No `GET /merge_requests` before 9.5: the popup says so in words.
      const popup = await fx.browser.newPage();
      await openExtensionPage(popup, 'popup.html', 'body');
      await popup.waitForFunction(() => document.querySelector('section.merge-requests')?.textContent?.includes('cannot list your merge requests (before 9.5)'), { timeout: 30_000, polling: 100 });
      await popup.close();
      rec.notApplicable('mrPopup', 'GitLab lists merge requests from 9.5 on');
    } else {
      await rec.step('mrPopup', async () => {
        const popup = await fx!.browser.newPage();
        await openExtensionPage(popup, 'popup.html', 'body');
        await byRole(popup, 'listitem', 'Add rate limiting to the login endpoint acme/web!1', 30_000, true);
        await popup.close();
      });
    }
    await rec.step('popup', async () => {
      const popup = await fx!.browser.newPage();
      await openExtensionPage(popup, 'popup.html', 'body');
      // API v3 lists assigned issues project by project: give a busy machine time.
      await byRole(popup, 'listitem', 'Fix login redirect loop acme/web#1', 30_000);
      await byRole(popup, 'listitem', 'Rotate TLS certificates acme/platform/infra#1');
    });
  });
});
