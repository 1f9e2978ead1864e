/**
 * Firefox with the built add-on, driven by puppeteer-core over WebDriver BiDi (Playwright cannot
 * drive stock Firefox). Here the stand-in plays a self-hosted GitLab on 127.0.0.1 with a port,
 * so the runtime-registered content script and the optional host permission path are what run;
 * Firefox's own pref auto-approves the permission prompt a user would click.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { firefoxPath, INSTALL_HINT } from './browsers';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const GECKO_ID = 'timekeeper@timekeeper-for-gitlab.dev';
export const FIXED_UUID = '6f0c1a52-3c1e-4a8e-9a57-7d1f7c2b9e10';
export const EXTENSION_BASE = `moz-extension://${FIXED_UUID}`;

export interface FirefoxWithExtension {
  browser: Browser;
  profileDir: string;
}

export async function launchFirefox(opts: { build?: 'firefox-mv2' | 'firefox-mv3'; profileDir?: string } = {}): Promise<FirefoxWithExtension> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error(INSTALL_HINT.firefox);
  const profileDir = opts.profileDir ?? mkdtempSync(path.join(tmpdir(), 'tk-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    userDataDir: profileDir,
    args: ['--no-remote', '--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIXED_UUID }),
      // Stands in for the user clicking "Allow" on the host permission prompt at Connect.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  await browser.installExtension(path.join(ROOT, '.output', opts.build ?? 'firefox-mv2'));
  return { browser, profileDir };
}

/** BiDi never reports a moz-extension:// navigation finished: start it, then wait for content. */
export async function openExtensionPage(page: Page, file: string, readySelector: string): Promise<void> {
  page.goto(`${EXTENSION_BASE}/${file}`).catch(() => undefined);
  await page.waitForSelector(readySelector, { timeout: 15_000 });
}

/** Finds a control by role and accessible name, piercing shadow roots (the widget lives in one). */
export function byRole(page: Page, role: string, name: string) {
  return page.locator(`::-p-aria([name="${name}"][role="${role}"])`);
}

export async function connectViaOptions(page: Page, baseUrl: string, token: string): Promise<void> {
  await openExtensionPage(page, 'options.html', 'input[name="url"]');
  await page.locator('input[name="url"]').fill(baseUrl);
  await page.locator('input[name="token"]').fill(token);
  await page.locator('button[type="submit"]').click();
}

/** Same as the Chromium helper: shifts the stored timer's timestamps, as if minutes had passed. */
export async function backdateTimer(extensionPage: Page, minutes: number): Promise<void> {
  await extensionPage.evaluate(async (ms: number) => {
    const api = (globalThis as unknown as { browser: { storage: { local: { get(k: string): Promise<Record<string, any>>; set(v: object): Promise<void> } } } }).browser;
    const { timer } = await api.storage.local.get('timer');
    if (!timer) throw new Error('no timer to backdate');
    timer.runningSince -= ms;
    timer.startedAt -= ms;
    await api.storage.local.set({ timer });
  }, minutes * 60_000);
}
