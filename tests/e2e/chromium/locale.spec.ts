/**
 * The extension in German (Chromium's UI language, `--lang=de`): the widget on an issue page of
 * the stand-in, the popup, the options page and the Timesheet show no English message
 * (tests/e2e/support/leftover-english.ts). In German the UI contract's names are German too
 * (docs/ui-contract.md: "in another locale they are that locale's words"), so controls are found
 * by their German names here.
 */
import { test as base, expect, type Page } from '@playwright/test';
import type { Timelog } from '../../fake-gitlab/api';
import type { StandIn } from '../../fake-gitlab/server';
import { startGitLabComStandIn, launchChromium } from '../support/chromium';
import { leftoverEnglish, shownTexts } from '../support/leftover-english';
import { GITLAB } from './fixtures';

const test = base;

/** The Connect flow of the options page, as a German user does it. */
async function connectInGerman(page: Page, extensionId: string, standIn: StandIn): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('textbox', { name: 'GitLab-URL' }).fill(GITLAB);
  await page.getByRole('textbox', { name: 'Zugriffstoken' }).fill(standIn.token);
  await page.getByRole('button', { name: 'Verbinden', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(`Verbunden als @${standIn.user.username} auf gitlab.com`);
}

/** The texts a page shows (its lines and its labels), trimmed. */
async function pageTexts(page: Page): Promise<string[]> {
  const lines = await page.evaluate(() => document.body.innerText.split('\n'));
  const labels = await page.locator('main').evaluate(shownTexts);
  return [...lines.map((text) => text.trim()).filter(Boolean), ...labels];
}

test('in German, the widget (with a running timer, More opened) and the popup show no English message', async () => {
  const standIn = await startGitLabComStandIn();
  const browser = await launchChromium({ standInPort: standIn.port, lang: 'de' });
  try {
    const page = await browser.context.newPage();
    await connectInGerman(page, browser.extensionId, standIn);

    await page.goto(`${GITLAB}/acme/web/-/issues/1`);
    const widget = page.getByRole('region', { name: 'Zeiterfassung' });
    await widget.getByRole('button', { name: 'Timer starten' }).click();
    await expect(widget.getByRole('timer', { name: 'Verstrichene Zeit' })).toBeVisible();
    await widget.getByRole('button', { name: 'Mehr Zeiterfassung' }).click();
    await expect(widget.getByRole('button', { name: 'To-do hinzufügen' })).toBeVisible();
    const widgetTexts = await widget.evaluate(shownTexts);
    expect(widgetTexts.length).toBeGreaterThan(5);
    expect(leftoverEnglish(widgetTexts, 'de')).toEqual([]);

    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await expect(page.getByRole('region', { name: 'Laufender Timer' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Zugewiesene Tickets' })).toBeVisible();
    expect(leftoverEnglish(await pageTexts(page), 'de')).toEqual([]);
  } finally {
    await browser.context.close();
    await standIn.close();
  }
});

test('in German, the options page (both sign-in methods) and the Timesheet (a day opened, the forms open) show no English message', async () => {
  const standIn = await startGitLabComStandIn();
  const browser = await launchChromium({ standInPort: standIn.port, lang: 'de' });
  try {
    const page = await browser.context.newPage();
    await connectInGerman(page, browser.extensionId, standIn);
    const options = page.getByRole('main');
    await expect(options.getByRole('button', { name: `${GITLAB} erneut verbinden` })).toBeVisible();
    await expect(options.getByRole('button', { name: `${GITLAB} trennen` })).toBeVisible();
    await expect(options.getByRole('heading', { name: 'Tastenkürzel' })).toBeVisible();
    const tokenTexts = await pageTexts(page);
    expect(tokenTexts).toContain('Verbundene GitLabs');
    expect(leftoverEnglish(tokenTexts, 'de')).toEqual([]);
    await options.getByRole('radio', { name: /^OAuth/ }).check();
    await expect(options.getByRole('textbox', { name: 'Anwendungs-ID' })).toBeVisible();
    await expect(options.getByRole('textbox', { name: 'Weiterleitungs-URL' })).toBeVisible();
    await expect(options.getByRole('button', { name: 'Mit GitLab anmelden' })).toBeVisible();
    expect(leftoverEnglish(await pageTexts(page), 'de')).toEqual([]);

    // One time log of the user's today, as GitLab holds it.
    const issue = standIn.issue('acme/web', 1)!;
    const at = new Date(Date.now() - 60_000).toISOString();
    (standIn.timelogs as Timelog[]).push({ id: 9100, issueId: issue.id, mergeRequestId: null, userId: standIn.user.id, seconds: 5400, summary: 'Seeded', at, spentAt: at, projectId: issue.projectId, iid: 1 });
    await page.goto(`chrome-extension://${browser.extensionId}/timesheet.html`);
    await expect(page.getByRole('heading', { name: 'Stundenzettel' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Gebuchte Zeit' });
    await table.getByRole('button', { name: /^1h 30m für acme\/web#1, .*: 1 Zeitbuchung$/ }).click();
    await expect(table.getByRole('button', { name: 'Zeitbuchung löschen' })).toBeVisible();
    await table.getByRole('button', { name: 'Zeitbuchung ändern' }).click();
    await expect(table.getByRole('button', { name: 'Änderung speichern' })).toBeVisible();
    await page.getByRole('button', { name: 'Zeitbuchung hinzufügen' }).click();
    await expect(page.getByRole('textbox', { name: 'Ticket oder Merge Request' })).toBeVisible();
    await expect(page.locator('.tk-ts-week-total')).toHaveText('Wochensumme 1h 30m');
    await expect(page.getByRole('button', { name: 'CSV exportieren' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Zahlen von GitLab');
    const timesheetTexts = await pageTexts(page);
    expect(timesheetTexts.length).toBeGreaterThan(20);
    expect(leftoverEnglish(timesheetTexts, 'de')).toEqual([]);
  } finally {
    await browser.context.close();
    await standIn.close();
  }
});

test('the check finds English left in a page', () => {
  // The guard itself: an English message, whole or with its substitution filled, is found.
  expect(leftoverEnglish(['Zeiterfassung', 'Start timer', 'Running on acme/web#2; starting here logs that one first.', 'acme/web#1', '1h 30m'], 'de')).toEqual([
    'startTimer: Start timer',
    'runningElsewhere: Running on acme/web#2; starting here logs that one first.',
  ]);
});
