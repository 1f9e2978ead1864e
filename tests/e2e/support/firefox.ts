/**
 * Firefox with the built add-on, driven by puppeteer-core over WebDriver BiDi (Playwright cannot
 * drive stock Firefox). Here the stand-in plays a self-hosted GitLab on 127.0.0.1 with a port,
 * so the runtime-registered content script and the optional host permission path are what run;
 * Firefox's own pref auto-approves the permission prompt a user would click.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { firefoxPath, INSTALL_HINT } from './browsers';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const GECKO_ID = 'timekeeper@timekeeper-for-gitlab.dev';
export const FIXED_UUID = '6f0c1a52-3c1e-4a8e-9a57-7d1f7c2b9e10';
export const EXTENSION_BASE = `moz-extension://${FIXED_UUID}`;

export interface FirefoxWithExtension {
  browser: Browser;
  profileDir: string;
}

/**
 * `downloadDir`: downloads go straight into that folder, without asking where (Firefox's own
 * prefs, as a user who chose "Always save files to" would have), so a test can read them.
 * `locale`: Firefox's UI language (e.g. `de`), which an add-on's `_locales` follow. Firefox
 * speaks only the languages it has a language pack for (Debian: `firefox-esr-l10n-<lang>`);
 * without one it quietly stays in English, so `checkFirefoxLocale` tells that apart.
 */
export async function launchFirefox(opts: { build?: 'firefox-mv2' | 'firefox-mv3'; profileDir?: string; downloadDir?: string; locale?: string } = {}): Promise<FirefoxWithExtension> {
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
      // English unless a test asks for another language, whatever the machine's own locale.
      'intl.locale.requested': opts.locale ?? 'en-US',
      ...(opts.downloadDir
        ? {
            'browser.download.dir': opts.downloadDir,
            'browser.download.folderList': 2,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
            'browser.download.start_downloads_in_tmp_dir': false,
            'browser.download.alwaysOpenPanel': false,
            'browser.download.manager.showWhenStarting': false,
            'browser.helperApps.neverAsk.saveToDisk': 'text/csv',
          }
        : {}),
    },
  });
  await browser.installExtension(path.join(path.resolve(ROOT, process.env.TK_OUT_DIR ?? '.output'), opts.build ?? 'firefox-mv2'));
  return { browser, profileDir };
}

/**
 * Throws, saying which package to install, unless the add-on's pages run in `locale`: Firefox
 * falls back to English when the language pack is missing, and a test would then fail on
 * every English word without saying why.
 */
export async function checkFirefoxLocale(extensionPage: Page, locale: string): Promise<void> {
  const language = await extensionPage.evaluate(() => (globalThis as unknown as { browser: { i18n: { getUILanguage(): string } } }).browser.i18n.getUILanguage());
  if (language.split('-')[0] !== locale) throw new Error(INSTALL_HINT.firefoxLanguagePack(locale, language));
}

/** BiDi never reports a moz-extension:// navigation finished: start it, then wait for content. */
export async function openExtensionPage(page: Page, file: string, readySelector: string): Promise<void> {
  // Now and then (a busy machine) a navigation to an extension page never starts or stalls:
  // ask again, from a blank page so it is a new navigation rather than one Firefox merges.
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await page.goto('about:blank').catch(() => undefined);
    page.goto(`${EXTENSION_BASE}/${file}`).catch(() => undefined);
    try {
      await page.waitForSelector(readySelector, { timeout: attempt === 1 ? 10_000 : 15_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Finds an element by role and accessible name (case-insensitive substring, as Playwright does,
 * or the whole name with `exact`), piercing open shadow roots: Firefox's BiDi accessibility
 * locator does not enter them, and the widget lives in one. Implements the subset of ARIA naming
 * our UI contract uses.
 */
export async function byRole(page: Page, role: string, name: string, timeout = 10_000, exact = false): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (role: string, name: string, exact: boolean) => {
      const implicit = (el: Element): string | null => {
        const explicit = el.getAttribute('role');
        if (explicit) return explicit;
        const tag = el.tagName.toLowerCase();
        if (tag === 'button') return 'button';
        if (tag === 'a' && el.hasAttribute('href')) return 'link';
        if (tag === 'ul' || tag === 'ol') return 'list';
        if (tag === 'li') return 'listitem';
        if (tag === 'section' && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))) return 'region';
        if (tag === 'textarea') return 'textbox';
        if (tag === 'input') {
          const type = (el.getAttribute('type') ?? 'text').toLowerCase();
          // As Playwright's getByRole reads them: a date input is a textbox too.
          if (['text', 'url', 'password', 'email', 'search', 'tel', 'date', 'datetime-local', 'month', 'week', 'time'].includes(type)) return 'textbox';
          if (['button', 'submit', 'reset'].includes(type)) return 'button';
        }
        return null;
      };
      const accessibleName = (el: Element): string => {
        const label = el.getAttribute('aria-label');
        if (label) return label;
        const by = el.getAttribute('aria-labelledby');
        const root = el.getRootNode() as Document | ShadowRoot;
        if (by) return by.split(/\s+/).map((id) => root.getElementById?.(id)?.textContent ?? '').join(' ');
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
          const owner = el.closest('label') ?? (el.id ? root.querySelector(`label[for="${el.id}"]`) : null);
          if (owner) return [...owner.childNodes].filter((n) => n !== el).map((n) => n.textContent ?? '').join(' ');
          return el.getAttribute('placeholder') ?? '';
        }
        return el.textContent ?? '';
      };
      const norm = (t: string) => t.replace(/\s+/g, ' ').trim().toLowerCase();
      const want = norm(name);
      const stack: Array<Document | ShadowRoot> = [document];
      while (stack.length) {
        const root = stack.pop()!;
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) stack.push(el.shadowRoot);
          if (implicit(el) === role && (exact ? norm(accessibleName(el)) === want : norm(accessibleName(el)).includes(want))) {
            const box = (el as HTMLElement).getBoundingClientRect?.();
            if (!box || box.width > 0 || box.height > 0) return el;
          }
        }
      }
      return null;
    },
    { timeout, polling: 100 },
    role,
    name,
    exact,
  );
  return handle as ElementHandle<Element>;
}

/**
 * Clicks the button found by name once it is enabled, as Playwright's click does: puppeteer's
 * click on a disabled button (the popup's Refresh while a refresh runs) silently does nothing.
 */
export async function clickWhenEnabled(page: Page, name: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const button = await byRole(page, 'button', name, Math.max(100, deadline - Date.now()));
    if (!(await button.evaluate((b) => (b as HTMLButtonElement).disabled))) return button.click();
    if (Date.now() > deadline) throw new Error(`The button "${name}" stayed disabled`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the element found by role and name contains `text`. */
export async function waitForText(page: Page, role: string, name: string, text: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    const el = await byRole(page, role, name, Math.max(100, deadline - Date.now())).catch(() => null);
    last = el ? await el.evaluate((e) => e.textContent ?? '') : '';
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The ${role} "${name}" never contained "${text}"; its text was "${last}"`);
}

export async function connectViaOptions(page: Page, baseUrl: string, token: string): Promise<void> {
  await openExtensionPage(page, 'options.html', 'input[name="url"]');
  const url = await byRole(page, 'textbox', 'GitLab URL');
  await url.evaluate((el) => ((el as HTMLInputElement).value = ''));
  await url.type(baseUrl);
  await (await byRole(page, 'textbox', 'Access token')).type(token);
  // Exactly: "Disconnect <host>" buttons of instances already connected contain "connect" too.
  await (await byRole(page, 'button', 'Connect', 10_000, true)).click();
}

/** Connects `baseUrl` in a page of its own, waits for "Connected as", and closes that page. */
export async function connectInNewPage(fx: FirefoxWithExtension, baseUrl: string, token: string): Promise<void> {
  const options = await fx.browser.newPage();
  await connectViaOptions(options, baseUrl, token);
  await waitForText(options, 'status', '', 'Connected as');
  await options.close();
}

/** Same as the Chromium helper: shifts the stored timer's timestamps, as if minutes had passed. */
export async function backdateTimer(extensionPage: Page, minutes: number): Promise<void> {
  await extensionPage.evaluate(async (ms: number) => {
    const api = (globalThis as unknown as { browser: { storage: { local: { get(k: string): Promise<Record<string, any>>; set(v: object): Promise<void> } } } }).browser;
    // A click's message may still be on its way: wait (briefly) for the timer it starts.
    let timer: any;
    for (let i = 0; i < 50 && !timer; i++) {
      timer = (await api.storage.local.get('timer')).timer;
      if (!timer) await new Promise((r) => setTimeout(r, 100));
    }
    if (!timer) throw new Error('no timer to backdate');
    timer.runningSince -= ms;
    timer.startedAt -= ms;
    await api.storage.local.set({ timer });
  }, minutes * 60_000);
}

/**
 * Opens the widget's "More time tracking" (docs/ui-contract.md) where the time log, estimate,
 * resets and to-do sit, and waits for its forms; harmless when it is open already.
 */
export async function openMore(page: Page): Promise<void> {
  const more = await byRole(page, 'button', 'More time tracking');
  if ((await more.evaluate((b) => b.getAttribute('aria-expanded'))) !== 'true') await more.click();
  await byRole(page, 'button', 'Add a to-do');
}
