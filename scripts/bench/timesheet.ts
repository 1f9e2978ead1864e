/**
 * The Timesheet with a week of 1,000 time logs over three GitLab stand-ins (gitlab.com plus two
 * self-hosted), in Chromium with the built extension (a test build: the page marks when its
 * table is on screen, entrypoints/timesheet/main.tsx):
 *  - GraphQL requests per GitLab for the week (GitLab gives 100 logs a page);
 *  - the table on screen after GitLab's answer arrived (ms, medians over reopenings);
 *  - reopening: whether the table was painted from the kept answer before any answer arrived, and when;
 * and the popup (with Logged today) beside a blank extension page opened the same way: the first
 * list paint against the blank page's first paint, both Element Timing, medians, and their ratio.
 * The blank page is written into the benchmark's own build directory only.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startStandIn, type StandIn } from '../../tests/fake-gitlab/server';
import type { Timelog } from '../../tests/fake-gitlab/api';
import { connectViaOptions, elementPainted, launchChromium, startGitLabComStandIn } from '../../tests/e2e/support/chromium';
import { FIRST_ROW_TIMING } from '../../lib/popup/list-model';
import { median, round, sleep } from './stats';

export interface TimesheetResult {
  logs: number;
  /** Timesheet GraphQL requests per GitLab on the first (cold) open. */
  requestsPerInstance: Array<{ instance: string; logs: number; requests: number }>;
  /** From GitLab's answer arriving to the table on screen (ms; cold open, then medians of reopenings). */
  tablePaintAfterDataMs: { cold: number; median: number; samples: number[] };
  /** Reopening with a kept answer: painted from it before the background answered, in every reopening; when (ms after navigation, median). */
  fromCache: { everyTimeFirst: boolean; paintedMs: number; samples: number[] };
  popupVsBlank: { popupFirstListPaintMs: number; blankPageFirstPaintMs: number; ratio: number; opens: number };
}

const BLANK = 'bench-blank.html';
const BLANK_TIMING = 'tk-blank';

/** `count` of the user's logs in the minutes before `now`, on acme/web#1 and acme/web!1. */
function addWeekOfLogs(standIn: StandIn, count: number, now: number): void {
  const issue = standIn.issue('acme/web', 1)!;
  const mr = standIn.mergeRequest('acme/web', 1)!;
  for (let i = 0; i < count; i++) {
    // Within the last 35 minutes, so every log is in this week (unless run just after midnight).
    const at = new Date(now - 60_000 - i * 2_000).toISOString();
    const onMr = i % 4 === 0;
    const log: Timelog = { id: 100_000 + i, issueId: onMr ? mr.id : issue.id, mergeRequestId: onMr ? mr.id : null, userId: standIn.user.id, seconds: 60 * (1 + (i % 30)), summary: `Work ${i}`, at, spentAt: at, projectId: 1, iid: 1 };
    (standIn.timelogs as Timelog[]).push(log);
  }
}

/** The page's marks: when the table was on screen with the kept answer and with GitLab's (and when that arrived). */
async function paintMarks(page: Page): Promise<{ kept: number | null; gitlab: number | null; arrivedAt: number | null }> {
  await page.waitForFunction(() => performance.getEntriesByName('tk:timesheet-painted-gitlab').length > 0, undefined, { timeout: 60_000 });
  return page.evaluate(() => {
    const kept = performance.getEntriesByName('tk:timesheet-painted-kept')[0] as PerformanceMark | undefined;
    const gitlab = performance.getEntriesByName('tk:timesheet-painted-gitlab')[0] as PerformanceMark | undefined;
    return { kept: kept ? kept.startTime : null, gitlab: gitlab ? gitlab.startTime : null, arrivedAt: (gitlab?.detail as { arrivedAt: number | null } | undefined)?.arrivedAt ?? null };
  });
}

export async function benchTimesheet(opts: { buildDir: string; opens: number }): Promise<TimesheetResult> {
  writeFileSync(path.join(opts.buildDir, BLANK), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p elementtiming="${BLANK_TIMING}">blank</p></body></html>\n`);
  const com = await startGitLabComStandIn({ assignedIssueCount: 30 });
  const others: StandIn[] = [await startStandIn({ assignedIssueCount: 30 }), await startStandIn({ assignedIssueCount: 30 })];
  const all = [com, ...others];
  const now = Date.now();
  const counts = [334, 333, 333];
  all.forEach((s, i) => addWeekOfLogs(s, counts[i]!, now));
  const browser = await launchChromium({ standInPort: com.port, extensionPath: opts.buildDir });
  try {
    const page: Page = await browser.context.newPage();
    for (const [url, s] of [['https://gitlab.com', com], ...others.map((o) => [o.url, o] as const)] as const) {
      await connectViaOptions(page, browser.extensionId, url, s.token);
      await page.getByText('Connected as @demo').last().waitFor({ timeout: 30_000 });
    }
    await sleep(500);
    for (const s of all) s.requests.length = 0;

    const timesheetUrl = `chrome-extension://${browser.extensionId}/timesheet.html`;
    await page.goto(timesheetUrl);
    const cold = await paintMarks(page);
    await page.locator('.tk-ts-week-total').waitFor();
    const requestsPerInstance = all.map((s, i) => ({
      instance: s === com ? 'gitlab.com' : s.url,
      logs: counts[i]!,
      // A self-hosted GitLab's CORS preflights are the browser's, not requests of the page.
      requests: s.requests.filter((r) => r.method === 'GET' && r.path === '/api/graphql' && r.body.operationName === 'Timesheet').length,
    }));

    const afterData: number[] = [];
    const keptAt: number[] = [];
    let everyTimeFirst = true;
    for (let i = 0; i < opts.opens; i++) {
      await page.goto(timesheetUrl);
      const marks = await paintMarks(page);
      if (marks.gitlab !== null && marks.arrivedAt !== null) afterData.push(marks.gitlab - marks.arrivedAt);
      if (marks.kept === null || (marks.arrivedAt !== null && marks.kept > marks.arrivedAt)) everyTimeFirst = false;
      if (marks.kept !== null) keptAt.push(marks.kept);
    }

    // The popup (Logged today included) beside a blank extension page, each opened the same way.
    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
    await page.goto(popupUrl);
    await page.getByRole('heading', { name: /Assigned issues/ }).waitFor({ timeout: 30_000 });
    const popupPaints: number[] = [];
    const blankPaints: number[] = [];
    for (let i = 0; i < opts.opens; i++) {
      await page.goto(popupUrl);
      popupPaints.push(await page.evaluate(elementPainted, FIRST_ROW_TIMING));
      await sleep(200);
      await page.goto(`chrome-extension://${browser.extensionId}/${BLANK}`);
      blankPaints.push(await page.evaluate(elementPainted, BLANK_TIMING));
    }
    const popupMedian = median(popupPaints);
    const blankMedian = median(blankPaints);
    return {
      logs: counts.reduce((a, b) => a + b, 0),
      requestsPerInstance,
      tablePaintAfterDataMs: { cold: round(cold.gitlab !== null && cold.arrivedAt !== null ? cold.gitlab - cold.arrivedAt : NaN), median: round(median(afterData)), samples: afterData.map((x) => round(x)) },
      fromCache: { everyTimeFirst, paintedMs: round(median(keptAt)), samples: keptAt.map((x) => round(x)) },
      popupVsBlank: { popupFirstListPaintMs: popupMedian, blankPageFirstPaintMs: blankMedian, ratio: round(popupMedian / blankMedian, 2), opens: opts.opens },
    };
  } finally {
    await browser.context.close();
    await Promise.all(all.map((s) => s.close()));
  }
}
