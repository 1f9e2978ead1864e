/**
 * The Timesheet page in Firefox against a self-hosted stand-in: the user's own logs of the week
 * (a colleague's never), a deletion that reaches GitLab after confirming, a log added by
 * reference for yesterday landing with that day, the popup's Logged today, and Export CSV: the
 * file Firefox saved (into a download folder set by its prefs) against the stand-in's logs.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import type { Timelog } from '../../fake-gitlab/api';
import { byRole, connectViaOptions, launchFirefox, openExtensionPage, waitForText, type FirefoxWithExtension } from '../support/firefox';

describe('Firefox: the Timesheet', () => {
  let standIn: StandIn;
  let fx: FirefoxWithExtension;
  let page: Page;
  let mine: Timelog;
  const downloadDir = mkdtempSync(path.join(tmpdir(), 'tk-firefox-downloads-'));

  const waitForPageText = (p: Page, text: string) =>
    p.waitForFunction((t: string) => document.body.textContent?.replace(/\s+/g, ' ').includes(t), { timeout: 20_000, polling: 100 }, text);

  function addLog(userId: number, seconds: number, spentAt: number): Timelog {
    const issue = standIn.issue('acme/web', 1)!;
    const at = new Date(spentAt).toISOString();
    const log: Timelog = { id: 9500 + standIn.timelogs.length, issueId: issue.id, mergeRequestId: null, userId, seconds, summary: 'Seeded', at, spentAt: at, projectId: issue.projectId, iid: 1 };
    (standIn.timelogs as Timelog[]).push(log);
    return log;
  }

  beforeAll(async () => {
    standIn = await startStandIn();
    mine = addLog(standIn.user.id, 5400, Date.now() - 60_000);
    addLog(standIn.colleague.id, 7200, Date.now() - 60_000);
    addLog(standIn.user.id, 2700, Date.now() - 7 * 86_400_000);
    fx = await launchFirefox({ downloadDir });
    const options = await fx.browser.newPage();
    await connectViaOptions(options, standIn.url, standIn.token);
    await waitForText(options, 'status', '', `Connected as @demo on 127.0.0.1:${standIn.port}`);
    await options.close();
    page = await fx.browser.newPage();
    await openExtensionPage(page, 'timesheet.html', 'h1');
  });
  afterAll(async () => {
    await fx?.browser.close();
    await standIn?.close();
  });

  it("shows this week's own logs only, with the week total", async () => {
    await byRole(page, 'button', '1h 30m on acme/web#1');
    await waitForPageText(page, 'Week total 1h 30m');
    expect(await page.evaluate(() => document.querySelector('table[aria-label="Time logged"]')?.textContent)).not.toContain('2h');
  });

  it("Export CSV saves the week's rows, as the stand-in has the logs", async () => {
    await waitForPageText(page, 'Week total 1h 30m');
    await (await byRole(page, 'button', 'Export CSV', 10_000, true)).click();
    // Firefox writes `<name>.part` first, then renames it: wait for the finished file.
    let saved: string[] = [];
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      saved = readdirSync(downloadDir).filter((f) => f.endsWith('.csv'));
      if (saved.length > 0 && !readdirSync(downloadDir).some((f) => f.endsWith('.part'))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatch(/^timesheet-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(path.join(downloadDir, saved[0]!), 'utf8').replace(/^\uFEFF/, '');
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('date,gitlab,project,kind,reference,title,hours,seconds,summary,url');
    // The colleague's log and last week's are not in it.
    expect(rows).toHaveLength(2);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const issue = standIn.issue('acme/web', 1)!;
    expect(rows[1]).toBe([today, standIn.url, 'acme/web', 'issue', 'acme/web#1', issue.title, '1.5', String(mine.seconds), 'Seeded', `${standIn.url}/acme/web/-/issues/1`].join(','));
  });

  it('moves to the previous week and back', async () => {
    await (await byRole(page, 'button', 'Previous week', 10_000, true)).click();
    await waitForPageText(page, 'Week total 45m');
    await (await byRole(page, 'button', 'This week', 10_000, true)).click();
    await waitForPageText(page, 'Week total 1h 30m');
  });

  it("the popup's Logged today counts the user's time of today only, from the Timesheet's week", async () => {
    const popup = await fx.browser.newPage();
    await openExtensionPage(popup, 'popup.html', 'body');
    await waitForText(popup, 'region', 'Logged today', 'Today 1h 30m', 20_000);
    await byRole(popup, 'button', 'Timesheet', 10_000, true);
    await popup.close();
  });

  it('deletes a log after confirming, and the deletion reaches GitLab', async () => {
    await (await byRole(page, 'button', '1h 30m on acme/web#1')).click();
    await (await byRole(page, 'button', 'Delete time log', 10_000, true)).click();
    expect(standIn.timelogs.some((t) => t.id === mine.id)).toBe(true);
    await (await byRole(page, 'button', 'Delete time log: confirm')).click();
    await waitForPageText(page, 'Deleted the time log on acme/web#1.');
    expect(standIn.timelogs.some((t) => t.id === mine.id)).toBe(false);
    await waitForPageText(page, 'Week total 0m');
  });

  it('a GitLab without timelogs says so, and shows what this browser logged there', async () => {
    const old = await startStandIn({ era: '10.x' });
    try {
      const options = await fx.browser.newPage();
      await connectViaOptions(options, old.url, old.token);
      await waitForText(options, 'status', '', `Connected as @demo on 127.0.0.1:${old.port}`);
      await options.close();
      const sheet = await fx.browser.newPage();
      await openExtensionPage(sheet, 'timesheet.html', 'h1');
      await (await byRole(sheet, 'button', 'Add time log', 10_000, true)).click();
      await (await byRole(sheet, 'textbox', 'Issue or merge request')).type(`${old.url}/acme/web/issues/1`);
      await (await byRole(sheet, 'textbox', 'Time spent')).type('20m');
      await (await byRole(sheet, 'button', 'Log time', 10_000, true)).click();
      await waitForPageText(sheet, 'Logged 20m');
      await waitForPageText(sheet, `GitLab 10.8.7 at 127.0.0.1:${old.port} cannot list time logs (GitLab 15.3 and later can)`);
      await byRole(sheet, 'button', '20m on acme/web#1');
      expect(old.requests.some((r) => r.path === '/api/graphql')).toBe(false);
      await sheet.close();
    } finally {
      await old.close();
    }
  });

  it('adds a log by reference for yesterday, landing with that day', async () => {
    const yesterday = await page.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() - 1);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await (await byRole(page, 'button', 'Add time log', 10_000, true)).click();
    await (await byRole(page, 'textbox', 'Issue or merge request')).type('acme/web#1');
    await (await byRole(page, 'textbox', 'Time spent')).type('50m');
    await page.evaluate((day: string) => {
      // The form's Date (the week navigation has a day picker of its own).
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'Date')!;
      const date = document.getElementById(label.htmlFor) as HTMLInputElement;
      date.value = day;
      date.dispatchEvent(new Event('input', { bubbles: true }));
    }, yesterday);
    await (await byRole(page, 'textbox', 'Summary')).type('Late entry');
    await (await byRole(page, 'button', 'Log time', 10_000, true)).click();
    await waitForPageText(page, 'Logged 50m');
    const landed = standIn.timelogs.filter((t) => t.userId === standIn.user.id && t.seconds === 3000);
    expect(landed).toHaveLength(1);
    const day = await page.evaluate((iso: string) => {
      const d = new Date(iso);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }, landed[0]!.spentAt);
    expect(day).toBe(yesterday);
  });

});
