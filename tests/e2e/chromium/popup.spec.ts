/**
 * The toolbar popup against two GitLabs with 1,200 assigned issues between them: gitlab.com (the
 * HTTPS stand-in the browser maps to gitlab.com) and a self-hosted one on 127.0.0.1:<port>,
 * whose API the extension reaches cross-origin.
 */
import type { Page } from '@playwright/test';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import { FIRST_ROW_TIMING } from '../../../lib/popup/list-model';
import { backdateTimer, connectViaOptions, elementPainted, startGitLabComStandIn } from '../support/chromium';
import { assignedIssuesOf, collectListItems, NOTHING_LISTED, popupListRequests, writesTo } from '../support/popup-list';
import { expect, test as base } from './fixtures';

const test = base.extend<{ selfHosted: StandIn; popup: Page }>({
  standIn: async ({}, use) => {
    const standIn = await startGitLabComStandIn({ assignedIssueCount: 600 });
    await use(standIn);
    await standIn.close();
  },
  selfHosted: async ({}, use) => {
    const standIn = await startStandIn({ assignedIssueCount: 600 });
    await use(standIn);
    await standIn.close();
  },
  /** The popup page, both GitLabs connected, not yet opened. */
  popup: async ({ connected, selfHosted, browserWithExtension }, use) => {
    await connectViaOptions(connected, browserWithExtension.extensionId, selfHosted.url, selfHosted.token);
    await expect(connected.getByRole('status')).toContainText(`Connected as @demo on 127.0.0.1:${selfHosted.port}`);
    await use(connected);
  },
});

const SELF_HOST = (s: StandIn) => `127.0.0.1:${s.port}`;

async function openPopup(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
}

test('every one of 1,200 issues on two GitLabs is reachable, the list says its size, few requests', async ({ popup, standIn, selfHosted, browserWithExtension }) => {
  const expected = standIn.assignedOpenCount() + selfHosted.assignedOpenCount();
  expect(expected).toBe(1200);
  await openPopup(popup, browserWithExtension.extensionId);
  const list = popup.getByRole('list', { name: 'Assigned issues' });
  await expect(popup.getByRole('heading', { name: /Assigned issues/ })).toContainText(`(${expected})`);
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(expected));

  const drawn = await list.evaluate(collectListItems);
  expect(drawn.map((d) => d.position)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
  const names = new Set(drawn.map((d) => d.name));
  expect(names.size).toBe(expected);
  for (const [s, host] of [[standIn, 'gitlab.com'], [selfHosted, SELF_HOST(selfHosted)]] as const) {
    for (const issue of assignedIssuesOf(s)) expect(names).toContain(`${issue.title} ${issue.fullPath}#${issue.iid} on ${host}`);
  }

  // A cold load: 6 GraphQL pages of 100 per GitLab (the merge requests come with the first), and the to-dos.
  for (const s of [standIn, selfHosted]) {
    expect(popupListRequests(s)).toHaveLength(6);
    expect(s.requests.filter((r) => r.path === '/api/v4/issues' || r.path === '/api/v4/merge_requests')).toEqual([]);
    expect(s.requests.filter((r) => r.method === 'GET' && r.path === '/api/v4/todos')).toHaveLength(1);
  }
});

test('search narrows as you type, by title, reference and label; Escape brings everything back', async ({ popup, standIn, selfHosted, browserWithExtension }) => {
  await openPopup(popup, browserWithExtension.extensionId);
  const list = popup.getByRole('list', { name: 'Assigned issues' });
  const search = popup.getByRole('searchbox', { name: 'Search assigned issues' });
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '1200');

  await search.pressSequentially('rotate tls');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem', { name: `Rotate TLS certificates acme/platform/infra#1 on gitlab.com` })).toBeVisible();
  await expect(list.getByRole('listitem', { name: `Rotate TLS certificates acme/platform/infra#1 on ${SELF_HOST(selfHosted)}` })).toBeVisible();

  await search.fill('acme/web#12');
  const expectedRefs = (s: StandIn) => assignedIssuesOf(s).filter((i) => `${i.fullPath}#${i.iid}`.includes('acme/web#12')).length;
  await expect(list.getByRole('listitem')).toHaveCount(expectedRefs(standIn) + expectedRefs(selfHosted));
  await expect(list.getByRole('listitem', { name: 'acme/web#12 on gitlab.com' })).toHaveCount(1);

  await search.fill('~security');
  const security = assignedIssuesOf(standIn).filter((i) => i.labels.includes('security')).length * 2;
  await expect(list.getByRole('listitem')).toHaveCount(security);
  await expect(popup.getByRole('heading', { name: /Assigned issues/ })).toContainText(`(${security} of 1200)`);

  await search.fill('no such thing anywhere');
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(popup.getByText('No assigned issue matches “no such thing anywhere”.')).toBeVisible();

  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '1200');
});

test('Start timer from the list, then Stop timer logs to that issue on that GitLab', async ({ popup, standIn, selfHosted, browserWithExtension, worker }) => {
  await openPopup(popup, browserWithExtension.extensionId);
  await popup.getByRole('searchbox', { name: 'Search assigned issues' }).fill('Rotate TLS');
  const item = popup
    .getByRole('list', { name: 'Assigned issues' })
    .getByRole('listitem', { name: `Rotate TLS certificates acme/platform/infra#1 on ${SELF_HOST(selfHosted)}` });
  await item.getByRole('button', { name: 'Start timer' }).click();
  const running = popup.getByRole('region', { name: 'Running timer' });
  await expect(running).toContainText('acme/platform/infra#1');
  await expect(item).toContainText('Running');
  await backdateTimer(worker, 12);
  await expect(popup.getByRole('button', { name: 'Stop timer' })).toHaveCount(1);
  await popup.getByRole('button', { name: 'Stop timer' }).click();
  await expect(popup.getByRole('status')).toContainText('Logged 12m to acme/platform/infra#1');
  await expect(running).toHaveCount(0);

  const logs = (s: StandIn) => s.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
  expect(logs(standIn)).toHaveLength(0);
  expect(logs(selfHosted).map((r) => [r.path, r.body.duration])).toEqual([['/api/v4/projects/acme%2Fplatform%2Finfra/issues/1/add_spent_time', '12m']]);
  expect(selfHosted.issue('acme/platform/infra', 1)?.time_stats.total_time_spent).toBe(12 * 60);
  // The row follows: that GitLab's list is fetched again, and only that one.
  await expect(item).toContainText('12m of 1d');
  expect(popupListRequests(standIn)).toHaveLength(6);
});

test('Mark as done reaches the right GitLab and the to-do leaves the list', async ({ popup, standIn, selfHosted, browserWithExtension }) => {
  await openPopup(popup, browserWithExtension.extensionId);
  const todos = popup.getByRole('list', { name: 'To-do items' });
  await expect(todos.getByRole('listitem')).toHaveCount(6);
  const item = todos.getByRole('listitem', { name: 'Rotate TLS certificates acme/platform/infra#1 on gitlab.com' });
  await expect(item.getByRole('link', { name: 'Rotate TLS certificates' })).toHaveAttribute('href', 'https://gitlab.com/acme/platform/infra/-/issues/1');
  await item.getByRole('button', { name: 'Mark as done' }).click();
  await expect(todos.getByRole('listitem')).toHaveCount(5);
  await expect(item).toHaveCount(0);
  const done = standIn.requests.filter((r) => r.method === 'POST' && /^\/api\/v4\/todos\/\d+\/mark_as_done$/.test(r.path));
  expect(done).toHaveLength(1);
  expect(done[0]!.status).toBe(200);
  expect(selfHosted.requests.some((r) => r.path.endsWith('/mark_as_done'))).toBe(false);
});

test('one GitLab failing shows its error in place and hides nothing of the other', async ({ popup, standIn, selfHosted, browserWithExtension }) => {
  selfHosted.fail('POST', '/api/graphql', { kind: 'status', status: 500, times: 100 });
  await openPopup(popup, browserWithExtension.extensionId);
  const list = popup.getByRole('list', { name: 'Assigned issues' });
  await expect(popup.getByText(`${SELF_HOST(selfHosted)}: GitLab had a problem on its side (HTTP 500)`)).toBeVisible();
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(standIn.assignedOpenCount()));
  await expect(popup.getByRole('list', { name: 'To-do items' }).getByRole('listitem')).toHaveCount(6);

  // Then it goes away altogether: the error says so, still in place.
  await selfHosted.close();
  await popup.getByRole('button', { name: 'Refresh from GitLab' }).click();
  await expect(popup.getByText(`${SELF_HOST(selfHosted)}: Could not reach ${SELF_HOST(selfHosted)}`)).toBeVisible();
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '600');
});

test('a revoked token asks to reconnect, and Reconnect opens the options', async ({ popup, selfHosted, browserWithExtension }) => {
  selfHosted.fail('GET', /^\/api\/v4\/(issues|todos)$/, { kind: 'status', status: 401, times: 100 });
  await openPopup(popup, browserWithExtension.extensionId);
  await expect(popup.getByText(/expired or revoked/)).toBeVisible();
  const opened = browserWithExtension.context.waitForEvent('page');
  await popup.getByRole('button', { name: `Reconnect ${SELF_HOST(selfHosted)}` }).click();
  expect((await opened).url()).toContain('/options.html');
});

test('a read_api token makes its GitLab read-only: the reason in place, its Start and Mark as done wait, the other GitLab works', async ({ connected, standIn, selfHosted, browserWithExtension }) => {
  await connectViaOptions(connected, browserWithExtension.extensionId, selfHosted.url, selfHosted.readonlyToken);
  await expect(connected.getByRole('status')).toContainText(`Connected as @demo on ${SELF_HOST(selfHosted)}`);
  const popup = connected;
  await openPopup(popup, browserWithExtension.extensionId);
  const reason = `Read-only: the token for ${SELF_HOST(selfHosted)} has only the read_api scope, not api`;
  await expect(popup.getByText(reason)).toBeVisible();
  await expect(popup.getByText(/Read-only: the token for gitlab\.com/)).toHaveCount(0);

  await popup.getByRole('searchbox', { name: 'Search assigned issues' }).fill('Rotate TLS');
  const list = popup.getByRole('list', { name: 'Assigned issues' });
  const readOnlyStart = list.getByRole('listitem', { name: `on ${SELF_HOST(selfHosted)}` }).getByRole('button', { name: 'Start timer' });
  await expect(readOnlyStart).toBeDisabled();
  await expect(readOnlyStart).toHaveAccessibleName(`Start timer for acme/platform/infra#1 on ${SELF_HOST(selfHosted)} Rotate TLS certificates`);
  await expect(readOnlyStart).toHaveAccessibleDescription(new RegExp(`^${reason}`));

  const todos = popup.getByRole('list', { name: 'To-do items' });
  await expect(todos.getByRole('listitem')).toHaveCount(6);
  await expect(todos.getByRole('button', { name: `Mark as done acme/api#1 on ${SELF_HOST(selfHosted)}` })).toBeDisabled();
  await expect(todos.getByRole('button', { name: 'Mark as done acme/api#1 on gitlab.com' })).toBeEnabled();

  // `s` on the read-only issue (the first match, selected while searching) starts nothing and says why.
  await expect(list.locator('[aria-current="true"]')).toHaveAttribute('aria-label', new RegExp(`on ${SELF_HOST(selfHosted)}$`));
  await popup.getByRole('searchbox', { name: 'Search assigned issues' }).blur();
  await popup.keyboard.press('s');
  await expect(popup.getByRole('status')).toContainText(`No timer started on acme/platform/infra#1: the connection to ${SELF_HOST(selfHosted)} is read-only.`);
  await expect(popup.getByRole('region', { name: 'Running timer' })).toHaveCount(0);

  // The other GitLab's Start works.
  await list.getByRole('listitem', { name: 'on gitlab.com' }).getByRole('button', { name: 'Start timer' }).click();
  await expect(popup.getByRole('region', { name: 'Running timer' })).toContainText('acme/platform/infra#1');
  await expect(popup.getByText('No timer started')).toHaveCount(0);
  expect(writesTo(selfHosted)).toEqual([]);
  expect(popupListRequests(selfHosted).length).toBeGreaterThan(0);

  // The way out: Reconnect opens the options.
  const opened = browserWithExtension.context.waitForEvent('page');
  await popup.getByRole('button', { name: `Reconnect ${SELF_HOST(selfHosted)}` }).click();
  expect((await opened).url()).toContain('/options.html');
  expect(standIn.requests.some((r) => r.path.endsWith('/mark_as_done'))).toBe(false);
});

test('paints from the cache at once while a slow refresh runs, and says how old it is', async ({ popup, standIn, selfHosted, browserWithExtension, worker }) => {
  await openPopup(popup, browserWithExtension.extensionId);
  const list = popup.getByRole('list', { name: 'Assigned issues' });
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '1200');
  await expect(popup.getByText('Updated just now')).toBeVisible();

  // Five minutes pass (the cached lists are dated back), and GitLab has become slow.
  await worker.evaluate(async () => {
    const local = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, string>>; set(v: object): Promise<void> } } } }).chrome.storage.local;
    const cache = JSON.parse((await local.get('assignedCacheJson')).assignedCacheJson!) as Record<string, { fetchedAt: number }>;
    for (const entry of Object.values(cache)) entry.fetchedAt -= 5 * 60_000;
    await local.set({ assignedCacheJson: JSON.stringify(cache) });
  });
  for (const s of [standIn, selfHosted]) s.fail('POST', '/api/graphql', { kind: 'latency', ms: 3000, times: 100 });
  await popup.reload();
  // Everything is there, dated, while GitLab has not answered yet.
  await expect(popup.getByText('Updated 5 min ago · refreshing…')).toBeVisible({ timeout: 3000 });
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '1200', { timeout: 1000 });
  // The benchmark's measure of the first list paint (Element Timing of the first row) is recorded.
  expect(await popup.evaluate(elementPainted, FIRST_ROW_TIMING)).toBeGreaterThan(0);
  await expect(popup.getByText('Updated just now')).toBeVisible({ timeout: 20_000 });
});

test('keyboard: j/k and arrows move, Enter opens, s starts and stops, / searches, ? lists the keys', async ({ popup, standIn, browserWithExtension, worker }) => {
  await openPopup(popup, browserWithExtension.extensionId);
  const list = popup.getByRole('list', { name: 'Assigned issues' });
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '1200');
  const selected = list.locator('[aria-current="true"]');

  await popup.keyboard.press('j');
  await expect(selected).toHaveAttribute('aria-posinset', '1');
  await popup.keyboard.press('j');
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('k');
  await expect(selected).toHaveAttribute('aria-posinset', '2');
  await popup.keyboard.press('End');
  await expect(selected).toHaveAttribute('aria-posinset', '1200');
  await expect(selected).toBeInViewport();
  await popup.keyboard.press('k');
  await expect(selected).toHaveAttribute('aria-posinset', '1199');
  // Home: the first row of the column, the top merge request drawn above the issues.
  await popup.keyboard.press('Home');
  const mergeRequests = popup.getByRole('list', { name: 'Merge requests' });
  await expect(mergeRequests.locator('[aria-current="true"]')).toHaveAttribute('aria-label', (await mergeRequests.getByRole('listitem').first().getAttribute('aria-label'))!);
  await expect(selected).toHaveCount(0);

  await popup.keyboard.press('/');
  const search = popup.getByRole('searchbox', { name: 'Search assigned issues' });
  await expect(search).toBeFocused();
  await popup.keyboard.type('dark mode s');
  await expect(search).toHaveValue('dark mode s');
  await expect(popup.getByRole('region', { name: 'Running timer' })).toHaveCount(0);
  await search.fill('Add dark mode to settings');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await popup.keyboard.press('ArrowDown');
  await expect(selected).toHaveAttribute('aria-label', /on gitlab\.com$/);

  const opened = browserWithExtension.context.waitForEvent('page');
  await popup.keyboard.press('Enter');
  expect((await opened).url()).toBe('https://gitlab.com/acme/web/-/issues/2');
  await popup.bringToFront();

  await search.blur();
  await popup.keyboard.press('s');
  await expect(popup.getByRole('region', { name: 'Running timer' })).toContainText('acme/web#2');
  await backdateTimer(worker, 5);
  await popup.keyboard.press('s');
  await expect(popup.getByRole('status')).toContainText('Logged 5m to acme/web#2');
  expect(standIn.requests.filter((r) => r.path.endsWith('/add_spent_time')).map((r) => r.path)).toEqual(['/api/v4/projects/acme%2Fweb/issues/2/add_spent_time']);

  await popup.keyboard.press('?');
  await expect(popup.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Start or stop the timer');
  await popup.keyboard.press('Escape');
  await expect(popup.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
});

test('grouping by project is remembered', async ({ popup, browserWithExtension }) => {
  await openPopup(popup, browserWithExtension.extensionId);
  const view = popup.getByRole('combobox', { name: 'Show issues' });
  await view.selectOption({ label: 'By project' });
  await popup.getByRole('searchbox', { name: 'Search assigned issues' }).fill('Rotate TLS');
  await expect(popup.getByText('acme/platform/infra · gitlab.com (1)')).toBeVisible();
  await popup.reload();
  await expect(view).toHaveValue('project');
  await view.selectOption({ label: 'Due date' });
  await popup.reload();
  await expect(view).toHaveValue('due');
});

test('Needs attention: a Guest 403 stays, Copy as /spend gives the quick action, Retry tries again, Discard drops it', async ({ popup, standIn, browserWithExtension, worker }) => {
  await openPopup(popup, browserWithExtension.extensionId);
  await popup.getByRole('searchbox', { name: 'Search assigned issues' }).fill('partners/guest-portal#1');
  await popup.getByRole('list', { name: 'Assigned issues' }).getByRole('listitem', { name: /on gitlab\.com$/ }).getByRole('button', { name: 'Start timer' }).click();
  await backdateTimer(worker, 15);
  await popup.getByRole('button', { name: 'Stop timer' }).click();

  const attention = popup.getByRole('region', { name: 'Needs attention' });
  await expect(attention).toContainText('15m for partners/guest-portal#1');
  await expect(attention).toContainText(/permission/);
  const spentAt = await worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, any>> } } } }).chrome;
    return ((await chrome.storage.local.get('outbox')).outbox as Array<{ spentAt: number }>)[0]!.spentAt;
  });
  const day = await popup.evaluate((ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, spentAt);

  await attention.getByRole('button', { name: 'Copy as /spend' }).click();
  await expect(popup.getByRole('status')).toContainText(`/spend 15m ${day}`);
  // The clipboard is the browser's, so a page that may read it sees what the popup wrote.
  await browserWithExtension.context.grantPermissions(['clipboard-read'], { origin: 'https://gitlab.com' });
  const reader = await browserWithExtension.context.newPage();
  await reader.goto('https://gitlab.com/acme/web/-/issues/1');
  expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(`/spend 15m ${day}`);
  await reader.close();
  await popup.bringToFront();

  const attempts = () => standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time')).length;
  const before = attempts();
  await attention.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(attempts).toBe(before + 1);
  await expect(attention).toContainText('15m for partners/guest-portal#1');

  await attention.getByRole('button', { name: 'Discard' }).click();
  await expect(attention).toHaveCount(0);
  expect(standIn.timelogs).toHaveLength(0);
});

test('nothing assigned says so in words', async ({ popup, standIn, selfHosted, browserWithExtension }) => {
  for (const s of [standIn, selfHosted]) s.fail('POST', '/api/graphql', { kind: 'status', status: 200, body: NOTHING_LISTED, times: 100 });
  await openPopup(popup, browserWithExtension.extensionId);
  await expect(popup.getByText('Nothing is assigned to you. Enjoy the calm.')).toBeVisible();
  await expect(popup.getByRole('list', { name: 'Assigned issues' }).getByRole('listitem')).toHaveCount(0);
});

test('offline: the cached lists stay, the popup says so and waits; back online it carries on', async ({ popup, standIn, browserWithExtension }) => {
  await openPopup(popup, browserWithExtension.extensionId);
  const list = popup.getByRole('list', { name: 'Assigned issues' });
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '1200');
  await browserWithExtension.context.setOffline(true);
  await popup.reload();
  await expect(popup.getByText(/You are offline\. Showing what was loaded just now/)).toBeVisible();
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '1200');
  await expect(popup.getByRole('button', { name: 'Refresh from GitLab' })).toBeDisabled();
  const asked = standIn.requests.length;
  await browserWithExtension.context.setOffline(false);
  await expect(popup.getByText(/You are offline/)).toHaveCount(0);
  await expect(popup.getByRole('button', { name: 'Refresh from GitLab' })).toBeEnabled();
  // The lists were under a minute old: the background had nothing to fetch again.
  expect(standIn.requests.length).toBe(asked);
});

test('not connected yet: says so, and Connect GitLab opens the options', async ({ browserWithExtension }) => {
  const page = await browserWithExtension.context.newPage();
  await openPopup(page, browserWithExtension.extensionId);
  await expect(page.getByText('Connect your GitLab to see the issues assigned to you')).toBeVisible();
  const opened = browserWithExtension.context.waitForEvent('page');
  await page.getByRole('button', { name: 'Connect GitLab' }).click();
  expect((await opened).url()).toContain('/options.html');
});
