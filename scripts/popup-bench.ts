/**
 * Popup speed, measured (not a test: timings vary by machine). 1,000 assigned issues across three
 * GitLab stand-ins (gitlab.com plus two self-hosted), in Chromium with the built extension:
 *  - requests per instance for a cold load,
 *  - first list paint (the popup's `tk:list-painted` mark, ms after navigation) cold, then from
 *    the cache with the service worker awake and stopped,
 *  - frame times while scrolling the whole list.
 * Usage: `npx wxt build && npx tsx scripts/popup-bench.ts` (honours TK_OUT_DIR; `--shot file.png`).
 */
import { startStandIn, type StandIn } from '../tests/fake-gitlab/server';
import { connectViaOptions, launchChromium, startGitLabComStandIn } from '../tests/e2e/support/chromium';

const shotAt = process.argv.includes('--shot') ? process.argv[process.argv.indexOf('--shot') + 1] : undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const com = await startGitLabComStandIn({ assignedIssueCount: 334 });
const others: StandIn[] = [await startStandIn({ assignedIssueCount: 333 }), await startStandIn({ assignedIssueCount: 333 })];
const browser = await launchChromium({ standInPort: com.port });
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 440, height: 600 });
  for (const [url, s] of [['https://gitlab.com', com], ...others.map((o) => [o.url, o] as const)] as const) {
    await connectViaOptions(page, browser.extensionId, url, s.token);
    await page.getByText('Connected as @demo').last().waitFor();
  }
  for (const s of [com, ...others]) s.requests.length = 0;

  const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
  const open = async () => {
    await page.goto(popupUrl);
    await page.waitForFunction(() => performance.getEntriesByName('tk:list-painted').length > 0, undefined, { timeout: 30_000 });
    return page.evaluate(() => Math.round(performance.getEntriesByName('tk:list-painted')[0]!.startTime));
  };
  const loaded = () => page.getByRole('heading', { name: /Assigned issues/ }).filter({ hasText: '(1000)' }).waitFor({ timeout: 30_000 });

  const started = Date.now();
  const coldPaint = await open();
  await loaded();
  const coldDone = Date.now() - started;
  const perInstance = [com, ...others].map((s) => ({
    instance: s === com ? 'gitlab.com' : s.url,
    issuePages: s.requests.filter((r) => r.method === 'GET' && r.path === '/api/v4/issues').length,
    todos: s.requests.filter((r) => r.method === 'GET' && r.path === '/api/v4/todos').length,
    preflights: s.requests.filter((r) => r.method === 'OPTIONS').length,
  }));

  const awake: number[] = [];
  for (let i = 0; i < 5; i++) awake.push(await open());
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const asleep: number[] = [];
  for (let i = 0; i < 5; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    asleep.push(await open());
  }

  await loaded();
  const frames = await page.getByRole('list', { name: 'Assigned issues' }).evaluate(async (list) => {
    let scroller = list.parentElement!;
    while (getComputedStyle(scroller).overflowY !== 'auto') scroller = scroller.parentElement!;
    const times: number[] = [];
    let last = performance.now();
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      scroller.scrollTop += 120;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  });
  if (shotAt) {
    await page.goto(popupUrl);
    await loaded();
    await page.screenshot({ path: shotAt });
  }

  console.log('Cold load, requests per instance:');
  console.table(perInstance);
  console.log(`first list paint, cold (after fetching):      ${coldPaint} ms; all 1,000 listed after ${coldDone} ms`);
  console.log(`first list paint from cache, worker awake:    median ${median(awake)} ms  (${awake.join(', ')})`);
  console.log(`first list paint from cache, worker stopped:  median ${median(asleep)} ms  (${asleep.join(', ')})`);
  console.log(`scrolling ${frames.length} frames: median ${median(frames).toFixed(1)} ms, worst ${Math.max(...frames).toFixed(1)} ms`);
} finally {
  await browser.context.close();
  await Promise.all([com, ...others].map((s) => s.close()));
}
