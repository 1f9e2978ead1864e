/**
 * Chromium with the built extension, talking to the GitLab stand-in as if it were gitlab.com:
 * the browser resolves gitlab.com to the stand-in's HTTPS port, so an unmodified build (whose
 * manifest grants gitlab.com) is what we test.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { startStandIn, type StandIn, type StandInOptions } from '../../fake-gitlab/server';
import { chromiumPath, INSTALL_HINT } from './browsers';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const OUTPUT_DIR = path.resolve(ROOT, process.env.TK_OUT_DIR ?? '.output');
export const CHROME_BUILD = path.join(OUTPUT_DIR, 'chrome-mv3');
const CERTS = path.join(ROOT, 'tests/fake-gitlab/certs');

export function startGitLabComStandIn(opts: StandInOptions = {}): Promise<StandIn> {
  return startStandIn({
    ...opts,
    tls: { key: readFileSync(path.join(CERTS, 'gitlab.com.key')), cert: readFileSync(path.join(CERTS, 'gitlab.com.crt')) },
  });
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  userDataDir: string;
}

/** `lang`: the browser's UI language (e.g. `de`), which the extension's `_locales` follow. */
export async function launchChromium(opts: { standInPort: number; headless?: boolean; userDataDir?: string; extensionPath?: string; lang?: string }): Promise<ExtensionBrowser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(INSTALL_HINT.chromium);
  const ext = opts.extensionPath ?? CHROME_BUILD;
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'tk-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 860 },
    ignoreHTTPSErrors: true,
    ...(opts.lang ? { locale: opts.lang, env: { ...process.env, LANGUAGE: opts.lang } } : {}),
    args: [
      ...(opts.lang ? [`--lang=${opts.lang}`] : []),
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      `--host-resolver-rules=MAP gitlab.com 127.0.0.1:${opts.standInPort}`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const worker = async () => {
    const [sw] = context.serviceWorkers();
    return sw ?? context.waitForEvent('serviceworker');
  };
  const extensionId = new URL((await worker()).url()).host;
  return { context, extensionId, worker, userDataDir };
}

/** The real Connect flow on the options page, as a user does it. */
export async function connectViaOptions(page: Page, extensionId: string, baseUrl: string, token: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('textbox', { name: 'GitLab URL' }).fill(baseUrl);
  await page.getByRole('textbox', { name: 'Access token' }).fill(token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

/**
 * Moves the stored timer's start back by `minutes`, standing in for minutes of real work so a
 * test need not wait. It edits only timestamps: what the extension computes from them is what
 * is under test.
 */
export async function backdateTimer(worker: Worker, minutes: number): Promise<void> {
  await worker.evaluate(async (ms) => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, any>>; set(v: object): Promise<void> } } } }).chrome;
    // A click's message may still be on its way: wait (briefly) for the timer it starts.
    let timer: any;
    for (let i = 0; i < 50 && !timer; i++) {
      timer = (await chrome.storage.local.get('timer')).timer;
      if (!timer) await new Promise((r) => setTimeout(r, 100));
    }
    if (!timer) throw new Error('no timer to backdate');
    timer.runningSince -= ms;
    timer.startedAt -= ms;
    await chrome.storage.local.set({ timer });
  }, minutes * 60_000);
}

/**
 * Runs in a page (pass it to `page.evaluate`): when the element with `elementtiming="name"` was
 * first painted (Element Timing), in ms after navigation.
 */
export function elementPainted(name: string): Promise<number> {
  type ElementTiming = PerformanceEntry & { identifier: string; renderTime: number };
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`no paint of ${name} within 30 s`)), 30_000);
    new PerformanceObserver((list, observer) => {
      const entry = (list.getEntries() as ElementTiming[]).find((e) => e.identifier === name);
      if (!entry) return;
      observer.disconnect();
      clearTimeout(timeout);
      resolve(Math.round(entry.renderTime));
    }).observe({ type: 'element', buffered: true });
  });
}
