import { test as base, type Page, type Worker } from '@playwright/test';
import type { StandIn } from '../../fake-gitlab/server';
import { connectViaOptions, launchChromium, startGitLabComStandIn, type ExtensionBrowser } from '../support/chromium';

export const GITLAB = 'https://gitlab.com';

interface Fixtures {
  standIn: StandIn;
  browserWithExtension: ExtensionBrowser;
  worker: Worker;
  /** A page already connected to the stand-in through the options page. */
  connected: Page;
}

export const test = base.extend<Fixtures>({
  standIn: async ({}, use) => {
    const standIn = await startGitLabComStandIn();
    await use(standIn);
    await standIn.close();
  },
  browserWithExtension: async ({ standIn }, use) => {
    const b = await launchChromium({ standInPort: standIn.port });
    await use(b);
    await b.context.close();
  },
  worker: async ({ browserWithExtension }, use) => {
    await use(await browserWithExtension.worker());
  },
  connected: async ({ browserWithExtension, standIn }, use) => {
    const page = await browserWithExtension.context.newPage();
    await connectViaOptions(page, browserWithExtension.extensionId, GITLAB, standIn.token);
    await page.getByText(`Connected as @${standIn.user.username}`).first().waitFor();
    await use(page);
  },
});

export { expect } from '@playwright/test';
