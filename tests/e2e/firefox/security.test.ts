/**
 * Token safety in Firefox (MV2 and MV3), with two self-hosted GitLab stand-ins on 127.0.0.1 at
 * different ports, with different tokens (one under a sub-path). Firefox match patterns cannot
 * carry ports, so one pattern covers both servers' pages: the widget must still use each page's
 * own GitLab and token. Also: a hostile page script gets nothing, page access removed in the
 * browser disconnects the GitLab until the user allows it again, and OAuth sign-in runs through
 * Firefox's own launchWebAuthFlow window (the stand-in approves at once) and refreshes. A page
 * of a GitLab that is not connected, on the same host (so the same match pattern brings the
 * widget to it), reads everything it can reach and finds nothing of the connected one.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import { backdateTimer, byRole, connectViaOptions, openMore, launchFirefox, openExtensionPage, waitForText, type FirefoxWithExtension } from '../support/firefox';
import { readEverything, startListening } from '../support/snoop';

const REGION = 'Time tracking';

describe.each(['firefox-mv2', 'firefox-mv3'] as const)('Firefox (%s): tokens and page access', (build) => {
  let first: StandIn;
  let second: StandIn;
  let fx: FirefoxWithExtension;
  let options: Page;

  beforeAll(async () => {
    first = await startStandIn({ token: 'glpat-first-server-0123456789' });
    second = await startStandIn({ basePath: '/gitlab', token: 'glpat-second-server-0123456789', assignedIssueCount: 12 });
    fx = await launchFirefox({ build });
    options = await fx.browser.newPage();
    for (const standIn of [first, second]) {
      await connectViaOptions(options, standIn.url, standIn.token);
      await waitForText(options, 'status', '', `Connected as @demo on 127.0.0.1:${standIn.port}`);
    }
  });
  afterAll(async () => {
    await fx?.browser.close();
    await first?.close();
    await second?.close();
  });

  it('two GitLabs on one host, different ports: each issue page uses its own GitLab and token', async () => {
    const page = await fx.browser.newPage();
    await page.goto(`${second.url}/acme/web/-/issues/1`);
    await openMore(page);
    await waitForText(page, 'region', REGION, 'Spent 1h 30m');
    await (await byRole(page, 'textbox', 'Estimate')).type('5h');
    await (await byRole(page, 'button', 'Set estimate', 10_000, true)).click();
    await waitForText(page, 'region', REGION, 'Estimate 5h');
    expect(second.issue('acme/web', 1)?.time_stats.time_estimate).toBe(5 * 3600);
    expect(first.issue('acme/web', 1)?.time_stats.time_estimate).toBe(12600);

    await page.goto(`${first.url}/acme/web/-/issues/1`);
    await waitForText(page, 'region', REGION, 'Estimate 3h 30m');
    await page.close();

    for (const [server, token, other] of [
      [first, first.token, second.token],
      [second, second.token, first.token],
    ] as const) {
      expect(new Set(server.requests.filter((r) => r.method !== 'OPTIONS').map((r) => r.authToken))).toEqual(new Set([token]));
      expect(JSON.stringify(server.requests)).not.toContain(other);
    }
  });

  it('a hostile page script gets no token and makes no API call happen', async () => {
    const page = await fx.browser.newPage();
    await page.goto(`${first.url}/acme/web/-/issues/2`);
    await waitForText(page, 'region', REGION, 'No time spent');
    // The user opened the forms: the script gets every control to try.
    await openMore(page);
    await new Promise((r) => setTimeout(r, 500));
    const before = first.requests.length;
    const loot = await page.evaluate(async () => {
      const root = document.querySelector('timekeeper-widget')?.shadowRoot;
      window.postMessage({ id: 1, type: 'logTime', data: { target: { page: { projectPath: 'acme/web', kind: 'issue', iid: 2 } }, seconds: 28800 }, timestamp: Date.now() }, '*');
      for (const input of root?.querySelectorAll('input') ?? []) {
        (input as HTMLInputElement).value = '8h';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      for (const button of root?.querySelectorAll('button') ?? []) (button as HTMLButtonElement).click();
      for (const form of root?.querySelectorAll('form') ?? []) (form as HTMLFormElement).requestSubmit();
      await new Promise((r) => setTimeout(r, 1500));
      const w = window as unknown as { browser?: unknown; chrome?: { runtime?: { sendMessage?: unknown } } };
      return {
        text: [document.documentElement.outerHTML, root?.innerHTML ?? '', document.cookie, JSON.stringify({ ...localStorage })].join('\n'),
        browserApi: typeof w.browser,
        runtime: typeof w.chrome?.runtime?.sendMessage,
      };
    });
    expect(loot.text).not.toContain('glpat-');
    expect(loot.browserApi).toBe('undefined');
    expect(loot.runtime).toBe('undefined');
    await new Promise((r) => setTimeout(r, 500));
    expect(first.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(first.issue('acme/web', 2)?.time_stats).toMatchObject({ total_time_spent: 0, time_estimate: 0 });
    await page.close();
  });

  it('page access removed in the browser disconnects those GitLabs; allowing it again reconnects them', async () => {
    // What the user does in the add-on's permissions panel. Patterns carry no port, so the one
    // permission covered both servers on 127.0.0.1.
    await options.evaluate(async () => {
      await (globalThis as unknown as { browser: { permissions: { remove(p: object): Promise<boolean> } } }).browser.permissions.remove({ origins: ['http://127.0.0.1/*'] });
    });
    await openExtensionPage(options, 'options.html', 'input[name="url"]');
    for (const standIn of [first, second]) await waitForText(options, 'listitem', `127.0.0.1:${standIn.port}`, 'was removed in the browser');
    const before = [first.requests.length, second.requests.length];
    const popup = await fx.browser.newPage();
    await openExtensionPage(popup, 'popup.html', 'body');
    // Each list of the popup (issues, merge requests) says it for both GitLabs.
    await popup.waitForFunction(() => (document.body.textContent?.match(/not connected any more/g) ?? []).length >= 2, { timeout: 15_000 });
    await popup.close();
    // Nothing is sent to a disconnected GitLab.
    expect(first.requests.slice(before[0])).toEqual([]);
    expect(second.requests.slice(before[1])).toEqual([]);

    await (await byRole(options, 'button', `Allow access to 127.0.0.1:${second.port}`)).click();
    await waitForText(options, 'status', '', `Connected as @demo on 127.0.0.1:${second.port} again`);
    await openExtensionPage(options, 'options.html', 'input[name="url"]');
    await waitForText(options, 'listitem', `127.0.0.1:${first.port}`, 'Connected as @demo');
    const page = await fx.browser.newPage();
    await page.goto(`${second.url}/acme/web/-/issues/2`);
    await waitForText(page, 'region', REGION, 'No time spent');
    await page.close();
  });
});

describe.each(['firefox-mv2', 'firefox-mv3'] as const)('Firefox (%s): a GitLab that is not connected', (build) => {
  let connected: StandIn;
  let unconnected: StandIn;
  let fx: FirefoxWithExtension;

  beforeAll(async () => {
    connected = await startStandIn({ basePath: '/gitlab', token: 'glpat-connected-server-0123456789' });
    // The same host and sub-path, another port: the connected one's content script patterns match its pages too.
    unconnected = await startStandIn({ basePath: '/gitlab', token: 'glpat-unconnected-server-0123456789' });
    fx = await launchFirefox({ build });
  });
  afterAll(async () => {
    await fx?.browser.close();
    await connected?.close();
    await unconnected?.close();
  });

  it('a page of a GitLab that is not connected reads everything it can reach and finds nothing of the other GitLab', async () => {
    // Only one GitLab is connected: time was logged there, and a timer runs there.
    const options = await fx.browser.newPage();
    await connectViaOptions(options, connected.url, connected.token);
    await waitForText(options, 'status', '', `Connected as @demo on 127.0.0.1:${connected.port}`);
    const logged = await fx.browser.newPage();
    await logged.goto(`${connected.url}/acme/web/-/issues/2`);
    await (await byRole(logged, 'button', 'Start timer')).click();
    await byRole(logged, 'button', 'Stop timer');
    await backdateTimer(options, 10);
    await (await byRole(logged, 'button', 'Stop timer')).click();
    await waitForText(logged, 'region', REGION, 'Logged 10m');
    expect(connected.timelogs.filter((t) => t.issueId === connected.issue('acme/web', 2)!.id).map((t) => t.seconds)).toEqual([600]);
    const running = await fx.browser.newPage();
    await running.goto(`${connected.url}/acme/web/-/issues/1`);
    await (await byRole(running, 'button', 'Start timer')).click();
    await byRole(running, 'button', 'Pause timer');

    // The other GitLab on the same host and path (another port) is not connected; Firefox's
    // patterns carry no port, so our content scripts are injected into its pages too. Nothing of
    // ours may show or speak there. The page listens from the first moment.
    const page = await fx.browser.newPage();
    await page.evaluateOnNewDocument(startListening);
    await page.goto(`${unconnected.url}/acme/platform/infra/-/issues/1`);
    await page.waitForFunction(() => document.readyState === 'complete');
    // Meanwhile the connected GitLab's state changes (pause, a notice), which views hear about.
    await (await byRole(running, 'button', 'Pause timer')).click();
    await byRole(running, 'button', 'Resume timer');
    await new Promise((r) => setTimeout(r, 1_000));
    const seen = await page.evaluate(readEverything);
    // The page itself was read (its own issue), and no widget of ours appeared on it.
    expect(seen).toContain('acme/platform/infra');
    expect(seen).not.toContain('timekeeper-widget');
    for (const secret of [`127.0.0.1:${connected.port}`, connected.url, 'acme/web#1', 'acme/web#2', 'Fix login redirect loop', 'Add dark mode', 'Logged', '10m', connected.token, unconnected.token]) {
      expect({ secret, found: seen.includes(secret) }).toEqual({ secret, found: false });
    }
    // And nothing was asked of the GitLab that is not connected.
    expect(unconnected.requests.filter((r) => r.path.startsWith('/api/'))).toEqual([]);
  });
});

describe.each(['firefox-mv2', 'firefox-mv3'] as const)('Firefox (%s): OAuth sign-in', (build) => {
  let standIn: StandIn;
  let fx: FirefoxWithExtension;

  beforeAll(async () => {
    standIn = await startStandIn({ basePath: '/gitlab' });
    fx = await launchFirefox({ build });
  });
  afterAll(async () => {
    await fx?.browser.close();
    await standIn?.close();
  });

  it('signs in through the browser window, uses Bearer tokens, and refreshes an expired one', async () => {
    const options = await fx.browser.newPage();
    await openExtensionPage(options, 'options.html', 'input[name="url"]');
    const url = await byRole(options, 'textbox', 'GitLab URL');
    await url.evaluate((el) => ((el as HTMLInputElement).value = ''));
    await url.type(standIn.url);
    await (await options.$('input[name="method"][value="oauth"]'))!.click();
    const redirect = await (await byRole(options, 'textbox', 'Redirect URL')).evaluate((el) => (el as HTMLInputElement).value);
    expect(redirect).toMatch(/^https:\/\/[0-9a-f]+\.extensions\.allizom\.org\/$/);
    await (await byRole(options, 'textbox', 'Application ID')).type(standIn.oauthClientId);
    // The stand-in approves at once, so Firefox's sign-in window closes by itself.
    await (await byRole(options, 'button', 'Sign in with GitLab')).click();
    await waitForText(options, 'status', '', `Connected as @demo on 127.0.0.1:${standIn.port}`, 20_000);
    expect(standIn.requests.find((r) => r.path === '/oauth/token')?.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: redirect, code_verifier: expect.stringMatching(/^[\w-]{43}$/) });
    const bearer = standIn.requests.find((r) => r.path === '/api/v4/user')?.authToken;
    expect(bearer).toEqual(expect.any(String));

    standIn.expireOAuthTokens();
    const page = await fx.browser.newPage();
    await page.goto(`${standIn.url}/acme/web/-/issues/1`);
    await waitForText(page, 'region', REGION, 'Spent 1h 30m');
    expect(standIn.requests.filter((r) => r.path === '/oauth/token').map((r) => r.body.grant_type)).toEqual(['authorization_code', 'refresh_token']);
    expect(standIn.requests.filter((r) => r.path.endsWith('/time_stats')).map((r) => r.status)).toEqual([401, 200]);
    await page.close();
  });
});
