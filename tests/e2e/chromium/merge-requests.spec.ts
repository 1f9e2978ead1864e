/**
 * The widget on merge request pages in Chromium, against the stand-in served as gitlab.com:
 * today's page and its tabs, 8.16's (API v3, by global id), a timer that lands exactly one log on
 * the merge request and never on the issue with the same number, the estimate, and a Reporter's
 * 403 on a merge request's estimate in words. Controls are found by their names in docs/ui-contract.md.
 */
import type { Page } from '@playwright/test';
import { backdateTimer, connectViaOptions, launchChromium, startGitLabComStandIn, type ExtensionBrowser } from '../support/chromium';
import { expect, GITLAB, openMore, test } from './fixtures';

const widgetOf = (page: Page) => page.getByRole('region', { name: 'Time tracking' });
const hostCount = (page: Page) => page.locator('timekeeper-widget').count();

test('today\'s merge request page: beside GitLab\'s block, one widget across its tabs, timer and estimate land on the merge request only', async ({ connected: page, standIn, browserWithExtension }) => {
  const issueBefore = standIn.issue('acme/web', 1)!.totalTimeSpent;
  await page.goto(`${GITLAB}/acme/web/-/merge_requests/1`);
  const widget = widgetOf(page);
  await expect(widget).toContainText('acme/web!1');
  await expect(widget).toContainText('Spent 1h');
  await expect(widget).toContainText('Estimate 4h');
  // After GitLab's own block (its Vue root), not inside it.
  expect(await page.evaluate(() => document.querySelector('[data-testid="time-tracker"]')?.closest('.block')?.nextElementSibling?.localName)).toBe('timekeeper-widget');
  const reads = () => standIn.requests.filter((r) => r.path === '/api/v4/projects/acme%2Fweb/merge_requests/1/time_stats').length;
  expect(reads()).toBe(1);

  // GitLab's tabs rewrite the URL client-side: the same merge request, the same widget, no new read.
  for (const tab of ['diffs', 'commits', 'pipelines']) {
    await page.evaluate((path) => history.pushState({}, '', path), `/acme/web/-/merge_requests/1/${tab}`);
    await page.waitForTimeout(300);
    expect(await hostCount(page)).toBe(1);
    await expect(widget).toContainText('acme/web!1');
  }
  expect(reads()).toBe(1);

  await widget.getByRole('button', { name: 'Start timer' }).click();
  await backdateTimer(await browserWithExtension.worker(), 12);
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await expect(widget).toContainText('Spent 1h 12m');
  const mr = standIn.mergeRequest('acme/web', 1)!;
  expect(standIn.timelogs.filter((t) => t.seconds === 12 * 60).map((t) => ({ mergeRequestId: t.mergeRequestId, iid: t.iid }))).toEqual([{ mergeRequestId: mr.id, iid: 1 }]);
  expect(standIn.timelogs.filter((t) => !t.mergeRequestId)).toEqual([]);
  expect(standIn.issue('acme/web', 1)!.totalTimeSpent).toBe(issueBefore);

  await openMore(page);
  await widget.getByRole('textbox', { name: 'Estimate' }).fill('2h 30m');
  await widget.getByRole('button', { name: 'Set estimate', exact: true }).click();
  await expect(widget).toContainText('Estimate 2h 30m');
  expect(standIn.mergeRequest('acme/web', 1)!.timeEstimate).toBe(9000);
  expect(standIn.requests.filter((r) => r.method === 'POST' && r.path.includes('/issues/'))).toEqual([]);
});

test('on the Changes tab GitLab hides its sidebar (16.9+): the widget floats in view, starts and stops there, and goes back beside the block on Overview', async ({ connected: page, standIn, browserWithExtension }) => {
  await page.goto(`${GITLAB}/acme/web/-/merge_requests/1`);
  const widget = widgetOf(page);
  await expect(widget).toContainText('Spent 1h');
  const reads = () => standIn.requests.filter((r) => r.path === '/api/v4/projects/acme%2Fweb/merge_requests/1/time_stats').length;
  await page.getByRole('link', { name: /^Changes/ }).click();
  await expect(page).toHaveURL(/\/merge_requests\/1\/diffs$/);
  await expect(page.locator('timekeeper-widget')).toHaveAttribute('data-floating', '');
  await expect(widget).toBeInViewport();
  await widget.getByRole('button', { name: 'Start timer' }).click();
  await backdateTimer(await browserWithExtension.worker(), 7);
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await expect(widget).toContainText('Spent 1h 7m');
  expect(standIn.timelogs.filter((t) => t.seconds === 7 * 60).map((t) => t.mergeRequestId)).toEqual([standIn.mergeRequest('acme/web', 1)!.id]);
  await page.getByRole('link', { name: /^Overview/ }).click();
  await expect(page.locator('timekeeper-widget')).not.toHaveAttribute('data-floating', '');
  expect(await page.evaluate(() => document.querySelector('[data-testid="time-tracker"]')?.closest('.block')?.nextElementSibling?.localName)).toBe('timekeeper-widget');
  expect(await hostCount(page)).toBe(1);
  expect(reads()).toBe(1);

  // Opened on the Changes tab directly: floating from the start.
  await page.goto(`${GITLAB}/acme/web/-/merge_requests/1/diffs`);
  await expect(widget).toContainText('acme/web!1');
  await expect(page.locator('timekeeper-widget')).toHaveAttribute('data-floating', '');
  await expect(widget.getByRole('button', { name: 'Start timer' })).toBeInViewport();
});

test('a Reporter\'s estimate on a merge request: GitLab\'s 403 explained, and the controls say why they are off', async ({ browserWithExtension, standIn }) => {
  // sam.okafor is a Reporter in acme/web (tests/fake-gitlab/seed.ts).
  standIn.addToken('glpat-reporter-token-0123456789', { userId: 3 });
  const page = await browserWithExtension.context.newPage();
  await connectViaOptions(page, browserWithExtension.extensionId, GITLAB, 'glpat-reporter-token-0123456789');
  await page.getByText('Connected as @sam.okafor').first().waitFor();
  await page.goto(`${GITLAB}/acme/web/-/merge_requests/1`);
  const widget = widgetOf(page);
  await expect(widget).toContainText('Estimate 4h');
  await openMore(page);
  await widget.getByRole('textbox', { name: 'Estimate' }).fill('1h');
  await widget.getByRole('button', { name: 'Set estimate', exact: true }).click();
  await expect(widget.getByRole('alert')).toHaveText('You do not have permission to do that on this merge request (its time tracking needs Developer access or more).');
  await expect(widget.getByRole('button', { name: 'Set estimate', exact: true })).toBeDisabled();
  expect(standIn.mergeRequest('acme/web', 1)!.timeEstimate).toBe(14400);
});

test('GitLab 8.16 merge request page (API v3): the widget, and a log by the merge request\'s global id', async () => {
  const standIn = await startGitLabComStandIn({ era: '8.16', assignedIssueCount: 6 });
  let browser: ExtensionBrowser | null = null;
  try {
    browser = await launchChromium({ standInPort: standIn.port });
    const page = await browser.context.newPage();
    await connectViaOptions(page, browser.extensionId, GITLAB, standIn.token);
    await page.getByText(`Connected as @${standIn.user.username}`).first().waitFor();
    await page.goto(`${GITLAB}/acme/web/merge_requests/1`);
    const widget = widgetOf(page);
    await expect(widget).toContainText('acme/web!1');
    await expect(widget).toContainText('Spent 1h');
    expect(await page.evaluate(() => document.querySelector('#issuable-time-tracker')?.nextElementSibling?.localName)).toBe('timekeeper-widget');

    await widget.getByRole('button', { name: 'Start timer' }).click();
    await backdateTimer(await browser.worker(), 5);
    await widget.getByRole('button', { name: 'Stop timer' }).click();
    await expect(widget).toContainText('Spent 1h 5m');
    const mr = standIn.mergeRequest('acme/web', 1)!;
    const posts = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
    expect(posts.map((r) => [r.path, r.body.duration])).toEqual([[`/api/v3/projects/acme%2Fweb/merge_requests/${mr.id}/add_spent_time`, '5m']]);
    expect(standIn.timelogs.filter((t) => !t.mergeRequestId)).toEqual([]);
  } finally {
    await browser?.context.close();
    await standIn.close();
  }
});
