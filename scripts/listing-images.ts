/**
 * `npm run listing-images`: the store listing's images, taken from the demo (the built Chrome
 * extension against the GitLab stand-in, as `npm start` runs it) into docs/store/:
 *  - 1-issue-page.png (1280×800): an issue page with the panel and a running timer;
 *  - 2-popup.png (1280×800): the toolbar popup, drawn where the browser opens it, over that page;
 *  - 3-options.png (1280×800): the options page with the demo GitLab connected;
 *  - tile-440x280.png: the Chrome Web Store's small promotional tile.
 * `--no-build` reuses the last build. docs/store-listing.md says which image goes where.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumPath, INSTALL_HINT } from '../tests/e2e/support/browsers';
import { backdateTimer, connectViaOptions, launchChromium, ROOT, startGitLabComStandIn } from '../tests/e2e/support/chromium';

export const SCREENSHOT = { width: 1280, height: 800 } as const;
export const TILE = { width: 440, height: 280 } as const;
const OUT = path.join(ROOT, 'docs/store');
const GITLAB = 'https://gitlab.com';

const args = new Set(process.argv.slice(2));
if (!chromiumPath()) {
  console.error(INSTALL_HINT.chromium);
  process.exit(1);
}
if (!args.has('--no-build')) {
  console.log('Building the Chrome extension…');
  // The store build: the images show what users install, without the end-to-end hooks.
  const { TK_TEST_BUILD: _hooks, ...env } = process.env;
  if (spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit', env }).status !== 0) process.exit(1);
}
mkdirSync(OUT, { recursive: true });

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

async function save(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file, clip: { x: 0, y: 0, ...size } });
  console.log(`  saved ${path.relative(ROOT, file)} (${size.width}×${size.height})`);
}

/** A page of our own making (composition of the images above), drawn at exactly `size`. */
async function composed(page: Page, size: { width: number; height: number }, body: string): Promise<void> {
  await page.setViewportSize(size);
  await page.setContent(`<!doctype html><html><head><style>
    html, body { margin: 0; width: ${size.width}px; height: ${size.height}px; overflow: hidden; }
    body { font-family: "GitLab Sans", "Noto Sans", "DejaVu Sans", system-ui, sans-serif; }
  </style></head><body>${body}</body></html>`);
  await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode())));
}

const standIn = await startGitLabComStandIn({ look: true });
const { context, extensionId, worker } = await launchChromium({ standInPort: standIn.port });
try {
  const page = await context.newPage();
  await page.setViewportSize(SCREENSHOT);
  await connectViaOptions(page, extensionId, GITLAB, standIn.token);
  await page.getByText(`Connected as @${standIn.user.username}`).first().waitFor();
  await page.locator('img.avatar, span.avatar').first().waitFor();
  await save(page, '3-options.png', SCREENSHOT);

  await page.goto(`${GITLAB}/acme/web/-/issues/1`);
  const widget = page.getByRole('region', { name: 'Time tracking' });
  await widget.getByText('1h 30m').waitFor();
  await widget.getByRole('button', { name: 'Start timer' }).click();
  await widget.getByRole('timer').waitFor();
  // Twenty-five minutes into the work, without waiting them out: the stored start time moves back.
  await backdateTimer(await worker(), 25);
  await page.waitForTimeout(1100);
  await page.mouse.move(0, 0);
  await save(page, '1-issue-page.png', SCREENSHOT);
  const issuePage = await page.screenshot({ clip: { x: 0, y: 0, ...SCREENSHOT } });
  const widgetShot = await widget.screenshot();

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 440, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('list', { name: 'Assigned issues' }).getByRole('listitem').first().waitFor();
  await popup.getByRole('region', { name: 'Running timer' }).waitFor();
  const popupShot = await popup.locator('.popup').screenshot();
  await popup.close();

  // The compositions are pages of their own, away from GitLab's pages and the extension's scripts.
  const canvas = await context.newPage();
  // The popup where Chrome opens it: under the toolbar's right end, over the page it was opened on.
  await composed(
    canvas,
    SCREENSHOT,
    `<img src="${dataUrl(issuePage)}" style="position:absolute; inset:0; width:100%; height:100%">
     <img src="${dataUrl(popupShot)}" style="position:absolute; top:8px; right:16px; border-radius:8px;
       box-shadow: 0 0 0 1px rgba(0,0,0,.12), 0 8px 28px rgba(0,0,0,.28); background:#fff">`,
  );
  await save(canvas, '2-popup.png', SCREENSHOT);

  const icon = readFileSync(path.join(ROOT, 'public/icon/128.png'));
  await composed(
    canvas,
    TILE,
    `<div style="position:absolute; inset:0; background:linear-gradient(135deg, #2b2a52, #4b3a8c); color:#fff;">
       <div style="position:absolute; left:24px; top:26px; display:flex; align-items:center; gap:14px;">
         <img src="${dataUrl(icon)}" width="56" height="56" alt="">
         <div>
           <div style="font-size:24px; font-weight:700; line-height:1.1;">Timekeeper</div>
           <div style="font-size:15px; opacity:.85;">for GitLab</div>
         </div>
       </div>
       <div style="position:absolute; left:24px; top:112px; width:180px; font-size:17px; line-height:1.35; font-weight:600;">
         One click to start, one to log the time in GitLab.
       </div>
       <div style="position:absolute; left:24px; bottom:22px; font-size:12px; opacity:.8;">gitlab.com and self-hosted</div>
       <img src="${dataUrl(widgetShot)}" style="position:absolute; right:18px; top:50%; transform:translateY(-50%);
         max-width:210px; max-height:236px; border-radius:6px; background:#fff; box-shadow:0 6px 20px rgba(0,0,0,.35);">
     </div>`,
  );
  await save(canvas, 'tile-440x280.png', TILE);
} finally {
  await context.close();
  await standIn.close();
}
process.exit(0);
