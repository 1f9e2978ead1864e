import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import { backdateTimer, byRole, connectViaOptions, launchFirefox, openExtensionPage, waitForText, type FirefoxWithExtension } from '../support/firefox';
import { popupListRequests } from '../support/popup-list';

describe.each(['firefox-mv2', 'firefox-mv3'] as const)('Firefox (%s): a self-hosted GitLab on a non-default port', (build) => {
  let standIn: StandIn;
  let fx: FirefoxWithExtension;
  let options: Page;

  beforeAll(async () => {
    standIn = await startStandIn();
    fx = await launchFirefox({ build });
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
    expect(popupListRequests(standIn).length).toBeGreaterThan(1);
    await popup.close();
  });
});

describe('Firefox: connecting explains what went wrong', () => {
  let standIn: StandIn;
  let blog: Server;
  let fx: FirefoxWithExtension;
  let options: Page;

  beforeAll(async () => {
    standIn = await startStandIn();
    blog = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>My blog</body></html>'));
    await new Promise<void>((r) => blog.listen(0, '127.0.0.1', r));
    fx = await launchFirefox();
    options = await fx.browser.newPage();
  });
  afterAll(async () => {
    await fx?.browser.close();
    await standIn?.close();
    await new Promise((r) => blog?.close(r));
  });

  it('a wrong token', async () => {
    await connectViaOptions(options, standIn.url, 'glpat-not-the-right-one');
    await waitForText(options, 'alert', '', 'refused this access token');
  });

  it('an unreachable host', async () => {
    await connectViaOptions(options, 'http://127.0.0.1:9', standIn.token);
    await waitForText(options, 'alert', '', 'Could not reach 127.0.0.1:9');
  });

  it('a URL that is not a GitLab', async () => {
    const port = (blog.address() as AddressInfo).port;
    await connectViaOptions(options, `http://127.0.0.1:${port}`, standIn.token);
    await waitForText(options, 'alert', '', 'does not look like a GitLab');
  });

  it('junk in the URL box, before anything is sent', async () => {
    const before = standIn.requests.length;
    await connectViaOptions(options, 'ftp://files.example.com', standIn.token);
    await waitForText(options, 'alert', '', 'http');
    expect(standIn.requests.length).toBe(before);
  });
});
