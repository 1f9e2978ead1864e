import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import { backdateTimer, byRole, connectViaOptions, launchFirefox, openExtensionPage, waitForText, type FirefoxWithExtension } from '../support/firefox';

describe('Firefox: a self-hosted GitLab on a non-default port', () => {
  let standIn: StandIn;
  let fx: FirefoxWithExtension;
  let options: Page;

  beforeAll(async () => {
    standIn = await startStandIn();
    fx = await launchFirefox();
    options = await fx.browser.newPage();
  });
  afterAll(async () => {
    await fx?.browser.close();
    await standIn?.close();
  });

  it('connects through the options page', async () => {
    await connectViaOptions(options, standIn.url, standIn.token);
    await waitForText(options, 'status', '', `Connected as @${standIn.user.username}`);
    expect(standIn.requests.some((r) => r.path === '/api/v4/user' && r.status === 200 && r.authToken === standIn.token)).toBe(true);
  });

  it('shows the issue numbers, and Start then Stop logs time to that issue', async () => {
    const page = await fx.browser.newPage();
    await page.goto(`${standIn.url}/acme/web/-/issues/1`);
    await waitForText(page, 'region', 'Time tracking', '1h 30m');
    await waitForText(page, 'region', 'Time tracking', '3h 30m');

    await (await byRole(page, 'button', 'Start timer')).click();
    await byRole(page, 'timer', 'Elapsed time');
    await backdateTimer(options, 20);
    await (await byRole(page, 'button', 'Stop timer')).click();
    await waitForText(page, 'region', 'Time tracking', '1h 50m');

    const logs = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
    expect(logs).toHaveLength(1);
    expect(logs[0]!.path).toBe('/api/v4/projects/acme%2Fweb/issues/1/add_spent_time');
    expect(logs[0]!.body.duration).toBe('20m');
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 20 * 60);
    await page.close();
  });

  it('the popup lists every assigned issue, all pages of them', async () => {
    const popup = await fx.browser.newPage();
    await openExtensionPage(popup, 'popup.html', 'body');
    const list = await byRole(popup, 'list', 'Assigned issues', 15_000);
    await popup.waitForFunction((ul: Element, n: number) => ul.querySelectorAll(':scope > li').length === n, { timeout: 15_000 }, list, standIn.assignedOpenCount());
    expect(standIn.requests.filter((r) => r.path === '/api/v4/issues').length).toBeGreaterThan(1);
    await popup.close();
  });
});
