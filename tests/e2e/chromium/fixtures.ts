import { test as base, expect, type Page, type Worker } from '@playwright/test';
import type { StandIn, StandInOptions } from '../../fake-gitlab/server';
import { connectViaOptions, launchChromium, startGitLabComStandIn, type ExtensionBrowser } from '../support/chromium';

export const GITLAB = 'https://gitlab.com';

interface Fixtures {
  /** Options of the stand-in a test file or block wants (`test.use`); none by default. */
  standInOptions: StandInOptions;
  standIn: StandIn;
  browserWithExtension: ExtensionBrowser;
  worker: Worker;
  /** A page already connected to the stand-in through the options page. */
  connected: Page;
}

export const test = base.extend<Fixtures>({
  standInOptions: [{}, { option: true }],
  standIn: async ({ standInOptions }, use) => {
    const standIn = await startGitLabComStandIn(standInOptions);
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


/**
 * Opens the widget's "More time tracking" (docs/ui-contract.md) where the time log, estimate,
 * resets and to-do sit, and waits for its forms; harmless when it is open already.
 */
export async function openMore(page: Page): Promise<void> {
  const widget = page.getByRole('region', { name: 'Time tracking' });
  const more = widget.getByRole('button', { name: 'More time tracking' });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await widget.getByRole('button', { name: 'Add a to-do' }).waitFor();
}

export { expect };
