/**
 * The extension in German (Chromium's UI language, `--lang=de`): the widget on an issue page of
 * the stand-in and the popup show no English message (tests/e2e/support/leftover-english.ts).
 */
import { test as base, expect } from '@playwright/test';
import { startGitLabComStandIn, connectViaOptions, launchChromium } from '../support/chromium';
import { leftoverEnglish, shownTexts } from '../support/leftover-english';
import { GITLAB } from './fixtures';

const test = base;

test('in German, the widget (with a running timer, More opened) and the popup show no English message', async () => {
  const standIn = await startGitLabComStandIn();
  const browser = await launchChromium({ standInPort: standIn.port, lang: 'de' });
  try {
    const page = await browser.context.newPage();
    await connectViaOptions(page, browser.extensionId, GITLAB, standIn.token);
    await page.getByText(`@${standIn.user.username}`).first().waitFor();

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
    const popupTexts = await page.evaluate(() => document.body.innerText.split('\n'));
    const labels = await page.locator('main').evaluate(shownTexts);
    expect(leftoverEnglish([...popupTexts.map((text) => text.trim()), ...labels], 'de')).toEqual([]);
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
