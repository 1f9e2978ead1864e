/**
 * `npm run bench`: builds the extension into its own directory (TK_OUT_DIR, default
 * .output-bench) and measures it: bundle bytes beside the peers', and timings in headless
 * Chromium against the GitLab stand-in (medians and ratios over repeated runs in this one
 * process). Prints a table with pass/miss markers for the targets, and writes bench/results.json.
 * BENCHMARKS.md explains every figure. Timings are never asserted; byte budgets are, in `npm test`.
 *
 * Options: --no-build, --loads N (page loads per era, default 20), --only sizes|widget|busy|board|popup|worker|heap|timesheet (comma-separated).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ERAS, type EraName } from '../tests/fake-gitlab/server';
import { BUDGETS, measureBundles, PEERS, type BundleSize } from './bench/sizes';
import { openSession, GITLAB } from './bench/session';
import { machine, round } from './bench/stats';
import { widgetVisible, type VisibleResult } from './bench/widget-visible';
import { busyPage, contentHeap, type BusyResult, type HeapResult } from './bench/busy-page';
import { bigBoard } from './bench/board';
import { workerWake, type WorkerWakeResult } from './bench/worker-wake';
import { benchPopup, type PopupResult } from './bench/popup';
import { benchTimesheet, type TimesheetResult } from './bench/timesheet';

const ROOT = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const LOADS = Number(arg('loads') ?? 20);
const only = arg('only')?.split(',');
const wants = (section: string) => !only || only.includes(section);
const OUT_DIR = process.env.TK_OUT_DIR ?? '.output-bench';
const BUILD = path.resolve(ROOT, OUT_DIR, 'chrome-mv3');
const startedAt = Date.now();

if (!argv.includes('--no-build')) {
  console.log(`Building into ${OUT_DIR}/ …`);
  const built = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TK_OUT_DIR: OUT_DIR, TK_TEST_BUILD: '1' } });
  if (built.status !== 0) process.exit(1);
}

const host = machine();
const results: Record<string, unknown> = { ranAt: new Date().toISOString(), machine: host, loadsPerPage: LOADS };
interface Target { figure: string; value: number; unit: string; target: string; met: boolean }
const targets: Target[] = [];
const section = (title: string) => console.log(`\n${title}\n${'─'.repeat(title.length)}`);
const progress = (what: string) => process.stderr.write(`  … ${what}\n`);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

// ── Bytes ────────────────────────────────────────────────────────────────────────────────────
const sizes: BundleSize[] = measureBundles(BUILD);
results.sizes = sizes.map(({ key, what, files, raw, gzip, budget }) => ({ key, what, files, raw, gzip, budget, withinBudget: budget === null ? null : gzip <= budget }));
const ours = (key: BundleSize['key']) => sizes.find((s) => s.key === key)!.gzip;
const peers = PEERS.map((p) => {
  const issue = p.issuePage.js + p.issuePage.css;
  const other = p.otherPage.js + p.otherPage.css;
  return { name: p.name, issuePage: issue, otherPage: other, note: p.note, oursOverTheirsIssuePage: round(ours('issuePage') / issue, 3), oursOverTheirsOtherPage: round(ours('otherPage') / other, 3) };
});
results.peers = peers;

// ── Timings ──────────────────────────────────────────────────────────────────────────────────
const timings: Record<string, unknown> = {};
results.timings = timings;

if (wants('widget')) {
  progress(`widget time-to-visible, ${LOADS} loads per page`);
  const visible: VisibleResult[] = [];
  // The default stand-in (17.x) serves work item pages and, for acme/platform/infra, the legacy sidebar.
  const eraOrder: EraName[] = ['17.x', '16.x', '10.x', '8.16', '8.12', 'gitswarm'];
  for (const name of eraOrder) {
    const era = ERAS[name];
    const session = await openSession({ buildDir: BUILD, extension: true, standIn: { era: name, assignedIssueCount: 6 } });
    try {
      const issuePath = `/acme/web${era.oldIssueUrls ? '' : '/-'}/issues/1`;
      const template = era.pageTemplate ?? 'work-items-17.html';
      visible.push(await widgetVisible(session, `GitLab ${era.version} (${template})`, `${GITLAB}${issuePath}`, LOADS));
      // A merge request beside the issue (eras with time tracking; the stand-in plays mr-*.html).
      if (era.timeTracking) {
        const mergeRequestPath = `/acme/web${era.oldIssueUrls ? '' : '/-'}/merge_requests/1`;
        visible.push(await widgetVisible(session, `GitLab ${era.version} merge request`, `${GITLAB}${mergeRequestPath}`, LOADS));
      }
      progress(`${name} done`);
    } finally {
      await session.close();
    }
  }
  timings.widgetVisible = visible;
  const workItems = visible[0]!;
  targets.push({ figure: 'widget visible after DOMContentLoaded (median, 17.x work items)', value: workItems.visibleAfterDcl.median, unit: 'ms', target: '≤ 100 ms', met: workItems.visibleAfterDcl.median <= 100 });
  const worst = Math.max(...visible.map((v) => v.visibleAfterDcl.median));
  targets.push({ figure: 'widget visible after DOMContentLoaded (median, slowest era)', value: worst, unit: 'ms', target: '≤ 100 ms', met: worst <= 100 });
  // Time to visible as a share of the page's own DOMContentLoaded: the widget's cost relative to the page's.
  const ratio = round(Math.max(...visible.map((v) => v.visibleAfterDcl.median / v.dcl.median)), 2);
  targets.push({ figure: 'widget visible after DOMContentLoaded / page DOMContentLoaded (median, slowest era)', value: ratio, unit: '×', target: '≤ 0.5', met: ratio <= 0.5 });
  const perView = Math.max(...visible.map((v) => v.requestsPerView));
  targets.push({ figure: 'API requests per issue or merge request view (most of any era)', value: perView, unit: 'requests', target: '≤ 1', met: perView <= 1 });
}

if (wants('board')) {
  progress('2,000-card board: 100 card changes, with and without the extension');
  const withExt = await openSession({ buildDir: BUILD, extension: true });
  const plain = await openSession({ buildDir: BUILD, extension: false });
  try {
    const board = await bigBoard(withExt, plain, 7);
    timings.board = board;
    section('2,000-card board, 100 card changes (medians; with minus without the extension)');
    console.log(`added scripting ${board.scriptMs.added} ms (with ${board.scriptMs.with}, without ${board.scriptMs.without}); added main-thread time ${board.taskMs.added} ms (with ${board.taskMs.with}, without ${board.taskMs.without})`);
    console.log(`API requests for the time badges per page view: ${board.apiRequestsPerView}; for the cards the changes added: ${board.apiRequestsForChanges}; controls ${board.controls} on ${board.cardsAfter} cards`);
    targets.push({ figure: 'added scripting time, 100 card changes on a 2,000-card board (median)', value: board.scriptMs.added, unit: 'ms', target: '< 5 ms', met: board.scriptMs.added < 5 });
    targets.push({ figure: 'API requests per page view of a 2,000-card board (time badges)', value: board.apiRequestsPerView, unit: 'requests', target: '≤ 1', met: board.apiRequestsPerView <= 1 });
    targets.push({ figure: 'API requests for the time badges of the cards 100 changes added (2,000-card board)', value: board.apiRequestsForChanges, unit: 'requests', target: '≤ 1', met: board.apiRequestsForChanges <= 1 });
    targets.push({ figure: 'one control per card after 100 card changes (2,000-card board)', value: board.controls === board.cardsAfter ? 1 : 0, unit: '(1 = yes)', target: '= 1', met: board.controls === board.cardsAfter });
  } finally {
    await withExt.close();
    await plain.close();
  }
}

if (wants('busy') || wants('heap') || wants('worker')) {
  const withExt = await openSession({ buildDir: BUILD, extension: true });
  const plain = await openSession({ buildDir: BUILD, extension: false });
  try {
    if (wants('busy')) {
      progress('2,000-comment issue: 100 mutations and load, with and without the extension');
      const busy = await busyPage(withExt, plain, 9);
      timings.busyPage = busy;
      targets.push({ figure: 'added scripting time, 100 mutations on a 2,000-comment issue (median)', value: busy.scriptMs.added, unit: 'ms', target: '< 5 ms', met: busy.scriptMs.added < 5 });
    }
    if (wants('heap')) {
      progress('content script heap');
      timings.contentHeap = await contentHeap(withExt, plain, 5);
    }
    if (wants('worker')) {
      progress('clicks with the service worker stopped; requests per timer stop');
      const wake = await workerWake(withExt, 7);
      timings.workerWake = wake;
    }
  } finally {
    await withExt.close();
    await plain.close();
  }
}

if (wants('popup')) {
  progress('popup with 1,000 issues and 500 merge requests on three GitLabs');
  const popup = await benchPopup({ buildDir: BUILD, opens: 7 });
  timings.popup = popup;
  progress('popup with the 1,000 issues alone, for comparison');
  timings.popupIssuesAlone = await benchPopup({ buildDir: BUILD, opens: 7, mergeRequests: false });
  targets.push({ figure: 'popup first list paint from cache, 1,000 issues and 500 merge requests (median, worker awake)', value: popup.cachedFirstListPaintMs.workerAwake, unit: 'ms', target: '≤ 100 ms', met: popup.cachedFirstListPaintMs.workerAwake <= 100 });
  const mostCold = Math.max(...popup.cold.requestsPerInstance.map((r) => r.total));
  targets.push({ figure: 'cold popup load, requests per instance (most of any)', value: mostCold, unit: 'requests', target: '≤ 10', met: mostCold <= 10 });
}

if (wants('timesheet')) {
  progress('Timesheet with 1,000 time logs on three GitLabs; the popup beside a blank extension page');
  const ts = await benchTimesheet({ buildDir: BUILD, opens: 7 });
  timings.timesheet = ts;
  targets.push({ figure: 'Timesheet table on screen after the data (median of reopenings), 1,000 logs', value: ts.tablePaintAfterDataMs.median, unit: 'ms', target: '≤ 150 ms', met: ts.tablePaintAfterDataMs.median <= 150 });
  const worstRequests = Math.max(...ts.requestsPerInstance.map((r) => r.requests - Math.ceil(r.logs / 100)));
  targets.push({ figure: 'Timesheet GraphQL requests beyond one per 100 logs (most of any GitLab)', value: worstRequests, unit: 'requests', target: '≤ 0', met: worstRequests <= 0 });
  targets.push({ figure: 'Timesheet reopened: painted from the kept answer before any answer, every time', value: ts.fromCache.everyTimeFirst ? 1 : 0, unit: '(1 = yes)', target: '= 1', met: ts.fromCache.everyTimeFirst });
  targets.push({ figure: 'popup first list paint / blank extension page first paint (medians)', value: ts.popupVsBlank.ratio, unit: '×', target: '≤ 1.25', met: ts.popupVsBlank.ratio <= 1.25 });
  targets.push({ figure: 'timesheet page JavaScript, gzipped', value: ours('timesheetJs'), unit: 'B', target: '≤ 30 KB', met: ours('timesheetJs') <= 30 * 1024 });
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────
results.targets = targets;
results.durationSeconds = Math.round((Date.now() - startedAt) / 1000);

console.log(`\nTimekeeper for GitLab benchmark, ${results.ranAt as string}`);
console.log(`Machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB; load average at start ${host.loadAverageAtStart.join(' ')}; ${host.os}`);
console.log(`Browser: ${host.browser}; Node ${host.node}`);

section('Bytes (Chrome build; gzipped level 9, each file on its own)');
console.log(`${'bundle'.padEnd(40)} ${'gzipped'.padStart(9)} ${'raw'.padStart(9)}  budget`);
for (const s of sizes) {
  const budget = s.budget === null ? '' : `${s.gzip <= s.budget ? '✓' : '✗'} ≤ ${kb(s.budget)}`;
  console.log(`${s.what.padEnd(40)} ${String(s.gzip).padStart(9)} ${String(s.raw).padStart(9)}  ${budget}`);
}

console.log(`targets: item page before More ≤ ${kb(BUDGETS.issuePage)}, any other GitLab page ≤ ${kb(BUDGETS.otherPage)}; opening More time tracking loads ${ours('formsOnOpening')} B more`);

section('Injected bytes beside the peers (gzipped JS + CSS; ratio = ours / theirs; ours on an item page before More time tracking opens)');
console.log(`${'extension'.padEnd(30)} ${'issue page'.padStart(11)} ${'ratio'.padStart(7)} ${'other page'.padStart(11)} ${'ratio'.padStart(7)}`);
console.log(`${'Timekeeper (this build)'.padEnd(30)} ${String(ours('issuePage')).padStart(11)} ${''.padStart(7)} ${String(ours('otherPage')).padStart(11)}`);
for (const p of peers) {
  console.log(`${p.name.padEnd(30)} ${String(p.issuePage).padStart(11)} ${p.oursOverTheirsIssuePage.toFixed(3).padStart(7)} ${String(p.otherPage).padStart(11)} ${p.oursOverTheirsOtherPage.toFixed(3).padStart(7)}   ${p.note}`);
}

if (timings.widgetVisible) {
  section(`Widget time-to-visible (${LOADS} loads each; ms after the page's DOMContentLoaded; median / p95)`);
  console.log(`${'page'.padEnd(44)} ${'visible'.padStart(13)} ${'numbers'.padStart(13)} ${'page DCL'.padStart(13)} ${'visible/DCL'.padStart(12)} ${'req/view'.padStart(9)}`);
  for (const v of timings.widgetVisible as VisibleResult[]) {
    const f = (s: { median: number; p95: number }) => `${s.median} / ${s.p95}`.padStart(13);
    console.log(`${v.page.padEnd(44)} ${f(v.visibleAfterDcl)} ${f(v.numbersAfterDcl)} ${f(v.dcl)} ${(v.visibleAfterDcl.median / v.dcl.median).toFixed(2).padStart(12)} ${String(v.requestsPerView).padStart(9)}`);
  }
}

if (timings.busyPage) {
  const b = timings.busyPage as BusyResult;
  section(`A 2,000-comment issue, with versus without the extension (medians of ${b.runs} runs)`);
  console.log(`scripting while ${b.mutations} comments are appended: ${b.scriptMs.with} ms with, ${b.scriptMs.without} ms without: ${b.scriptMs.added} ms added`);
  console.log(`main-thread tasks meanwhile:                  ${b.taskMs.with} ms with, ${b.taskMs.without} ms without: ${b.taskMs.added} ms added`);
  console.log(`page load (loadEventEnd):                     ${b.loadMs.with} ms with, ${b.loadMs.without} ms without: ratio ${b.loadMs.ratio}`);
}
if (timings.contentHeap) {
  const h = timings.contentHeap as HeapResult;
  section(`Content scripts' JS heap on an issue page (after GC; medians of ${h.runs})`);
  console.log(`page heap ${h.usedBytes.with} B with the extension, ${h.usedBytes.without} B without: ${h.usedBytes.added} B (${kb(h.usedBytes.added)}) added`);
}
if (timings.workerWake) {
  const w = timings.workerWake as WorkerWakeResult;
  section(`Widget clicks with the service worker stopped (medians of ${w.runs}; ms from the click to the widget's answer)`);
  console.log(`Start timer, worker stopped: ${w.startAfterStoppedWorkerMs} ms   (worker awake: ${w.startWorkerAwakeMs} ms)`);
  console.log(`Stop timer, worker stopped:  ${w.stopAfterStoppedWorkerMs} ms`);
  console.log(`API requests per timer stop: ${w.requestsPerTimerStop}  (${w.requestsSeen.join(', ')})`);
}
if (timings.popup) {
  const p = timings.popup as PopupResult;
  section(`Popup, ${p.issues} assigned issues and ${p.mergeRequests} merge requests on three GitLabs`);
  console.log(`first list paint from cache: ${p.cachedFirstListPaintMs.workerAwake} ms (worker awake), ${p.cachedFirstListPaintMs.workerStopped} ms (worker stopped), medians of ${p.cachedFirstListPaintMs.samplesAwake.length}; the popup's script starts at ${p.scriptStartMs} ms, its first render is done at ${p.firstRenderMs} ms`);
  console.log(`beside a blank extension page opened alternately: ${p.vsBlank.popupMs} ms / ${p.vsBlank.blankMs} ms = ${p.vsBlank.ratio}`);
  console.log(`cold load: first list paint ${p.cold.firstListPaintMs} ms, all 1,000 listed after ${p.cold.allListedMs} ms`);
  for (const r of p.cold.requestsPerInstance) {
    console.log(`  cold requests to ${r.instance}: ${r.total} (${r.listQueries} GraphQL list pages, ${r.issuePages} REST issue pages, ${r.todos} to-dos, ${r.preflights} CORS preflights, ${r.other} other${r.other ? `: ${r.otherPaths.join(', ')}` : ''})`);
  }
  console.log(`API requests per popup open (cached): ${p.requestsPerOpen}`);
  const alone = timings.popupIssuesAlone as PopupResult | undefined;
  if (alone) console.log(`first list paint from cache beside the issues alone (no generated merge requests): ${p.cachedFirstListPaintMs.workerAwake} ms with them, ${alone.cachedFirstListPaintMs.workerAwake} ms without (worker awake, medians; blank page ${p.vsBlank.blankMs} / ${alone.vsBlank.blankMs} ms)`);
  console.log(`scrolling the whole list: ${p.scrolling.frames} frames, median ${p.scrolling.medianMs} ms, worst ${p.scrolling.worstMs} ms`);
}

if (timings.timesheet) {
  const t = timings.timesheet as TimesheetResult;
  section(`Timesheet, ${t.logs} time logs this week on three GitLabs`);
  for (const r of t.requestsPerInstance) console.log(`  GraphQL requests to ${r.instance}: ${r.requests} for ${r.logs} logs`);
  console.log(`table on screen after GitLab's answer: ${t.tablePaintAfterDataMs.cold} ms (first open), ${t.tablePaintAfterDataMs.median} ms (median of ${t.tablePaintAfterDataMs.samples.length} reopenings)`);
  console.log(`reopening: painted from the kept answer at ${t.fromCache.paintedMs} ms after navigation (median), before any answer every time: ${t.fromCache.everyTimeFirst ? 'yes' : 'no'}`);
  const p = t.popupVsBlank;
  console.log(`popup first list paint ${p.popupFirstListPaintMs} ms, blank extension page ${p.blankPageFirstPaintMs} ms (medians of ${p.opens}): ratio ${p.ratio}`);
}

section('Targets (printed, never asserted)');
for (const t of targets) console.log(`${t.met ? '✓ pass' : '✗ miss'}  ${t.figure}: ${t.value} ${t.unit} (target ${t.target})`);
console.log(`\nRun took ${results.durationSeconds as number} s.`);

mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('Wrote bench/results.json');
