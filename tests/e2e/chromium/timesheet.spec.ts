/**
 * The Timesheet page in Chromium against the stand-in: the user's own logs of the week (a
 * colleague's never), the previous week, Export CSV against the stand-in's logs, a deletion that
 * reaches GitLab after confirming, a log added by reference for a past day, the popup's Logged
 * today, and a GitLab too old for `timelogs` explained.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import type { Timelog } from '../../fake-gitlab/api';
import { connectViaOptions } from '../support/chromium';
import { expect, GITLAB, test } from './fixtures';

const DAY = 86_400_000;

/** A time log as GitLab holds it, by `userId`, on acme/web#1 (or `iid`). */
function addLog(standIn: StandIn, userId: number, seconds: number, spentAt: number, iid = 1): Timelog {
  const issue = standIn.issue('acme/web', iid)!;
  const at = new Date(spentAt).toISOString();
  const log: Timelog = { id: 9000 + standIn.timelogs.length, issueId: issue.id, mergeRequestId: null, userId, seconds, summary: 'Seeded', at, spentAt: at, projectId: issue.projectId, iid };
  (standIn.timelogs as Timelog[]).push(log);
  return log;
}

async function openTimesheet(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/timesheet.html`);
  await expect(page.getByRole('heading', { name: 'Timesheet' })).toBeVisible();
}

/** A local day of the page, `YYYY-MM-DD`, `offset` days from today. */
const dayInPage = (page: Page, offset: number) =>
  page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, offset);

test("this week's cells and totals are the user's own; the previous week; Export CSV has the stand-in's logs", async ({ connected, standIn, browserWithExtension }) => {
  const now = Date.now();
  const mine = addLog(standIn, standIn.user.id, 5400, now - 60_000);
  addLog(standIn, standIn.colleague.id, 7200, now - 60_000);
  addLog(standIn, standIn.user.id, 2700, now - 7 * DAY);

  await openTimesheet(connected, browserWithExtension.extensionId);
  const table = connected.getByRole('table', { name: 'Time logged' });
  await expect(table.getByRole('button', { name: /^1h 30m on acme\/web#1, .*: 1 time log$/ })).toBeVisible();
  await expect(connected.locator('.tk-ts-week-total')).toHaveText('Week total 1h 30m');

  const [download] = await Promise.all([connected.waitForEvent('download'), connected.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^timesheet-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const rows = csv.trim().split('\r\n');
  expect(rows[0]).toBe('date,gitlab,project,kind,reference,title,hours,seconds,summary,url');
  expect(rows).toHaveLength(2);
  const issue = standIn.issue('acme/web', 1)!;
  expect(rows[1]).toBe([await dayInPage(connected, 0), GITLAB, 'acme/web', 'issue', 'acme/web#1', issue.title, '1.5', String(mine.seconds), 'Seeded', `${GITLAB}/acme/web/-/issues/1`].join(','));

  await connected.getByRole('button', { name: 'Previous week' }).click();
  await expect(connected.locator('.tk-ts-week-total')).toHaveText('Week total 45m');
  await connected.getByRole('button', { name: 'This week' }).click();
  await expect(connected.locator('.tk-ts-week-total')).toHaveText('Week total 1h 30m');
});

test('a daily target changed in the options shows on the chart; bad input is explained', async ({ connected, standIn, browserWithExtension }) => {
  addLog(standIn, standIn.user.id, 7 * 3600, Date.now() - 60_000);
  await openTimesheet(connected, browserWithExtension.extensionId);
  const chart = connected.getByRole('img', { name: /^Time per day against a daily target of 8h:/ });
  await expect(chart).toBeVisible();
  await expect(connected.getByText('Daily target 8h')).toBeVisible();

  await connected.goto(`chrome-extension://${browserWithExtension.extensionId}/options.html`);
  const target = connected.getByRole('textbox', { name: /^Daily target on the timesheet/ });
  await expect(target).toHaveValue('8h');
  await target.fill('eight hours');
  await target.press('Enter');
  await expect(connected.getByRole('alert')).toContainText('Daily target:');
  await target.fill('6h 30m');
  await target.press('Enter');
  await expect(connected.getByText('Saved.')).toBeVisible();

  await openTimesheet(connected, browserWithExtension.extensionId);
  await expect(connected.getByRole('img', { name: /^Time per day against a daily target of 6h 30m:.*7h, target reached/ })).toBeVisible();
  await expect(connected.getByText('Daily target 6h 30m')).toBeVisible();
});

test('Delete time log asks first, then the deletion reaches GitLab', async ({ connected, standIn, browserWithExtension }) => {
  const mine = addLog(standIn, standIn.user.id, 5400, Date.now() - 60_000);
  await openTimesheet(connected, browserWithExtension.extensionId);
  await connected.getByRole('table', { name: 'Time logged' }).getByRole('button', { name: /^1h 30m on acme\/web#1/ }).click();
  await connected.getByRole('button', { name: 'Delete time log', exact: true }).click();
  expect(standIn.timelogs.some((t) => t.id === mine.id)).toBe(true);
  await connected.getByRole('button', { name: 'Delete time log: confirm' }).click();
  await expect(connected.getByRole('alert')).toHaveText('Deleted the time log on acme/web#1.');
  expect(standIn.timelogs.some((t) => t.id === mine.id)).toBe(false);
  await expect(connected.locator('.tk-ts-week-total')).toHaveText('Week total 0m');
});

test('Change time log: the new log lands in GitLab, then the old one is deleted', async ({ connected, standIn, browserWithExtension }) => {
  const old = addLog(standIn, standIn.user.id, 5400, Date.now() - 60_000);
  await openTimesheet(connected, browserWithExtension.extensionId);
  await connected.getByRole('table', { name: 'Time logged' }).getByRole('button', { name: /^1h 30m on acme\/web#1/ }).click();
  await connected.getByRole('button', { name: 'Change time log' }).click();
  await connected.getByRole('textbox', { name: 'Time spent' }).fill('50m');
  await connected.getByRole('button', { name: 'Save change' }).click();
  await expect(connected.getByRole('alert')).toContainText('Changed the time log on acme/web#1');
  expect(standIn.timelogs.some((t) => t.id === old.id)).toBe(false);
  expect(standIn.timelogs.filter((t) => t.userId === standIn.user.id).map((t) => t.seconds)).toEqual([3000]);
  await expect(connected.locator('.tk-ts-week-total')).toHaveText('Week total 50m');
});

test('Add time log by reference for a past day lands in GitLab with that day', async ({ connected, standIn, browserWithExtension }) => {
  await openTimesheet(connected, browserWithExtension.extensionId);
  const yesterday = await dayInPage(connected, -1);
  await connected.getByRole('button', { name: 'Add time log' }).click();
  await connected.getByRole('textbox', { name: 'Issue or merge request' }).fill('acme/web#1');
  await connected.getByRole('textbox', { name: 'Time spent' }).fill('45m');
  await connected.getByRole('textbox', { name: 'Date' }).fill(yesterday);
  await connected.getByRole('textbox', { name: 'Summary' }).fill('Review after the fact');
  await connected.getByRole('button', { name: 'Log time' }).click();
  await expect(connected.getByRole('alert')).toContainText('Logged 45m');
  const landed = standIn.timelogs.filter((t) => t.userId === standIn.user.id && t.seconds === 2700);
  expect(landed).toHaveLength(1);
  expect(landed[0]!.summary).toBe('Review after the fact');
  // Its day in the page's time zone is the day picked.
  const landedDay = await connected.evaluate((iso) => {
    const d = new Date(iso);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, landed[0]!.spentAt);
  expect(landedDay).toBe(yesterday);
});

test("the popup's Logged today adds today's time across GitLabs and opens the Timesheet", async ({ connected, standIn, browserWithExtension }) => {
  addLog(standIn, standIn.user.id, 5400, Date.now() - 60_000);
  addLog(standIn, standIn.colleague.id, 7200, Date.now() - 60_000);
  await connected.goto(`chrome-extension://${browserWithExtension.extensionId}/popup.html`);
  const region = connected.getByRole('region', { name: 'Logged today' });
  await expect(region).toContainText('Today 1h 30m');
  const [tab] = await Promise.all([browserWithExtension.context.waitForEvent('page'), region.getByRole('button', { name: 'Timesheet' }).click()]);
  await expect(tab).toHaveURL(/\/timesheet\.html$/);
  await expect(tab.getByRole('heading', { name: 'Timesheet' })).toBeVisible();
});

test('a GitLab without timelogs says so and shows what this browser logged there', async ({ connected, browserWithExtension }) => {
  const old = await startStandIn({ era: '10.x' });
  try {
    await connectViaOptions(connected, browserWithExtension.extensionId, old.url, old.token);
    await expect(connected.getByRole('status')).toContainText(`Connected as @${old.user.username}`);
    await openTimesheet(connected, browserWithExtension.extensionId);
    await connected.getByRole('button', { name: 'Add time log' }).click();
    await connected.getByRole('textbox', { name: 'Issue or merge request' }).fill(`${old.url}/acme/web/issues/1`);
    await connected.getByRole('textbox', { name: 'Time spent' }).fill('20m');
    await connected.getByRole('button', { name: 'Log time' }).click();
    await expect(connected.getByRole('alert')).toContainText('Logged 20m');
    await expect(connected.getByText(/GitLab 10\.8\.7 at 127\.0\.0\.1:\d+ cannot list time logs \(GitLab 15\.3 and later can\)/)).toBeVisible();
    await expect(connected.getByRole('table', { name: 'Time logged' }).getByRole('button', { name: /^20m on acme\/web#1/ })).toBeVisible();
    expect(old.requests.some((r) => r.path === '/api/graphql')).toBe(false);
  } finally {
    await old.close();
  }
});

test('accessibility: axe finds no serious or critical problem on the Timesheet, with a cell open and the form open', async ({ connected, standIn, browserWithExtension }) => {
  addLog(standIn, standIn.user.id, 5400, Date.now() - 60_000);
  await openTimesheet(connected, browserWithExtension.extensionId);
  await connected.getByRole('table', { name: 'Time logged' }).getByRole('button', { name: /^1h 30m on acme\/web#1/ }).click();
  await connected.getByRole('button', { name: 'Add time log' }).click();
  await connected.getByRole('textbox', { name: 'Time spent' }).fill('nonsense');
  // Evaluated rather than added as a script tag: the extension page's CSP allows only its own scripts.
  await connected.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await connected.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
