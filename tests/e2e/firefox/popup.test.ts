/**
 * The toolbar popup in Firefox against two self-hosted GitLabs on 127.0.0.1 (different ports),
 * 1,200 assigned issues between them.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import { backdateTimer, byRole, clickWhenEnabled, connectViaOptions, launchFirefox, openExtensionPage, waitForText, type FirefoxWithExtension } from '../support/firefox';
import { assignedIssuesOf, collectListItems, popupListRequests, writesTo } from '../support/popup-list';

describe('Firefox: the popup with 1,200 issues on two GitLabs', () => {
  let one: StandIn;
  let two: StandIn;
  let fx: FirefoxWithExtension;
  let popup: Page;
  const host = (s: StandIn) => `127.0.0.1:${s.port}`;

  /** The listitems the list draws right now (all of them once a search leaves 200 or fewer). */
  const drawnCount = (page: Page) =>
    page.evaluate(() => document.querySelector('ul[aria-label="Assigned issues"]')?.querySelectorAll(':scope > li:not([role])').length ?? -1);
  const waitForDrawn = (page: Page, n: number) =>
    page.waitForFunction(
      (n: number) => document.querySelector('ul[aria-label="Assigned issues"]')?.querySelectorAll(':scope > li:not([role])').length === n,
      { timeout: 15_000 },
      n,
    );

  /** Headings and plain notes have no role the Firefox helper maps: wait for the page's text. */
  const waitForPageText = (page: Page, text: string) =>
    page.waitForFunction((t: string) => document.body.textContent?.replace(/\s+/g, ' ').includes(t), { timeout: 20_000, polling: 100 }, text);

  async function openPopup(): Promise<Page> {
    const page = await fx.browser.newPage();
    await openExtensionPage(page, 'popup.html', 'body');
    await waitForPageText(page, 'Assigned issues (');
    return page;
  }

  beforeAll(async () => {
    [one, two] = await Promise.all([startStandIn({ assignedIssueCount: 600 }), startStandIn({ assignedIssueCount: 600 })]);
    fx = await launchFirefox();
    const options = await fx.browser.newPage();
    for (const s of [one, two]) {
      await connectViaOptions(options, s.url, s.token);
      await waitForText(options, 'status', '', `Connected as @demo on ${host(s)}`);
    }
    await options.close();
  });
  afterAll(async () => {
    await fx?.browser.close();
    await Promise.all([one?.close(), two?.close()]);
  });

  it('every issue is reachable by scrolling, and the list says its size', async () => {
    popup = await openPopup();
    await waitForPageText(popup, 'Assigned issues (1200)');
    const list = await byRole(popup, 'list', 'Assigned issues');
    const drawn = await list.evaluate(collectListItems);
    expect(drawn.map((d) => d.position)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    expect(new Set(drawn.map((d) => d.size))).toEqual(new Set([1200]));
    const names = new Set(drawn.map((d) => d.name));
    for (const s of [one, two]) {
      for (const issue of assignedIssuesOf(s)) expect(names).toContain(`${issue.title} ${issue.fullPath}#${issue.iid} on ${host(s)}`);
    }
    // 6 GraphQL pages of 100 per GitLab, the merge requests with the first.
    for (const s of [one, two]) expect(popupListRequests(s)).toHaveLength(6);
  });

  it('search narrows as you type', async () => {
    const search = await byRole(popup, 'textbox', 'Search assigned issues');
    await search.type('rotate tls');
    await waitForDrawn(popup, 2);
    await byRole(popup, 'listitem', `Rotate TLS certificates acme/platform/infra#1 on ${host(one)}`);
    await byRole(popup, 'listitem', `Rotate TLS certificates acme/platform/infra#1 on ${host(two)}`);

    await search.evaluate((el) => ((el as HTMLInputElement).value = ''));
    await search.type('~documentation');
    const expected = [one, two].flatMap((s) => assignedIssuesOf(s)).filter((i) => i.labels.includes('documentation')).length;
    await waitForPageText(popup, `Assigned issues (${expected} of 1200)`);
    if (expected <= 200) await waitForDrawn(popup, expected);
    await search.press('Escape');
    await waitForPageText(popup, 'Assigned issues (1200)');
    expect(await drawnCount(popup)).toBeLessThan(100);
  });

  it('Start timer from the list, then Stop timer logs to that issue on that GitLab', async () => {
    const search = await byRole(popup, 'textbox', 'Search assigned issues');
    await search.type('Add dark mode to settings');
    await waitForDrawn(popup, 2);
    await (await byRole(popup, 'button', `Start timer for acme/web#2 on ${host(two)}`)).click();
    await waitForText(popup, 'region', 'Running timer', 'acme/web#2');
    await backdateTimer(popup, 7);
    await (await byRole(popup, 'button', 'Stop timer')).click();
    await waitForText(popup, 'status', '', 'Logged 7m to acme/web#2');
    const logs = (s: StandIn) => s.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
    expect(logs(one)).toHaveLength(0);
    expect(logs(two).map((r) => [r.path, r.body.duration])).toEqual([['/api/v4/projects/acme%2Fweb/issues/2/add_spent_time', '7m']]);
    await search.press('Escape');
  });

  it('Mark as done reaches the right GitLab', async () => {
    await waitForPageText(popup, 'To-dos (6)');
    await (await byRole(popup, 'button', `Mark as done acme/api#1 on ${host(one)}`)).click();
    await waitForPageText(popup, 'To-dos (5)');
    expect(one.requests.filter((r) => r.method === 'POST' && /^\/api\/v4\/todos\/\d+\/mark_as_done$/.test(r.path) && r.status === 200)).toHaveLength(1);
    expect(two.requests.some((r) => r.path.endsWith('/mark_as_done'))).toBe(false);
  });

  it('Needs attention: a Guest 403 stays, Copy as /spend gives the quick action, Discard drops it', async () => {
    const search = await byRole(popup, 'textbox', 'Search assigned issues');
    await search.type('partners/guest-portal#1');
    await (await byRole(popup, 'button', `Start timer for partners/guest-portal#1 on ${host(one)}`)).click();
    await waitForText(popup, 'region', 'Running timer', 'partners/guest-portal#1');
    await backdateTimer(popup, 15);
    await (await byRole(popup, 'button', 'Stop timer')).click();
    await waitForText(popup, 'region', 'Needs attention', '15m for partners/guest-portal#1');
    await waitForText(popup, 'region', 'Needs attention', 'permission');
    const day = await popup.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { storage: { local: { get(k: string): Promise<Record<string, any>> } } } }).browser;
      const d = new Date(((await api.storage.local.get('outbox')).outbox as Array<{ spentAt: number }>)[0]!.spentAt);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await (await byRole(popup, 'button', 'Copy as /spend')).click();
    await waitForText(popup, 'status', '', `/spend 15m ${day}`);
    await (await byRole(popup, 'button', 'Discard 15m')).click();
    await popup.waitForFunction(() => !document.querySelector('#attention-heading'), { timeout: 10_000 });
    expect(one.timelogs).toHaveLength(0);
    await search.press('Escape');
  });

  it('one GitLab gone shows its error in place and hides nothing of the other', async () => {
    await two.close();
    await clickWhenEnabled(popup, 'Refresh from GitLab');
    await waitForPageText(popup, `${host(two)}: Could not reach ${host(two)}`);
    // Its last list stays, dated; a fresh popup shows the same, and the other GitLab is whole.
    const fresh = await openPopup();
    await waitForPageText(fresh, `Could not reach ${host(two)}`);
    await waitForPageText(fresh, 'Assigned issues (1200)');
    expect(popupListRequests(one).length).toBeGreaterThanOrEqual(12);
  });

  it('a read_api token makes its GitLab read-only: the reason in place, its Start and Mark as done wait, the others work', async () => {
    const three = await startStandIn({ assignedIssueCount: 20 });
    try {
      const options = await fx.browser.newPage();
      await connectViaOptions(options, three.url, three.readonlyToken);
      await waitForText(options, 'status', '', `Connected as @demo on ${host(three)}`);
      await options.close();
      const page = await openPopup();
      await waitForPageText(page, `Read-only: the token for ${host(three)} has only the read_api scope, not api`);
      await byRole(page, 'button', `Reconnect ${host(three)}`);
      await (await byRole(page, 'textbox', 'Search assigned issues')).type('Rotate TLS');
      const disabled = async (name: string) => (await byRole(page, 'button', name)).evaluate((b) => (b as HTMLButtonElement).disabled);
      expect(await disabled(`Start timer for acme/platform/infra#1 on ${host(three)}`)).toBe(true);
      expect(await disabled(`Start timer for acme/platform/infra#1 on ${host(one)}`)).toBe(false);
      expect(await disabled(`Mark as done acme/web#2 on ${host(three)}`)).toBe(true);
      expect(await disabled(`Mark as done acme/web#2 on ${host(one)}`)).toBe(false);
      expect(writesTo(three)).toEqual([]);
      await page.close();
    } finally {
      await three.close();
    }
  });
});
