import { backdateTimer } from '../support/chromium';
import { popupListRequests } from '../support/popup-list';
import { expect, GITLAB, test } from './fixtures';

test('connect on the options page shows who we are', async ({ connected, standIn }) => {
  await expect(connected.getByRole('status')).toContainText(`Connected as @${standIn.user.username}`);
  expect(standIn.requests.some((r) => r.path === '/api/v4/user' && r.status === 200)).toBe(true);
});

test('a wrong token is refused in words', async ({ browserWithExtension }) => {
  const page = await browserWithExtension.context.newPage();
  const { connectViaOptions } = await import('../support/chromium');
  await connectViaOptions(page, browserWithExtension.extensionId, GITLAB, 'glpat-wrong-token');
  await expect(page.getByRole('alert')).toContainText(/refused this access token/i);
});

test('widget shows the numbers, start then stop logs time to the right issue', async ({ connected, standIn, worker }) => {
  const page = connected;
  await page.goto(`${GITLAB}/acme/web/-/issues/1`);
  const widget = page.getByRole('region', { name: 'Time tracking' });
  await expect(widget).toContainText('1h 30m');
  await expect(widget).toContainText('3h 30m');

  await widget.getByRole('button', { name: 'Start timer' }).click();
  await expect(widget.getByRole('timer')).toBeVisible();
  await backdateTimer(worker, 25);
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await expect(widget).toContainText('1h 55m');

  const logs = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
  expect(logs).toHaveLength(1);
  expect(logs[0]!.path).toBe('/api/v4/projects/acme%2Fweb/issues/1/add_spent_time');
  expect(logs[0]!.body.duration).toBe('25m');
  expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 25 * 60);
});

test('the popup lists every assigned issue, across pages, and starts and stops a timer', async ({ connected, standIn, browserWithExtension, worker }) => {
  const popup = connected;
  await popup.goto(`chrome-extension://${browserWithExtension.extensionId}/popup.html`);
  const list = popup.getByRole('list', { name: 'Assigned issues' });
  const expected = standIn.assignedOpenCount();
  await expect(list.getByRole('listitem')).toHaveCount(expected);
  expect(popupListRequests(standIn).length).toBeGreaterThan(1);

  const item = list.getByRole('listitem', { name: /Add dark mode to settings acme\/web#2/ });
  await item.getByRole('button', { name: 'Start timer' }).click();
  await expect(popup.getByRole('button', { name: 'Stop timer' })).toBeVisible();
  await backdateTimer(worker, 10);
  await popup.getByRole('button', { name: 'Stop timer' }).click();
  await expect(popup.getByRole('status')).toContainText('Logged 10m to acme/web#2');
  const log = standIn.requests.find((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
  expect(log?.path).toBe('/api/v4/projects/acme%2Fweb/issues/2/add_spent_time');
});

test('a self-hosted GitLab on another port connects too, and its issues join the popup', async ({ connected, standIn, browserWithExtension }) => {
  const { startStandIn } = await import('../../fake-gitlab/server');
  const selfHosted = await startStandIn({ assignedIssueCount: 12 });
  try {
    const options = connected;
    const { connectViaOptions } = await import('../support/chromium');
    await connectViaOptions(options, browserWithExtension.extensionId, selfHosted.url, selfHosted.token);
    await expect(options.getByRole('status')).toContainText(`Connected as @demo on 127.0.0.1:${selfHosted.port}`);
    await options.goto(`chrome-extension://${browserWithExtension.extensionId}/popup.html`);
    const list = options.getByRole('list', { name: 'Assigned issues' });
    await expect(list.getByRole('listitem')).toHaveCount(standIn.assignedOpenCount() + 12);
    expect(selfHosted.requests.every((r) => r.authToken === null || r.authToken === selfHosted.token)).toBe(true);
    expect(standIn.requests.every((r) => r.authToken === null || r.authToken === standIn.token)).toBe(true);
  } finally {
    await selfHosted.close();
  }
});
