/**
 * The issue page widget in Chromium, against the stand-in served as gitlab.com: where it
 * appears (work items, legacy sidebar, drawers, client-side navigation, re-rendered sidebars),
 * every change it makes landing at GitLab with the right parameters, refusals in words, and an
 * accessibility check. Controls are found by their names in docs/ui-contract.md only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { showParam } from '../../fake-gitlab/pages';
import { seedData } from '../../fake-gitlab/seed';
import { connectViaOptions } from '../support/chromium';
import { expect, GITLAB, openMore, test } from './fixtures';

const widgetOf = (page: Page) => page.getByRole('region', { name: 'Time tracking' });
// "Set estimate" is also the end of "Reset estimate": Playwright matches names by substring.
const hostCount = (page: Page) => page.locator('timekeeper-widget').count();

test.describe('where the widget appears', () => {
  test('on a 17.x work item page: the numbers, one widget, one request to GitLab', async ({ connected: page, standIn }) => {
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    const widget = widgetOf(page);
    await expect(widget).toContainText('Spent 1h 30m');
    await expect(widget).toContainText('Estimate 3h 30m');
    await expect(widget).toContainText('43% of the estimate used');
    expect(await hostCount(page)).toBe(1);
    // Beside GitLab's own time tracking block, not inside it.
    expect(await page.evaluate(() => document.querySelector('[data-testid="work-item-time-tracking"]')?.nextElementSibling?.localName)).toBe('timekeeper-widget');
    expect(standIn.requests.filter((r) => r.path.endsWith('/issues/1/time_stats'))).toHaveLength(1);
  });

  test('on a 16.x legacy sidebar page', async ({ connected: page }) => {
    await page.goto(`${GITLAB}/acme/platform/infra/-/issues/1`);
    await expect(widgetOf(page)).toContainText('No time spent');
    await expect(widgetOf(page)).toContainText('Estimate 1d');
    expect(await page.evaluate(() => document.querySelector('[data-testid="time-tracker"]')?.nextElementSibling?.localName)).toBe('timekeeper-widget');
  });

  test('in a drawer on a list: opens, switches issue, closes; another project\'s issue too', async ({ connected: page, standIn }) => {
    await page.goto(`${GITLAB}/acme/web/-/issues`);
    await expect(page.getByRole('link', { name: 'Fix login redirect loop' })).toBeVisible();
    expect(await hostCount(page)).toBe(0);

    await page.getByRole('link', { name: 'Fix login redirect loop' }).click();
    await expect(page).toHaveURL(/show=/);
    await expect(widgetOf(page)).toContainText('acme/web#1');
    await expect(widgetOf(page)).toContainText('Spent 1h 30m');
    expect(await page.evaluate(() => !!document.querySelector('[data-testid="work-item-drawer"] timekeeper-widget'))).toBe(true);

    await page.getByRole('link', { name: 'Add dark mode to settings' }).click();
    await expect(widgetOf(page)).toContainText('acme/web#2');
    await expect(widgetOf(page)).toContainText('No time spent');
    expect(await hostCount(page)).toBe(1);

    await page.getByRole('button', { name: 'Close drawer' }).click();
    await expect(widgetOf(page)).toHaveCount(0);

    const data = seedData('demo', standIn.assignedOpenCount());
    const apiIssue = data.issues.find((i) => i.projectId === 2)!;
    const api = data.projects.find((p) => p.id === 2)!;
    await page.goto(`${GITLAB}/acme/web/-/issues?show=${encodeURIComponent(showParam(api, apiIssue))}`);
    await expect(widgetOf(page)).toContainText(`acme/api#${apiIssue.iid}`);
    expect(standIn.requests.some((r) => r.path === `/api/v4/projects/acme%2Fapi/issues/${apiIssue.iid}/time_stats`)).toBe(true);
  });

  test('follows client-side navigation to another issue and back, never twice', async ({ connected: page }) => {
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await expect(widgetOf(page)).toContainText('Spent 1h 30m');
    await page.getByRole('link', { name: 'Add dark mode to settings' }).click();
    await expect(page).toHaveURL(`${GITLAB}/acme/web/-/issues/2`);
    await expect(widgetOf(page)).toContainText('acme/web#2');
    await expect(widgetOf(page)).toContainText('No estimate');
    expect(await hostCount(page)).toBe(1);
    await page.goBack();
    // Going back restores the page, and the widget with it: it settles on exactly one.
    await expect.poll(() => hostCount(page)).toBe(1);
    await expect(widgetOf(page)).toContainText('Spent 1h 30m');
    await page.waitForTimeout(500);
    expect(await hostCount(page)).toBe(1);
  });

  test('comes back when GitLab re-renders its sidebar', async ({ connected: page }) => {
    await page.goto(`${GITLAB}/acme/platform/infra/-/issues/1`);
    await expect(widgetOf(page)).toContainText('Estimate 1d');
    await page.evaluate(() => (window as unknown as { standIn: { rerenderSidebar(): Promise<void> } }).standIn.rerenderSidebar());
    await expect(widgetOf(page)).toContainText('Estimate 1d');
    expect(await hostCount(page)).toBe(1);
    expect(await page.evaluate(() => document.querySelector('[data-testid="time-tracker"]')?.nextElementSibling?.localName)).toBe('timekeeper-widget');
  });

  test('no widget on lists without a drawer, project pages, the home page', async ({ connected: page, standIn }) => {
    for (const path of ['/acme/web/-/merge_requests', '/acme/web/-/issues', '/acme/web', '/']) {
      await page.goto(`${GITLAB}${path}`);
      await page.waitForTimeout(300);
      expect(await hostCount(page)).toBe(0);
    }
    expect(standIn.requests.filter((r) => r.path.endsWith('/time_stats'))).toHaveLength(0);
  });
});

test.describe('changes land at GitLab', () => {
  test('set an estimate (previewed first), then reset it', async ({ connected: page, standIn }) => {
    await page.goto(`${GITLAB}/acme/web/-/issues/2`);
    await openMore(page);
    const widget = widgetOf(page);
    await widget.getByRole('textbox', { name: 'Estimate' }).fill('1d 2h');
    await expect(widget).toContainText('= 1d 2h');
    await widget.getByRole('button', { name: 'Set estimate', exact: true }).click();
    await expect(widget).toContainText('Estimate 1d 2h');
    const set = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/time_estimate'));
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({ path: '/api/v4/projects/acme%2Fweb/issues/2/time_estimate', body: { duration: '10h' } });

    await widget.getByRole('button', { name: 'Reset estimate' }).click();
    await expect(widget).toContainText('No estimate');
    expect(standIn.requests.filter((r) => r.path === '/api/v4/projects/acme%2Fweb/issues/2/reset_time_estimate')).toHaveLength(1);
  });

  test('log time with a summary, then subtract some (by keyboard)', async ({ connected: page, standIn }) => {
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await openMore(page);
    const widget = widgetOf(page);
    await widget.getByRole('textbox', { name: 'Time spent' }).fill('45m');
    await widget.getByRole('textbox', { name: 'Summary' }).fill('Pairing on the fix');
    await widget.getByRole('button', { name: 'Log time' }).click();
    await expect(widget).toContainText('Spent 2h 15m');

    await widget.getByRole('textbox', { name: 'Time spent' }).fill('-15m');
    await expect(widget).toContainText('= −15m (subtracts)');
    await widget.getByRole('textbox', { name: 'Time spent' }).press('Enter');
    await expect(widget).toContainText('Spent 2h');
    await expect(widget).not.toContainText('Spent 2h 15m');

    const logs = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/api/v4/projects/acme%2Fweb/issues/1/add_spent_time');
    expect(logs.map((r) => r.body)).toEqual([
      { duration: '45m', summary: 'Pairing on the fix' },
      { duration: '-15m' },
    ]);
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(2 * 3600);
  });

  test('log time on an earlier day: GitLab files it on that day', async ({ connected: page, standIn }) => {
    await page.goto(`${GITLAB}/acme/web/-/issues/2`);
    await openMore(page);
    const widget = widgetOf(page);
    const yesterday = await page.evaluate(() => {
      const d = new Date(Date.now() - 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await widget.getByRole('textbox', { name: 'Time spent' }).fill('1h');
    await widget.getByLabel('Date').fill(yesterday);
    await widget.getByRole('button', { name: 'Log time' }).click();
    await expect(widget).toContainText('Spent 1h');
    const created = standIn.requests.filter((r) => r.path === '/api/graphql' && JSON.stringify(r.body).includes('timelogCreate'));
    expect(created).toHaveLength(1);
    const input = (created[0]!.body.variables as { input: { spentAt: string; timeSpent: string } }).input;
    expect(input.timeSpent).toBe('1h');
    expect(await page.evaluate((iso) => { const d = new Date(iso); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }, input.spentAt)).toBe(yesterday);
  });

  test('invalid input is explained and never sent', async ({ connected: page, standIn }) => {
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await openMore(page);
    const widget = widgetOf(page);
    await widget.getByRole('textbox', { name: 'Time spent' }).fill('soon');
    await expect(widget).toContainText('"soon" is not a duration');
    await widget.getByRole('button', { name: 'Log time' }).click();
    await expect(widget.getByRole('alert')).toContainText('Nothing was sent');
    await widget.getByRole('textbox', { name: 'Estimate' }).fill('-2h');
    await widget.getByRole('button', { name: 'Set estimate', exact: true }).click();
    await expect(widget.getByRole('alert').last()).toContainText('Only a positive duration');
    expect(standIn.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  test('reset spent time, only after the confirmation', async ({ connected: page, standIn }) => {
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await openMore(page);
    const widget = widgetOf(page);
    await widget.getByRole('button', { name: 'Reset spent time' }).click();
    await expect(widget).toContainText('Remove all 1h 30m logged on this issue?');
    expect(standIn.requests.filter((r) => r.path.endsWith('/reset_spent_time'))).toHaveLength(0);
    await widget.getByRole('button', { name: 'Cancel' }).click();
    await widget.getByRole('button', { name: 'Reset spent time' }).click();
    await widget.getByRole('button', { name: 'Reset spent time: confirm' }).click();
    await expect(widget).toContainText('No time spent');
    expect(standIn.requests.filter((r) => r.method === 'POST' && r.path === '/api/v4/projects/acme%2Fweb/issues/1/reset_spent_time')).toHaveLength(1);
  });

  test('add a to-do: 201, and 304 when there is one already, both say To-do added', async ({ connected: page, standIn }) => {
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await openMore(page);
    await widgetOf(page).getByRole('button', { name: 'Add a to-do' }).click();
    await expect(widgetOf(page)).toContainText('To-do added');
    await page.reload();
    await openMore(page);
    await widgetOf(page).getByRole('button', { name: 'Add a to-do' }).click();
    await expect(widgetOf(page)).toContainText('To-do added');
    const todos = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/api/v4/projects/acme%2Fweb/issues/1/todo');
    expect(todos.map((r) => r.status)).toEqual([201, 304]);
  });
});

test.describe('refusals, permissions and connection', () => {
  test('a Guest: the 403 in words, then read-only controls with the reason', async ({ connected: page }) => {
    await page.goto(`${GITLAB}/partners/guest-portal/-/issues/1`);
    await openMore(page);
    const widget = widgetOf(page);
    await widget.getByRole('textbox', { name: 'Estimate' }).fill('2h');
    await widget.getByRole('button', { name: 'Set estimate', exact: true }).click();
    await expect(widget.getByRole('alert')).toContainText('You do not have permission to do that on this issue');
    await expect(widget).toContainText('Read-only:');
    await expect(widget.getByRole('button', { name: 'Set estimate', exact: true })).toBeDisabled();
    await expect(widget.getByRole('button', { name: 'Start timer' })).toBeDisabled();
    // Remembered for the next visit: read-only from the start.
    await page.reload();
    await expect(widgetOf(page)).toContainText('Read-only:');
    await openMore(page);
    await expect(widgetOf(page).getByRole('button', { name: 'Log time' })).toBeDisabled();
  });

  test('an archived project: read-only from the page, nothing offered', async ({ connected: page, standIn }) => {
    await page.goto(`${GITLAB}/acme/old-site/-/issues/1`);
    await openMore(page);
    const widget = widgetOf(page);
    await expect(widget).toContainText('This project is archived');
    await expect(widget.getByRole('button', { name: 'Set estimate', exact: true })).toBeDisabled();
    await expect(widget.getByRole('textbox', { name: 'Time spent' })).toBeDisabled();
    expect(standIn.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  test('a read-only token: refused in words, then read-only', async ({ browserWithExtension, standIn }) => {
    const page = await browserWithExtension.context.newPage();
    await connectViaOptions(page, browserWithExtension.extensionId, GITLAB, standIn.readonlyToken);
    await expect(page.getByRole('status')).toContainText('Connected as');
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await openMore(page);
    await widgetOf(page).getByRole('button', { name: 'Add a to-do' }).click();
    await expect(widgetOf(page).getByRole('alert')).toContainText('api scope');
    await page.goto(`${GITLAB}/acme/api/-/issues/1`);
    await openMore(page);
    await expect(widgetOf(page)).toContainText('Read-only:');
    await expect(widgetOf(page).getByRole('button', { name: 'Reset estimate' })).toBeDisabled();
  });

  test('gitlab.com not connected yet: Connect this GitLab opens the options with the address', async ({ browserWithExtension, standIn }) => {
    const page = await browserWithExtension.context.newPage();
    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    await expect(widgetOf(page)).toContainText('not connected');
    const [options] = await Promise.all([
      browserWithExtension.context.waitForEvent('page'),
      widgetOf(page).getByRole('button', { name: 'Connect this GitLab' }).click(),
    ]);
    await expect(options).toHaveURL(/options\.html\?url=https%3A%2F%2Fgitlab\.com/);
    await expect(options.getByRole('textbox', { name: 'GitLab URL' })).toHaveValue('https://gitlab.com');
    expect(standIn.requests).toHaveLength(0);
  });
});

/** GitLab's dark mode as its pages set it: `gl-dark` on <html>, and its dark page colours. */
async function darkPage(page: Page) {
  await page.evaluate(() => {
    document.documentElement.classList.add('gl-dark');
    document.body.style.cssText += ';background:#18171d;color:#ececef';
  });
}

test('accessibility: axe finds no serious or critical problem, light and dark, closed and opened', async ({ connected: page }) => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const axe = async () => {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
      const result = await axe.run({ include: [['timekeeper-widget']] }, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  };
  for (const path of ['/acme/web/-/issues/1', '/acme/platform/infra/-/issues/1']) {
    for (const mode of ['light', 'dark'] as const) {
      await page.goto(`${GITLAB}${path}`);
      await expect(widgetOf(page)).toContainText(/spent/i);
      if (mode === 'dark') await darkPage(page);
      await expect.poll(() => page.locator('timekeeper-widget').evaluate((host) => host.shadowRoot!.querySelector('.tk')!.classList.contains('tk-dark'))).toBe(mode === 'dark');
      expect(await axe(), `${path}, ${mode}, closed`).toEqual([]);
      await openMore(page);
      await widgetOf(page).getByRole('textbox', { name: 'Time spent' }).fill('nonsense');
      expect(await axe(), `${path}, ${mode}, opened`).toEqual([]);
    }
  }
});

test.describe('in GitLab’s look (the pages of the demo)', () => {
  test.use({ standInOptions: { look: true } });

  test('light, dark and the system’s choice: the widget takes the page’s tokens, and axe finds no serious or critical problem', async ({ connected: page }) => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // GitLab's confirm button colour in each mode (the page's --gl-button-confirm-primary-background-color-default).
    const blue = { light: 'rgb(31, 117, 203)', dark: 'rgb(16, 104, 191)' };
    for (const theme of ['light', 'dark', 'system'] as const) {
      await page.emulateMedia({ colorScheme: theme === 'system' ? 'dark' : 'light' });
      await page.goto(`${GITLAB}/acme/web/-/issues/1?theme=${theme}`);
      const widget = widgetOf(page);
      await expect(widget).toContainText('43% of the estimate used');
      const dark = theme !== 'light';
      await expect.poll(() => page.locator('timekeeper-widget').evaluate((host) => host.shadowRoot!.querySelector('.tk')!.classList.contains('tk-dark'))).toBe(dark);
      await expect(widget.getByRole('button', { name: 'Start timer' })).toHaveCSS('background-color', dark ? blue.dark : blue.light);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe;
        const result = await axe.run({ include: [['timekeeper-widget']] }, { resultTypes: ['violations'] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations, theme).toEqual([]);
    }
  });
});

test('compact: at most 120 px tall at 280 px wide until More time tracking opens, a running timer too', async ({ connected: page }) => {
  const heightAt280 = () =>
    page.locator('timekeeper-widget').evaluate((host) => {
      host.style.width = '280px';
      return host.shadowRoot!.querySelector('section')!.getBoundingClientRect().height;
    });
  await page.goto(`${GITLAB}/acme/web/-/issues/1`);
  const widget = widgetOf(page);
  await expect(widget).toContainText('43% of the estimate used');
  expect(await heightAt280()).toBeLessThanOrEqual(120);
  await expect(widget.getByRole('button', { name: 'Log time' })).toHaveCount(0);

  await widget.getByRole('button', { name: 'Start timer' }).click();
  await expect(widget.getByRole('timer')).toBeVisible();
  // The numbers and the running timer still fit; the background's last word ("Timer started on
  // …", role=status) is a line of its own below them.
  const statusHeight = await widget.getByRole('status').evaluate((status) => status.getBoundingClientRect().height);
  expect((await heightAt280()) - statusHeight).toBeLessThanOrEqual(120);

  await openMore(page);
  expect(await heightAt280()).toBeGreaterThan(120);
  await widget.getByRole('button', { name: 'Discard timer' }).click();
  await expect(widget.getByRole('button', { name: 'Start timer' })).toBeVisible();
  // Once opened it stays open.
  await expect(widget.getByRole('button', { name: 'More time tracking' })).toHaveAttribute('aria-expanded', 'true');
});
