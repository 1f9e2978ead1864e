/**
 * `npm start`: build the extension, start the GitLab stand-in with demo data on 127.0.0.1, and
 * open Chromium with the extension loaded and connected, on an issue page. Chromium resolves
 * gitlab.com to the stand-in, so the build is exactly what users install.
 *
 * With a display, the browser stays open for you to try. Without one (or with --headless) it
 * walks the main flow (open issue, start, stop, open popup, a merge request), saves screenshots and exits.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { backdateTimer, connectViaOptions, launchChromium, ROOT, startGitLabComStandIn } from '../tests/e2e/support/chromium';
import { chromiumPath, INSTALL_HINT } from '../tests/e2e/support/browsers';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;
const outDir = path.join(ROOT, 'demo-output');
const GITLAB = 'https://gitlab.com';

if (!chromiumPath()) {
  console.error(INSTALL_HINT.chromium);
  process.exit(1);
}
if (!args.has('--no-build')) {
  console.log('Building the Chrome extension…');
  if (spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
}

const standIn = await startGitLabComStandIn({ look: true });
console.log(`GitLab stand-in with demo data: ${standIn.url} (shown to the browser as ${GITLAB}); token ${standIn.token}`);
const { context, extensionId, worker } = await launchChromium({ standInPort: standIn.port, headless });

const page = await context.newPage();
await connectViaOptions(page, extensionId, GITLAB, standIn.token);
await page.getByText(`Connected as @${standIn.user.username}`).first().waitFor();
console.log(`Connected as @${standIn.user.username}.`);
await page.goto(`${GITLAB}/acme/web/-/issues/1`);
const widget = page.getByRole('region', { name: 'Time tracking' });
await widget.getByText('1h 30m').waitFor();

// A merge request gets the same widget, in a second tab.
const mergeRequestPage = await context.newPage();
await mergeRequestPage.goto(`${GITLAB}/acme/web/-/merge_requests/1`);
await mergeRequestPage.getByRole('region', { name: 'Time tracking' }).getByText('acme/web!1').waitFor();

if (!headless) {
  await page.bringToFront();
  console.log('Chromium is open on an issue page with the widget, and on a merge request in the second tab. Click the toolbar icon for the popup.');
  console.log('Close the browser (or press Ctrl+C) to stop the demo.');
  await new Promise<void>((resolve) => {
    context.on('close', () => resolve());
    process.on('SIGINT', () => resolve());
  });
} else {
  mkdirSync(outDir, { recursive: true });
  const shot = async (name: string, target = page) => {
    const file = path.join(outDir, name);
    await target.screenshot({ path: file });
    console.log(`  saved ${path.relative(ROOT, file)}`);
  };
  console.log('No display: walking the main flow headless.');
  await shot('1-issue-page.png');
  await widget.getByRole('button', { name: 'Start timer' }).click();
  await widget.getByRole('timer').waitFor();
  // Twenty-five minutes of work, without waiting them out: the stored start time moves back.
  await backdateTimer(await worker(), 25);
  await page.waitForTimeout(1100);
  await widget.screenshot({ path: path.join(outDir, '2-widget-running.png') });
  console.log('  saved demo-output/2-widget-running.png');
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await widget.getByText('1h 55m').waitFor();
  await widget.screenshot({ path: path.join(outDir, '3-widget-logged.png') });
  console.log('  saved demo-output/3-widget-logged.png');
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 444, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('list', { name: 'Assigned issues' }).getByRole('listitem').first().waitFor();
  await shot('4-popup.png', popup);
  await shot('5-merge-request-page.png', mergeRequestPage);
  // GitLab's dark mode (the stand-in keeps the choice, as GitLab keeps a user's preference).
  await page.goto(`${GITLAB}/acme/web/-/issues/1?theme=dark`);
  await widget.getByText('1h 55m').waitFor();
  await shot('6-issue-page-dark.png');
  const logs = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
  console.log(`The stand-in received ${logs.length} time log(s): ${logs.map((l) => `${l.path} duration=${String(l.body.duration)}`).join('; ')}`);
  console.log(`Screenshots are in ${path.relative(ROOT, outDir)}/.`);
}
await context.close();
await standIn.close();
process.exit(0);
