/**
 * Popup speed with 1,000 assigned issues and 500 open merge requests (half assigned, half waiting
 * for review) across three GitLab stand-ins (gitlab.com plus two self-hosted), in Chromium with
 * the built extension (moved here from scripts/popup-bench.ts):
 *  - the cold load (empty cache): requests per instance (GraphQL list pages, REST issue pages,
 *    to-dos, CORS preflights, other), first list paint and all 1,000 listed;
 *  - first list paint from the cache: when the first row's title was painted (Element Timing,
 *    ms after navigation), with the service worker awake and stopped, medians;
 *  - API requests per (cached) popup open, over all three instances;
 *  - frame times while scrolling the whole list.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startStandIn, type StandIn } from '../../tests/fake-gitlab/server';
import { CHROME_BUILD, connectViaOptions, elementPainted, launchChromium, startGitLabComStandIn } from '../../tests/e2e/support/chromium';
import { FIRST_ROW_TIMING } from '../../lib/popup/list-model';
import { median, round, sleep } from './stats';

export interface PopupResult {
  issues: number;
  mergeRequests: number;
  cold: {
    firstListPaintMs: number;
    allListedMs: number;
    requestsPerInstance: Array<{ instance: string; total: number; listQueries: number; issuePages: number; todos: number; preflights: number; other: number; otherPaths: string[] }>;
  };
  cachedFirstListPaintMs: { workerAwake: number; workerStopped: number; samplesAwake: number[]; samplesStopped: number[] };
  /** When the popup's own script started running (median, cached opens): the time before it is the browser's. */
  scriptStartMs: number;
  /** When its first render was done (median, cached opens): from there to the paint is style, layout and the frame. */
  firstRenderMs: number;
  /** The cached opens (worker awake) beside a blank extension page opened the same way, alternately: medians and ratio. */
  vsBlank: { popupMs: number; blankMs: number; ratio: number; samplesBlank: number[] };
  requestsPerOpen: number;
  scrolling: { frames: number; medianMs: number; worstMs: number };
}

const BLANK = 'bench-blank.html';
const BLANK_TIMING = 'tk-blank';

/** `mergeRequests: false`: the issues alone, no merge request but the stand-ins' three fixed ones each (issue #15 wants both side by side). */
export async function benchPopup(opts: { buildDir?: string; opens: number; shot?: string; mergeRequests?: boolean }): Promise<PopupResult> {
  const withMrs = opts.mergeRequests ?? true;
  // The blank page of scripts/bench/timesheet.ts: written into the benchmark's build only.
  writeFileSync(path.join(opts.buildDir ?? CHROME_BUILD, BLANK), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p elementtiming="${BLANK_TIMING}">blank</p></body></html>\n`);
  const mrs = (n: number) => (withMrs ? n : 0);
  const com = await startGitLabComStandIn({ assignedIssueCount: 334, mergeRequestCount: mrs(167) });
  const others: StandIn[] = [await startStandIn({ assignedIssueCount: 333, mergeRequestCount: mrs(167) }), await startStandIn({ assignedIssueCount: 333, mergeRequestCount: mrs(166) })];
  const all = [com, ...others];
  const browser = await launchChromium({ standInPort: com.port, extensionPath: opts.buildDir });
  try {
    const page: Page = await browser.context.newPage();
    await page.setViewportSize({ width: 440, height: 600 });
    for (const [url, s] of [['https://gitlab.com', com], ...others.map((o) => [o.url, o] as const)] as const) {
      await connectViaOptions(page, browser.extensionId, url, s.token);
      await page.getByText('Connected as @demo').last().waitFor({ timeout: 30_000 });
    }
    await sleep(500);
    for (const s of all) s.requests.length = 0;

    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
    const scriptStarts: number[] = [];
    const renders: number[] = [];
    const open = async () => {
      await page.goto(popupUrl);
      const painted = await page.evaluate(elementPainted, FIRST_ROW_TIMING);
      const marks = await page.evaluate(() => ['tk:popup-script', 'tk:popup-rendered'].map((name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN)));
      scriptStarts.push(marks[0]!);
      renders.push(marks[1]!);
      return painted;
    };
    const loaded = () => page.getByRole('heading', { name: /Assigned issues/ }).filter({ hasText: '(1000)' }).waitFor({ timeout: 30_000 });

    const started = Date.now();
    const coldPaint = await open();
    await loaded();
    const coldDone = Date.now() - started;
    await sleep(500);
    const requestsPerInstance = all.map((s) => {
      type R = (typeof s.requests)[number];
      const kinds: Record<'listQueries' | 'issuePages' | 'todos' | 'preflights', (r: R) => boolean> = {
        listQueries: (r) => r.method === 'POST' && r.path === '/api/graphql' && r.body.operationName === 'PopupLists',
        issuePages: (r) => r.method === 'GET' && /\/api\/v[34]\/issues$/.test(r.path),
        todos: (r) => r.method === 'GET' && /\/todos$/.test(r.path),
        preflights: (r) => r.method === 'OPTIONS',
      };
      const count = (k: keyof typeof kinds) => s.requests.filter(kinds[k]).length;
      const otherPaths = s.requests.filter((r) => !Object.values(kinds).some((is) => is(r))).map((r) => `${r.method} ${r.path}`);
      return { instance: s === com ? 'gitlab.com' : s.url, total: s.requests.length, listQueries: count('listQueries'), issuePages: count('issuePages'), todos: count('todos'), preflights: count('preflights'), other: otherPaths.length, otherPaths };
    });

    scriptStarts.length = 0;
    renders.length = 0;
    const before = all.reduce((n, s) => n + s.requests.length, 0);
    const awake: number[] = [];
    const blank: number[] = [];
    for (let i = 0; i < opts.opens; i++) {
      awake.push(await open());
      await sleep(300); // a refresh the open starts lands in the count
      await page.goto(`chrome-extension://${browser.extensionId}/${BLANK}`);
      blank.push(await page.evaluate(elementPainted, BLANK_TIMING));
      await sleep(200);
    }
    const requestsPerOpen = (all.reduce((n, s) => n + s.requests.length, 0) - before) / opts.opens;

    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const asleep: number[] = [];
    for (let i = 0; i < opts.opens; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await sleep(200);
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
    if (opts.shot) {
      await page.goto(popupUrl);
      await loaded();
      await page.screenshot({ path: opts.shot });
    }
    return {
      issues: 1000,
      mergeRequests: withMrs ? 500 : 0,
      cold: { firstListPaintMs: coldPaint, allListedMs: coldDone, requestsPerInstance },
      cachedFirstListPaintMs: { workerAwake: median(awake), workerStopped: median(asleep), samplesAwake: awake, samplesStopped: asleep },
      scriptStartMs: median(scriptStarts),
      firstRenderMs: median(renders),
      vsBlank: { popupMs: median(awake), blankMs: median(blank), ratio: round(median(awake) / median(blank), 2), samplesBlank: blank },
      requestsPerOpen: round(requestsPerOpen, 2),
      scrolling: { frames: frames.length, medianMs: round(median(frames)), worstMs: round(Math.max(...frames)) },
    };
  } finally {
    await browser.context.close();
    await Promise.all(all.map((s) => s.close()));
  }
}
