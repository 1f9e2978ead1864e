/**
 * The add-on in German in Firefox (its UI language through `intl.locale.requested` and Debian's
 * German language pack, `firefox-esr-l10n-de`): the options page, the widget on an issue page of
 * the stand-in (a timer running, More opened) and the popup show no English message
 * (tests/e2e/support/leftover-english.ts), and their controls answer to their German names.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../fake-gitlab/server';
import { byRole, checkFirefoxLocale, launchFirefox, openExtensionPage, waitForText, type FirefoxWithExtension } from '../support/firefox';
import { leftoverEnglish, shownTexts } from '../support/leftover-english';

/** The lines a page shows and the labels inside `selector` (shadow roots included), trimmed. */
async function textsOf(page: Page, selector: string): Promise<string[]> {
  const lines = await page.evaluate(() => document.body.innerText.split('\n'));
  const labels = await page.$eval(selector, shownTexts);
  return [...lines.map((text) => text.trim()).filter(Boolean), ...labels];
}

describe('Firefox in German', () => {
  let standIn: StandIn;
  let fx: FirefoxWithExtension;

  beforeAll(async () => {
    standIn = await startStandIn();
    fx = await launchFirefox({ locale: 'de' });
  });
  afterAll(async () => {
    await fx?.browser.close();
    await standIn?.close();
  });

  it('the options page: connecting by the German names, and no English message', async () => {
    const page = await fx.browser.newPage();
    await openExtensionPage(page, 'options.html', 'input[name="url"]');
    await checkFirefoxLocale(page, 'de');
    const url = await byRole(page, 'textbox', 'GitLab-URL');
    await url.evaluate((el) => ((el as HTMLInputElement).value = ''));
    await url.type(standIn.url);
    await (await byRole(page, 'textbox', 'Zugriffstoken')).type(standIn.token);
    await (await byRole(page, 'button', 'Verbinden', 10_000, true)).click();
    await waitForText(page, 'status', '', `Verbunden als @${standIn.user.username}`);
    await byRole(page, 'button', `${standIn.url} erneut verbinden`);
    const texts = await textsOf(page, 'main');
    expect(texts).toContain('Verbundene GitLabs');
    expect(leftoverEnglish(texts, 'de')).toEqual([]);
    await page.close();
  });

  it('the widget with a running timer and More opened, then the popup: no English message', async () => {
    const page = await fx.browser.newPage();
    await page.goto(`${standIn.url}/acme/web/-/issues/1`);
    await waitForText(page, 'region', 'Zeiterfassung', 'Aufgewendet 1h 30m');
    await (await byRole(page, 'button', 'Timer starten')).click();
    await byRole(page, 'timer', 'Verstrichene Zeit');
    await (await byRole(page, 'button', 'Mehr Zeiterfassung')).click();
    await byRole(page, 'button', 'To-do hinzufügen');
    const widgetTexts = await page.$eval('timekeeper-widget', shownTexts);
    expect(widgetTexts.length).toBeGreaterThan(5);
    expect(leftoverEnglish(widgetTexts, 'de')).toEqual([]);

    const popup = await fx.browser.newPage();
    await openExtensionPage(popup, 'popup.html', 'body');
    await byRole(popup, 'region', 'Laufender Timer');
    await byRole(popup, 'list', 'Zugewiesene Tickets', 20_000);
    expect(leftoverEnglish(await textsOf(popup, 'main'), 'de')).toEqual([]);
  });
});
