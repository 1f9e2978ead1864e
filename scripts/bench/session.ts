/**
 * One benchmark browser: a GitLab stand-in served as https://gitlab.com (tests/e2e/support), and
 * headless Chromium with the built extension connected to it through the options page, or
 * without the extension at all (the baseline the "with versus without" figures divide by).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import type { StandIn, StandInOptions } from '../../tests/fake-gitlab/server';
import { chromiumPath } from '../../tests/e2e/support/browsers';
import { connectViaOptions, launchChromium, startGitLabComStandIn, type ExtensionBrowser } from '../../tests/e2e/support/chromium';

export const GITLAB = 'https://gitlab.com';

export interface BenchSession {
  standIn: StandIn;
  context: BrowserContext;
  /** null: Chromium without the extension. */
  extension: ExtensionBrowser | null;
  page: Page;
  cdp(page?: Page): Promise<CDPSession>;
  close(): Promise<void>;
}

export async function openSession(opts: { buildDir: string; extension: boolean; standIn?: StandInOptions }): Promise<BenchSession> {
  const standIn = await startGitLabComStandIn(opts.standIn ?? {});
  let extension: ExtensionBrowser | null = null;
  let context: BrowserContext;
  if (opts.extension) {
    extension = await launchChromium({ standInPort: standIn.port, extensionPath: opts.buildDir });
    context = extension.context;
  } else {
    // The same flags as launchChromium, without the extension.
    context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'tk-bench-plain-')), {
      executablePath: chromiumPath()!,
      headless: true,
      viewport: { width: 1280, height: 860 },
      ignoreHTTPSErrors: true,
      args: [
        `--host-resolver-rules=MAP gitlab.com 127.0.0.1:${standIn.port}`,
        '--ignore-certificate-errors', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--disable-extensions',
      ],
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  if (extension) {
    await connectViaOptions(page, extension.extensionId, GITLAB, standIn.token);
    await page.getByText(`Connected as @${standIn.user.username}`).first().waitFor({ timeout: 30_000 });
  }
  return {
    standIn,
    context,
    extension,
    page,
    cdp: (p = page) => context.newCDPSession(p),
    async close() {
      await context.close().catch(() => undefined);
      await standIn.close();
    },
  };
}
