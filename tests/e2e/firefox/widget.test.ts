/**
 * The issue page widget in Firefox (MV2 and MV3), with the stand-in as a self-hosted GitLab on
 * 127.0.0.1 and a port: the loader registered at run time, the widget injected on issue views.
 * Where it appears, every change landing at GitLab with the right parameters, a 403 in words.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import { byRole, connectInNewPage, openMore, launchFirefox, waitForText, type FirefoxWithExtension } from '../support/firefox';

const REGION = 'Time tracking';
const hostCount = (page: Page) => page.$$eval('timekeeper-widget', (hosts) => hosts.length);
const posts = (standIn: StandIn, path: string) => standIn.requests.filter((r) => r.method === 'POST' && r.path === path);

async function type(page: Page, name: string, text: string): Promise<void> {
  await (await byRole(page, 'textbox', name)).type(text);
}
async function press(page: Page, name: string): Promise<void> {
  await (await byRole(page, 'button', name)).click();
}

describe.each(['firefox-mv2', 'firefox-mv3'] as const)('Firefox (%s): the issue page widget', (build) => {
  let standIn: StandIn;
  let fx: FirefoxWithExtension;
  let page: Page;

  beforeAll(async () => {
    standIn = await startStandIn();
    fx = await launchFirefox({ build });
    await connectInNewPage(fx, standIn.url, standIn.token);
  });
  afterAll(async () => {
    await fx?.browser.close();
    await standIn?.close();
  });
  beforeEach(async () => {
    standIn.reset();
    await page?.close();
    page = await fx.browser.newPage();
  });

  it('on a work item page and a legacy sidebar page: the numbers, once', async () => {
    await page.goto(`${standIn.url}/acme/web/-/issues/1`);
    await waitForText(page, 'region', REGION, 'Spent 1h 30m');
    await waitForText(page, 'region', REGION, 'Estimate 3h 30m');
    expect(await hostCount(page)).toBe(1);
    expect(standIn.requests.filter((r) => r.path.endsWith('/time_stats'))).toHaveLength(1);

    await page.goto(`${standIn.url}/acme/platform/infra/-/issues/1`);
    await waitForText(page, 'region', REGION, 'Estimate 1d');
    expect(await page.evaluate(() => document.querySelector('[data-testid="time-tracker"]')?.nextElementSibling?.localName)).toBe('timekeeper-widget');
  });

  it('in a drawer: opens, switches, closes', async () => {
    await page.goto(`${standIn.url}/acme/web/-/issues`);
    await (await byRole(page, 'link', 'Fix login redirect loop')).click();
    await waitForText(page, 'region', REGION, 'acme/web#1');
    await waitForText(page, 'region', REGION, 'Spent 1h 30m');
    await (await byRole(page, 'link', 'Add dark mode to settings')).click();
    await waitForText(page, 'region', REGION, 'acme/web#2');
    expect(await hostCount(page)).toBe(1);
    await press(page, 'Close drawer');
    await page.waitForFunction(() => document.querySelectorAll('timekeeper-widget').length === 0, { timeout: 10_000 });
  });

  it('follows client-side navigation to another issue, never twice', async () => {
    await page.goto(`${standIn.url}/acme/web/-/issues/1`);
    await waitForText(page, 'region', REGION, 'Spent 1h 30m');
    await (await byRole(page, 'link', 'Add dark mode to settings')).click();
    await waitForText(page, 'region', REGION, 'acme/web#2');
    await waitForText(page, 'region', REGION, 'No estimate');
    expect(page.url()).toBe(`${standIn.url}/acme/web/-/issues/2`);
    expect(await hostCount(page)).toBe(1);
  });

  it('compact until More time tracking opens; its forms load on opening, and it stays open', async () => {
    await page.goto(`${standIn.url}/acme/web/-/issues/1`);
    await waitForText(page, 'region', 'Time tracking', '43% of the estimate used');
    const more = await byRole(page, 'button', 'More time tracking');
    expect(await more.evaluate((b) => b.getAttribute('aria-expanded'))).toBe('false');
    const shown = (name: string) =>
      page.evaluate((name) => [...(document.querySelector('timekeeper-widget')?.shadowRoot?.querySelectorAll('button') ?? [])].some((b) => b.textContent === name && b.getBoundingClientRect().height > 0), name);
    expect(await shown('Log time')).toBe(false);
    const height = () => page.evaluate(() => {
      const host = document.querySelector('timekeeper-widget') as HTMLElement;
      host.style.width = '280px';
      return host.shadowRoot!.querySelector('section')!.getBoundingClientRect().height;
    });
    expect(await height()).toBeLessThanOrEqual(120);
    await openMore(page);
    expect(await more.evaluate((b) => b.getAttribute('aria-expanded'))).toBe('true');
    expect(await shown('Log time')).toBe(true);
    await more.click();
    expect(await more.evaluate((b) => b.getAttribute('aria-expanded'))).toBe('true');
    expect(await shown('Log time')).toBe(true);
  });

  it('set and reset an estimate', async () => {
    await page.goto(`${standIn.url}/acme/web/-/issues/2`);
    await openMore(page);
    await waitForText(page, 'region', REGION, 'No estimate');
    await type(page, 'Estimate', '1d 2h');
    await waitForText(page, 'region', REGION, '= 1d 2h');
    await press(page, 'Set estimate');
    await waitForText(page, 'region', REGION, 'Estimate 1d 2h');
    expect(posts(standIn, '/api/v4/projects/acme%2Fweb/issues/2/time_estimate').map((r) => r.body)).toEqual([{ duration: '10h' }]);
    await press(page, 'Reset estimate');
    await waitForText(page, 'region', REGION, 'No estimate');
    expect(posts(standIn, '/api/v4/projects/acme%2Fweb/issues/2/reset_time_estimate')).toHaveLength(1);
  });

  it('log time with a summary, then subtract', async () => {
    await page.goto(`${standIn.url}/acme/web/-/issues/1`);
    await openMore(page);
    await waitForText(page, 'region', REGION, 'Spent 1h 30m');
    await type(page, 'Time spent', '45m');
    await type(page, 'Summary', 'Pairing on the fix');
    await press(page, 'Log time');
    await waitForText(page, 'region', REGION, 'Spent 2h 15m');
    await type(page, 'Time spent', '-15m');
    await press(page, 'Log time');
    await waitForText(page, 'region', REGION, 'Spent 2h Estimate 3h 30m');
    expect(posts(standIn, '/api/v4/projects/acme%2Fweb/issues/1/add_spent_time').map((r) => r.body)).toEqual([
      { duration: '45m', summary: 'Pairing on the fix' },
      { duration: '-15m' },
    ]);
  });

  it('reset spent time after the confirmation; add a to-do, 201 then 304', async () => {
    await page.goto(`${standIn.url}/acme/web/-/issues/1`);
    await openMore(page);
    await waitForText(page, 'region', REGION, 'Spent 1h 30m');
    await press(page, 'Reset spent time');
    await waitForText(page, 'region', REGION, 'Remove all 1h 30m logged on this issue?');
    expect(posts(standIn, '/api/v4/projects/acme%2Fweb/issues/1/reset_spent_time')).toHaveLength(0);
    await press(page, 'Reset spent time: confirm');
    await waitForText(page, 'region', REGION, 'No time spent');
    expect(posts(standIn, '/api/v4/projects/acme%2Fweb/issues/1/reset_spent_time')).toHaveLength(1);

    await press(page, 'Add a to-do');
    await waitForText(page, 'region', REGION, 'To-do added');
    await page.reload();
    await waitForText(page, 'region', REGION, 'No time spent');
    await openMore(page);
    await press(page, 'Add a to-do');
    await waitForText(page, 'region', REGION, 'To-do added');
    expect(posts(standIn, '/api/v4/projects/acme%2Fweb/issues/1/todo').map((r) => r.status)).toEqual([201, 304]);
  });

  it('a Guest: the 403 in words, and read-only controls with the reason', async () => {
    await page.goto(`${standIn.url}/partners/guest-portal/-/issues/1`);
    await openMore(page);
    await waitForText(page, 'region', REGION, 'No estimate');
    await type(page, 'Estimate', '2h');
    await press(page, 'Set estimate');
    await waitForText(page, 'alert', '', 'You do not have permission to do that on this issue');
    await waitForText(page, 'region', REGION, 'Read-only:');
    expect(await (await byRole(page, 'button', 'Log time')).evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  });

  it('light and dark, closed and opened: axe finds no serious or critical problem, and every name of the UI contract is reachable', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const axe = async () => {
      await page.evaluate(axeSource);
      return page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe;
        const result = await axe.run({ include: [['timekeeper-widget']] }, { resultTypes: ['violations'] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
    };
    const dark = () => page.$eval('timekeeper-widget', (host) => host.shadowRoot!.querySelector('.tk')!.classList.contains('tk-dark'));
    for (const mode of ['light', 'dark'] as const) {
      await page.goto(`${standIn.url}/acme/web/-/issues/1`);
      await waitForText(page, 'region', REGION, 'Spent 1h 30m');
      if (mode === 'dark') {
        // GitLab's dark mode: the class on <html> (the widget follows it).
        await page.evaluate(() => {
          document.documentElement.classList.add('gl-dark');
          document.body.style.cssText += ';background:#18171d;color:#ececef';
        });
        await page.waitForFunction(() => document.querySelector('timekeeper-widget')?.shadowRoot?.querySelector('.tk')?.classList.contains('tk-dark'), { timeout: 5_000 });
      }
      expect(await dark()).toBe(mode === 'dark');
      expect(await axe(), `${mode}, closed`).toEqual([]);
      for (const name of ['Start timer', 'More time tracking']) await byRole(page, 'button', name);
      await openMore(page);
      await type(page, 'Time spent', 'nonsense');
      expect(await axe(), `${mode}, opened`).toEqual([]);
      for (const name of ['Estimate', 'Time spent', 'Summary', 'Date']) await byRole(page, 'textbox', name);
      for (const name of ['Set estimate', 'Reset estimate', 'Log time', 'Reset spent time', 'Add a to-do']) await byRole(page, 'button', name);
      await press(page, 'Start timer');
      await byRole(page, 'timer', '');
      for (const name of ['Stop timer', 'Pause timer', 'Discard timer']) await byRole(page, 'button', name);
      expect(await axe(), `${mode}, running`).toEqual([]);
      await press(page, 'Discard timer');
      await byRole(page, 'button', 'Start timer');
    }
  });
});
