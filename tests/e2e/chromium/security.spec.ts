/**
 * Token safety end to end in Chromium, against GitLab stand-ins with different tokens: a hostile
 * script on a GitLab page gets no token and makes no API call happen; a content script cannot act
 * on another GitLab's issue; each token reaches only its own GitLab; refusals end in words; a
 * self-hosted GitLab on another port and sub-path connects; OAuth sign-in through the browser's
 * own launchWebAuthFlow window, refresh, and a failed refresh.
 */
import type { CDPSession, Page, Worker } from '@playwright/test';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import { backdateTimer, connectViaOptions } from '../support/chromium';
import { readEverything, startListening } from '../support/snoop';
import { expect, GITLAB, openMore, test } from './fixtures';

const widgetOf = (page: Page) => page.getByRole('region', { name: 'Time tracking' });
const REFUSED = 'This request was refused: it did not come from Timekeeper on a connected GitLab page.';

/** The extension's `chrome.storage.local`, inside its service worker. */
type LocalStorage = { storage: { local: { get(keys: string | null): Promise<Record<string, any>>; set(items: object): Promise<void> } } };

/** Everything stored by the extension, as the background sees it (the token store included). */
async function stored(worker: Worker): Promise<Record<string, any>> {
  return worker.evaluate(() => (globalThis as unknown as { chrome: LocalStorage }).chrome.storage.local.get(null));
}

/**
 * Runs code in our content script's own world (the loader's and the widget's, not the page's):
 * what a compromised content script could do. Found through the DevTools protocol.
 */
async function inContentScript<T>(page: Page, expression: string): Promise<T> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; name: string; auxData?: { type?: string; frameId?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Timekeeper for GitLab');
  if (!world) throw new Error(`no content script world among ${contexts.map((c) => c.name).join(', ')}`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as T;
}

/** Sends one request to the background the way our content scripts do (lib/content/messenger.ts). */
const sendAsContentScript = (type: string, data: unknown) =>
  `chrome.runtime.sendMessage({ id: 4242, type: ${JSON.stringify(type)}, data: ${JSON.stringify(data)}, timestamp: Date.now() })`;

test('a hostile script on a GitLab page gets no token and makes no API call happen', async ({ connected, standIn, worker, browserWithExtension }) => {
  const page = connected;
  await page.goto(`${GITLAB}/acme/web/-/issues/1`);
  await expect(widgetOf(page)).toContainText('Spent 1h 30m');
  // The user opened the forms: the script gets every control to try.
  await openMore(page);
  await page.waitForTimeout(500);
  const before = standIn.requests.length;

  const loot = await page.evaluate(async (extensionId) => {
    const found: string[] = [];
    const widget = document.querySelector('timekeeper-widget');
    const root = widget?.shadowRoot ?? null;
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

    // Forged messages, in the shapes the extension's parts speak.
    for (const message of [
      { type: 'startTimer', data: { target: { page: { projectPath: 'acme/web', kind: 'issue', iid: 1 } } } },
      { id: 1, type: 'logTime', data: { target: { page: { projectPath: 'acme/web', kind: 'issue', iid: 1 } }, seconds: 28800 }, timestamp: Date.now() },
      { id: 2, type: 'getState', data: undefined, timestamp: Date.now() },
      { type: 'stateChanged', data: { timer: null, outbox: [], notice: 'forged' } },
    ]) {
      window.postMessage(message, '*');
      widget?.dispatchEvent(new MessageEvent('message', { data: message }));
    }
    // Forged DOM events: clicks on every button, typed values submitted, Enter pressed, the
    // navigation signals the widget follows, the event that retires an older widget.
    for (const input of root?.querySelectorAll('input') ?? []) {
      (input as HTMLInputElement).value = '8h';
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    }
    for (const button of root?.querySelectorAll('button') ?? []) {
      (button as HTMLButtonElement).click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    }
    for (const form of root?.querySelectorAll('form') ?? []) {
      (form as HTMLFormElement).requestSubmit();
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    }
    document.dispatchEvent(new Event('page:change'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await wait(1500);

    // Reading the widget's DOM and everything else the page can read.
    found.push(document.documentElement.outerHTML, root?.innerHTML ?? '', document.cookie);
    found.push(JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }));
    found.push(JSON.stringify(performance.getEntries().map((e) => e.name)));
    found.push(JSON.stringify((await indexedDB.databases?.()) ?? []));
    // Probing window properties: anything of ours, or a way into the extension.
    const ours = Object.getOwnPropertyNames(window).filter((name) => /timekeeper|wxt|webext|glpat|private.?token|access.?token/i.test(name));
    const w = window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } };
    const runtime = typeof w.chrome?.runtime?.sendMessage;
    let packaged = 'unreadable';
    try {
      packaged = await (await fetch(`chrome-extension://${extensionId}/manifest.json`)).text();
    } catch {
      // not web-accessible
    }
    return { text: found.join('\n'), ours, runtime, packaged, widgetStillThere: !!document.querySelector('timekeeper-widget') };
  }, browserWithExtension.extensionId);

  const token = standIn.token;
  expect(loot.text).not.toContain(token);
  expect(loot.text).not.toContain('glpat-');
  expect(loot.ours).toEqual([]);
  expect(loot.runtime).toBe('undefined');
  expect(loot.packaged).toBe('unreadable');
  // Not one API request while the script ran, and nothing started or queued.
  await page.waitForTimeout(1000);
  expect(standIn.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  const state = await stored(worker);
  expect(state.timer ?? null).toBeNull();
  expect(state.outbox ?? []).toEqual([]);
  expect(standIn.issue('acme/web', 1)?.time_stats).toMatchObject({ total_time_spent: 5400, time_estimate: 12600 });
  // The token is where it belongs: the background's storage.
  expect(JSON.stringify(state.tokens)).toContain(token);
});

test.describe('two GitLabs with different tokens', () => {
  let selfHosted: StandIn;
  test.beforeEach(async () => {
    selfHosted = await startStandIn({ basePath: '/gitlab', token: 'glpat-self-hosted-0123456789', assignedIssueCount: 12 });
  });
  test.afterEach(async () => {
    await selfHosted.close();
  });

  async function connectSelfHosted(page: Page, extensionId: string) {
    await connectViaOptions(page, extensionId, selfHosted.url, selfHosted.token);
    // Chromium's page access prompt stays open headless; the API works without it (CORS).
    await expect(page.getByRole('status')).toContainText(`Connected as @demo on 127.0.0.1:${selfHosted.port}`);
  }

  test('a self-hosted GitLab on another port and a sub-path connects, and its issues join the popup', async ({ connected, standIn, browserWithExtension }) => {
    await connectSelfHosted(connected, browserWithExtension.extensionId);
    const item = connected.getByRole('listitem').filter({ hasText: `127.0.0.1:${selfHosted.port}` });
    await expect(item).toContainText('GitLab 17.11.0-ee · API v4 · personal access token (api)');
    await connected.goto(`chrome-extension://${browserWithExtension.extensionId}/popup.html`);
    await expect(connected.getByRole('list', { name: 'Assigned issues' }).getByRole('listitem')).toHaveCount(standIn.assignedOpenCount() + 12);
    expect(selfHosted.requests.some((r) => r.path === '/api/v4/user' && r.status === 200)).toBe(true);
  });

  test('each token reaches only its own GitLab, in headers only', async ({ connected, standIn, browserWithExtension, worker }) => {
    await connectSelfHosted(connected, browserWithExtension.extensionId);
    // Use both: the popup's lists, a timer and a time log on each, the widget on gitlab.com.
    await connected.goto(`chrome-extension://${browserWithExtension.extensionId}/popup.html`);
    const list = connected.getByRole('list', { name: 'Assigned issues' });
    await expect(list.getByRole('listitem')).toHaveCount(standIn.assignedOpenCount() + 12);
    for (const host of ['gitlab.com', `127.0.0.1:${selfHosted.port}`]) {
      const row = list.getByRole('listitem').filter({ hasText: 'Fix login redirect loop' }).filter(host === 'gitlab.com' ? { hasNotText: '127.0.0.1' } : { hasText: host });
      await row.first().getByRole('button', { name: 'Start timer' }).click();
      await expect(connected.getByRole('button', { name: 'Stop timer' })).toBeVisible();
      await backdateTimer(worker, 10);
      await connected.getByRole('button', { name: 'Stop timer' }).click();
      await expect(connected.getByRole('status')).toContainText('Logged 10m');
    }
    const page = await browserWithExtension.context.newPage();
    await page.goto(`${GITLAB}/acme/web/-/issues/2`);
    await expect(widgetOf(page)).toContainText('No estimate');

    for (const [server, token, otherToken] of [
      [standIn, standIn.token, selfHosted.token],
      [selfHosted, selfHosted.token, standIn.token],
    ] as const) {
      expect(server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'))).toHaveLength(1);
      // Every request carries this GitLab's own token, but CORS preflights, which carry none.
      expect(new Set(server.requests.filter((r) => r.method !== 'OPTIONS').map((r) => r.authToken))).toEqual(new Set([token]));
      expect(server.requests.filter((r) => r.method === 'OPTIONS').every((r) => r.authToken === null)).toBe(true);
      const seen = JSON.stringify(server.requests.map((r) => [r.path, r.query, r.body]));
      expect(seen).not.toContain(token);
      expect(seen).not.toContain(otherToken);
      expect(server.requests.every((r) => r.authToken !== otherToken)).toBe(true);
    }
  });

  test('a page of a GitLab that is not connected reads everything it can reach and finds nothing of the other GitLab', async ({ browserWithExtension, standIn, worker }) => {
    // Only the self-hosted GitLab is connected: time was logged there, and a timer runs there.
    const popup = await browserWithExtension.context.newPage();
    await connectSelfHosted(popup, browserWithExtension.extensionId);
    await popup.goto(`chrome-extension://${browserWithExtension.extensionId}/popup.html`);
    const list = popup.getByRole('list', { name: 'Assigned issues' });
    const row = (title: string) => list.getByRole('listitem').filter({ hasText: title }).first();
    await row('Add dark mode to settings').getByRole('button', { name: 'Start timer' }).click();
    await backdateTimer(worker, 10);
    await popup.getByRole('button', { name: 'Stop timer' }).click();
    await expect(popup.getByRole('status')).toContainText('Logged 10m to acme/web#2');
    await row('Fix login redirect loop').getByRole('button', { name: 'Start timer' }).click();
    await expect(popup.getByRole('button', { name: 'Stop timer' })).toBeVisible();

    // gitlab.com is not connected; its page listens from the first moment and reads everything.
    const page = await browserWithExtension.context.newPage();
    await page.addInitScript(startListening);
    await page.goto(`${GITLAB}/acme/platform/infra/-/issues/1`);
    await expect(widgetOf(page)).toContainText('not connected');
    // Meanwhile the other GitLab's state changes (pause, a notice), which views hear about.
    await popup.getByRole('button', { name: 'Pause timer' }).click();
    await expect(popup.getByRole('status')).toContainText('Timer paused on acme/web#1');
    await page.waitForTimeout(1_000);
    const seen = await page.evaluate(readEverything);
    expect(seen).toContain('not connected');
    for (const secret of [`127.0.0.1:${selfHosted.port}`, selfHosted.url, 'acme/web#1', 'acme/web#2', 'Fix login redirect loop', 'Add dark mode', 'Logged', '10m', selfHosted.token, standIn.token]) {
      expect({ secret, found: seen.includes(secret) }).toEqual({ secret, found: false });
    }
  });

  test("a content script naming another GitLab's issue is refused, and nothing is sent", async ({ connected, standIn, browserWithExtension }) => {
    await connectSelfHosted(connected, browserWithExtension.extensionId);
    const page = await browserWithExtension.context.newPage();
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await expect(widgetOf(page)).toContainText('Spent 1h 30m');
    const elsewhere = { instanceId: selfHosted.url, projectPath: 'acme/web', kind: 'issue', iid: 1 };
    const answers = await inContentScript<unknown[]>(
      page,
      `Promise.all([
        ${sendAsContentScript('setEstimate', { target: { item: elsewhere }, seconds: 18000 })},
        ${sendAsContentScript('logTime', { target: { item: elsewhere }, seconds: 28800 })},
        ${sendAsContentScript('startTimer', { target: { item: elsewhere } })},
        ${sendAsContentScript('addTodo', { target: { item: elsewhere } })},
        ${sendAsContentScript('markTodoDone', { instanceId: selfHosted.url, id: 1 })},
        ${sendAsContentScript('assignedIssues', { refresh: true })},
        ${sendAsContentScript('logTime', { target: { page: { projectPath: 'acme/web', kind: 'issue', iid: 1, instanceId: selfHosted.url } }, seconds: 28800 })},
      ])`,
    );
    expect(answers.slice(0, 6)).toEqual(Array(6).fill({ res: { ok: false, error: REFUSED, code: 'refused' } }));
    expect(answers[6]).toMatchObject({ res: { ok: false } });
    await page.waitForTimeout(500);
    expect(selfHosted.requests.filter((r) => r.path !== '/api/v4/user' && !r.path.startsWith('/api/v4/personal_access_tokens') && r.path !== '/api/v4/version')).toEqual([]);
    expect(standIn.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});

test.describe('refusals end in words', () => {
  test('401: a revoked token says so in the widget and the options, and offers to reconnect', async ({ connected, standIn, browserWithExtension }) => {
    standIn.revokeToken(standIn.token);
    const page = await browserWithExtension.context.newPage();
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await expect(widgetOf(page).getByRole('alert')).toContainText('GitLab refused the access token: it is wrong, expired or revoked. Reconnect in the options.');
    await expect(widgetOf(page).getByRole('button', { name: 'Connect this GitLab' })).toBeVisible();
    await connected.reload();
    await expect(connected.getByText('gitlab.com refused the access token: it expired or was revoked. Reconnect with a new token in the options')).toBeVisible();
    await connected.getByRole('button', { name: 'Reconnect https://gitlab.com' }).click();
    await expect(connected.getByRole('textbox', { name: 'Access token' })).toBeFocused();
  });

  test('403: no permission on the project, in words', async ({ connected: page }) => {
    await page.goto(`${GITLAB}/partners/guest-portal/-/issues/1`);
    await openMore(page);
    await widgetOf(page).getByRole('textbox', { name: 'Estimate' }).fill('2h');
    await widgetOf(page).getByRole('button', { name: 'Set estimate', exact: true }).click();
    await expect(widgetOf(page).getByRole('alert')).toContainText('You do not have permission to do that on this issue (it needs Reporter access or more).');
  });

  test('insufficient_scope: a read_api token is read-only with the reason, before anything is sent', async ({ browserWithExtension, standIn }) => {
    const options = await browserWithExtension.context.newPage();
    await connectViaOptions(options, browserWithExtension.extensionId, GITLAB, standIn.readonlyToken);
    await expect(options.getByRole('status')).toContainText('Connected as @demo');
    await expect(options.getByText('Read-only: the token for gitlab.com has only the read_api scope, not api')).toBeVisible();
    const page = await browserWithExtension.context.newPage();
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await openMore(page);
    await expect(widgetOf(page)).toContainText('Read-only: the token for gitlab.com has only the read_api scope');
    await expect(widgetOf(page).getByRole('button', { name: 'Start timer' })).toBeDisabled();
    await expect(widgetOf(page).getByRole('button', { name: 'Log time' })).toBeDisabled();
    expect(standIn.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  test('insufficient_scope from GitLab itself (a server that does not describe tokens), in words', async ({ browserWithExtension, standIn }) => {
    standIn.fail('GET', '/api/v4/personal_access_tokens/self', { kind: 'status', status: 404, times: 1 });
    const options = await browserWithExtension.context.newPage();
    await connectViaOptions(options, browserWithExtension.extensionId, GITLAB, standIn.readonlyToken);
    await expect(options.getByRole('status')).toContainText('Connected as @demo');
    const page = await browserWithExtension.context.newPage();
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await openMore(page);
    await widgetOf(page).getByRole('textbox', { name: 'Estimate' }).fill('2h');
    await widgetOf(page).getByRole('button', { name: 'Set estimate', exact: true }).click();
    await expect(widgetOf(page).getByRole('alert')).toContainText('The access token lacks the api scope needed to change time tracking. Create a token with the api scope and reconnect in the options.');
    expect(standIn.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([403]);
  });
});

test.describe('OAuth', () => {
  async function signIn(page: Page, extensionId: string, clientId: string) {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByRole('radio', { name: 'OAuth' }).check();
    await expect(page.getByRole('textbox', { name: 'Redirect URL' })).toHaveValue(`https://${extensionId}.chromiumapp.org/`);
    await page.getByRole('textbox', { name: 'Application ID' }).fill(clientId);
    await page.getByRole('button', { name: 'Sign in with GitLab' }).click();
  }

  test('signs in through the browser window (PKCE), sends Bearer tokens, refreshes, and asks to sign in again when refresh fails', async ({ browserWithExtension, standIn, worker }) => {
    const options = await browserWithExtension.context.newPage();
    // The stand-in's authorize page approves at once, so Chromium's sign-in window closes by itself.
    await signIn(options, browserWithExtension.extensionId, standIn.oauthClientId);
    await expect(options.getByRole('status')).toContainText('Connected as @demo on gitlab.com');
    await expect(options.getByText('OAuth (api)')).toBeVisible();
    const authorize = standIn.requests.find((r) => r.path === '/oauth/authorize')!;
    expect(authorize.query).toMatchObject({ response_type: 'code', code_challenge_method: 'S256', scope: 'api', client_id: standIn.oauthClientId });
    const tokens = (await stored(worker)).tokens['https://gitlab.com'];
    expect(tokens).toMatchObject({ type: 'oauth', refreshToken: expect.any(String) });
    expect(standIn.requests.find((r) => r.path === '/api/v4/user')?.authToken).toBe(tokens.token);
    expect(JSON.stringify(await options.evaluate(() => document.documentElement.outerHTML))).not.toContain(tokens.token);

    // Two hours later: the next request gets 401 invalid_token, the background refreshes and repeats it.
    standIn.expireOAuthTokens();
    const page = await browserWithExtension.context.newPage();
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await expect(widgetOf(page)).toContainText('Spent 1h 30m');
    expect(standIn.requests.filter((r) => r.path === '/oauth/token').map((r) => r.body.grant_type)).toEqual(['authorization_code', 'refresh_token']);

    // The user revoked the application in GitLab: refresh fails, the options ask to sign in again.
    standIn.expireOAuthTokens();
    standIn.revokeOAuthGrants();
    await page.reload();
    await expect(widgetOf(page).getByRole('alert')).toContainText('GitLab refused the access token');
    await options.reload();
    await expect(options.getByText('Your sign-in to gitlab.com has ended (GitLab no longer accepts it). Sign in again in the options; time logs waiting to be sent are kept.')).toBeVisible();
  });

  test('an application id GitLab does not know: GitLab shows an error instead of redirecting, the page says what to check', async ({ browserWithExtension, standIn }) => {
    const options = await browserWithExtension.context.newPage();
    await signIn(options, browserWithExtension.extensionId, 'not-a-registered-application');
    // Chromium gives up on a sign-in page that answers with an error.
    await expect(options.getByRole('alert')).toContainText('did not finish', { timeout: 20_000 });
    await expect(options.getByRole('alert')).toContainText('Check the application ID and its redirect URL');
    expect(standIn.requests.some((r) => r.path === '/oauth/token')).toBe(false);
  });
});
