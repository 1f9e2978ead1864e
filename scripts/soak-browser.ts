/**
 * `npm run soak:browser`: at least 200 random timer and time-log operations against the GitLab stand-in,
 * in real Chromium with the built extension, while GitLab fails at random (500s, 429s, dropped
 * connections before and after applying, latency), the service worker is stopped at random, and a
 * colleague logs and deletes time on the same issues (often the very amount the user just logged,
 * at that moment). Then it lets the outbox drain and compares what was asked for with what GitLab
 * recorded as the user's: logs requested, landed, lost and duplicated, and colleague logs altered.
 * All three must be 0.
 *
 * Options: --ops N (default 240), --seed N (default 1), --no-build.
 */
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import type { FaultMode } from '../tests/fake-gitlab/server';
import { connectViaOptions, launchChromium, ROOT, startGitLabComStandIn } from '../tests/e2e/support/chromium';
import { mulberry32 } from '../tests/support/random';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const OPS = opt('ops', 240);
// The same seed replays the same run.
const random = mulberry32(opt('seed', 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const GITLAB = 'https://gitlab.com';
// The colleague talks to the local stand-in, whose certificate is its own (the browser is told to trust it).
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

if (!argv.includes('--no-build') && spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TK_TEST_BUILD: '1' } }).status !== 0) process.exit(1);

const standIn = await startGitLabComStandIn();
const browser = await launchChromium({ standInPort: standIn.port });
const page = await browser.context.newPage();
await connectViaOptions(page, browser.extensionId, GITLAB, standIn.token);
await page.getByText('Connected as @demo').first().waitFor();
await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
const cdp = await browser.context.newCDPSession(page);
await cdp.send('ServiceWorker.enable');

const ISSUES = [
  { projectPath: 'acme/web', iid: 1, id: 1001 },
  { projectPath: 'acme/web', iid: 2, id: 1002 },
  { projectPath: 'acme/api', iid: 1, id: 2001 },
  { projectPath: 'acme/api', iid: 2, id: 2002 },
  { projectPath: 'acme/platform/infra', iid: 1, id: 3001 },
];
const idOf = (p: { projectPath: string; iid: number }) => ISSUES.find((i) => i.projectPath === p.projectPath && i.iid === p.iid)!.id;
const baseline = new Map(ISSUES.map((i) => [i.id, standIn.issue(i.projectPath, i.iid)!.time_stats.total_time_spent]));
const item = (i: { projectPath: string; iid: number }) => ({ instanceId: GITLAB, projectPath: i.projectPath, kind: 'issue', iid: i.iid });

/** The colleague (the stand-in's second user) acts through GitLab's own API with their own token. */
const colleagueLogs: Array<{ issueId: number; seconds: number }> = [];
async function colleague(path: string, body: Record<string, unknown>): Promise<Response | null> {
  // The faults hit the colleague too: what happened is read from GitLab's own records below.
  return fetch(`${standIn.url}/api/${path}`, {
    method: 'POST',
    headers: { 'PRIVATE-TOKEN': standIn.colleagueToken, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => null);
}
const colleagueCount = () => standIn.timelogs.filter((t) => t.userId === standIn.colleague.id).length;
async function colleagueLogs_(issue: (typeof ISSUES)[number], seconds: number): Promise<void> {
  const before = colleagueCount();
  await colleague(`v4/projects/${encodeURIComponent(issue.projectPath)}/issues/${issue.iid}/add_spent_time`, { duration: `${seconds / 60}m` });
  if (colleagueCount() > before) colleagueLogs.push({ issueId: issue.id, seconds });
}
/** The colleague deletes one of their own time logs (GraphQL timelogDelete, as the author). */
async function colleagueDeletes(): Promise<void> {
  const own = standIn.timelogs.filter((t) => t.userId === standIn.colleague.id && t.seconds > 0);
  const victim = own.length ? pick(own) : null;
  if (!victim) return;
  await colleague('graphql', {
    query: 'mutation D($id: TimelogID!) { timelogDelete(input: { id: $id }) { timelog { id } errors } }',
    variables: { id: `gid://gitlab/Timelog/${victim.id}` },
  });
  if (!standIn.timelogs.some((t) => t.id === victim.id)) {
    const at = colleagueLogs.findIndex((c) => c.issueId === victim.issueId && c.seconds === victim.seconds);
    if (at >= 0) colleagueLogs.splice(at, 1);
  }
}

/** Sends a message the way the extension's own pages do (@webext-core/messaging's wire format). */
async function send(p: Page, type: string, data?: unknown): Promise<any> {
  return p.evaluate(
    async ([type, data]) => {
      const chrome = (globalThis as any).chrome;
      const reply = await chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() });
      return reply?.res ?? { ok: false, error: reply?.err?.message ?? 'no answer' };
    },
    [type, data] as const,
  );
}
async function storageGet(p: Page, key: string): Promise<any> {
  return p.evaluate(async (k) => (await (globalThis as any).chrome.storage.local.get(k))[k], key);
}
async function backdate(p: Page, minutes: number): Promise<void> {
  await p.evaluate(async (ms) => {
    const chrome = (globalThis as any).chrome;
    const { timer } = await chrome.storage.local.get('timer');
    if (!timer) return;
    if (timer.runningSince !== null) timer.runningSince -= ms;
    timer.startedAt -= ms;
    timer.segments = timer.segments.map((s: { start: number; end: number }) => ({ start: s.start - ms, end: s.end - ms }));
    await chrome.storage.local.set({ timer });
  }, minutes * 60_000);
}

const expected: Array<{ issueId: number; seconds: number }> = [];
const counts = { ops: 0, workerStops: 0, faults: 0, refusedByDesign: 0, colleagueLogs: 0, colleagueDeletes: 0 };
const FAULTS: Array<() => FaultMode> = [
  () => ({ kind: 'status', status: pick([500, 502, 503]), times: 1 + Math.floor(random() * 2) }),
  () => ({ kind: 'rate-limit', retryAfterSeconds: 1 + Math.floor(random() * 2), times: 1 }),
  () => ({ kind: 'drop-before', times: 1 }),
  () => ({ kind: 'drop-after', times: 1 }),
  () => ({ kind: 'latency', ms: 50 + Math.floor(random() * 300), times: 1 }),
];

for (let n = 0; n < OPS; n++) {
  counts.ops++;
  if (random() < 0.3) {
    const issue = pick(ISSUES);
    const path = random() < 0.8 ? `/api/v4/projects/${encodeURIComponent(issue.projectPath)}/issues/${issue.iid}/add_spent_time` : `/api/v4/projects/${encodeURIComponent(issue.projectPath)}/issues/${issue.iid}/time_stats`;
    standIn.fail(path.endsWith('time_stats') ? 'GET' : 'POST', path, pick(FAULTS)());
    counts.faults++;
  }
  if (random() < 0.12) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    counts.workerStops++;
  }
  const roll = random();
  const issue = pick(ISSUES);
  if (random() < 0.2) {
    // The colleague logs on the same issues: a random amount, or deletes one of theirs.
    if (random() < 0.75) {
      await colleagueLogs_(issue, (1 + Math.floor(random() * 90)) * 60);
      counts.colleagueLogs++;
    } else {
      await colleagueDeletes();
      counts.colleagueDeletes++;
    }
  }
  if (roll < 0.3) {
    const result = await send(page, 'startTimer', { target: { item: item(issue) } });
    if (result.ok && result.switched) expected.push({ issueId: idOf(result.switched.item), seconds: result.switched.seconds });
    if (result.ok) await backdate(page, 1 + Math.floor(random() * 50));
  } else if (roll < 0.55) {
    const running = await storageGet(page, 'timer');
    const result = await send(page, 'stopTimer');
    if (result.ok) expected.push({ issueId: idOf(running.item), seconds: result.log.seconds });
    else if (/discard it|again to log/.test(result.error ?? '')) {
      counts.refusedByDesign++;
      await send(page, 'discardTimer');
    }
  } else if (roll < 0.65) {
    await send(page, 'pauseTimer');
    await backdate(page, Math.floor(random() * 10));
  } else if (roll < 0.75) {
    await send(page, 'resumeTimer');
  } else if (roll < 0.95) {
    const minutes = 1 + Math.floor(random() * 90);
    // Half the time the colleague logs the very same amount at the same moment.
    const same = random() < 0.5 ? colleagueLogs_(issue, minutes * 60).then(() => counts.colleagueLogs++) : null;
    const result = await send(page, 'logTime', { target: { item: item(issue) }, seconds: minutes * 60 });
    await same;
    if (result.ok) expected.push({ issueId: issue.id, seconds: minutes * 60 });
  } else {
    await send(page, 'discardTimer');
  }
}

// Let the outbox drain: no more faults, and "Send now" (the popup's button) instead of waiting
// out each backoff. A log left in flight by a stopped worker still waits to settle.
standIn.clearFaults();
const lastTimer = await storageGet(page, 'timer');
const stoppedTimer = await send(page, 'stopTimer');
if (stoppedTimer.ok) expected.push({ issueId: idOf(lastTimer.item), seconds: stoppedTimer.log.seconds });
for (let i = 0; i < 90; i++) {
  const outbox: Array<{ status: string }> = (await storageGet(page, 'outbox')) ?? [];
  if (outbox.length === 0) break;
  await send(page, 'sendPendingNow');
  await page.waitForTimeout(1000);
}
const leftover: Array<{ status: string; lastError?: string }> = (await storageGet(page, 'outbox')) ?? [];

// Compare as multisets of (issue, seconds): what was asked for against what GitLab holds.
const key = (e: { issueId: number; seconds: number }) => `${e.issueId}:${e.seconds}`;
const isCorrection = (t: { summary: string | null }) => t.summary?.startsWith('Correction:') ?? false;
const mine = standIn.timelogs.filter((t) => t.userId !== standIn.colleague.id);
const landedPool = new Map<string, number>();
for (const t of mine.filter((t) => !isCorrection(t))) landedPool.set(key(t), (landedPool.get(key(t)) ?? 0) + 1);
const corrections = mine.filter(isCorrection);
// The colleague's logs as GitLab holds them must be exactly what they logged and did not delete.
const theirs = (list: Array<{ issueId: number; seconds: number }>) => list.map(key).sort().join(',');
const colleagueNow = standIn.timelogs.filter((t) => t.userId === standIn.colleague.id);
const colleagueAltered = theirs(colleagueNow) === theirs(colleagueLogs) ? 0 : Math.max(1, Math.abs(colleagueNow.length - colleagueLogs.length));
let lost = 0;
const lostEntries: string[] = [];
for (const e of expected) {
  const left = landedPool.get(key(e)) ?? 0;
  if (left > 0) landedPool.set(key(e), left - 1);
  else {
    lost++;
    lostEntries.push(key(e));
  }
}
if (process.env.SOAK_DEBUG) {
  console.log('unmatched requested', lostEntries, 'unmatched landed', [...landedPool].filter(([, v]) => v > 0));
  for (const i of ISSUES) {
    console.log(i.id, 'expected', expected.filter((e) => e.issueId === i.id).map((e) => e.seconds / 60).join(','));
    console.log(i.id, 'landed  ', standIn.timelogs.filter((t) => t.issueId === i.id).map((t) => t.seconds / 60).join(','));
  }
  console.log(standIn.requests.filter((r) => r.status === 0 || r.status >= 400).length, 'failed requests');
  const t0 = standIn.requests[0]?.at ?? 0;
  for (const r of standIn.requests.filter((r) => r.path.includes(process.env.SOAK_PATH ?? 'acme%2Fweb/issues/1/') || r.path.includes('graphql'))) {
    console.log(r.at - t0, r.method, r.path.replace('/api/v4/projects/', ''), r.status, r.body.duration ?? r.body.operationName ?? '');
  }
}
// A correcting log (where GitLab has no timelogDelete) undoes n copies of one log.
for (const c of corrections) {
  for (const [k, extra] of landedPool) {
    const [issueId, seconds] = k.split(':').map(Number) as [number, number];
    if (extra > 0 && issueId === c.issueId && seconds !== 0 && -c.seconds % seconds === 0) {
      landedPool.set(k, extra - -c.seconds / seconds);
      break;
    }
  }
}
const duplicated = [...landedPool.values()].reduce((n, v) => n + Math.max(0, v), 0);
const totalsMatch = ISSUES.every((i) => {
  const want =
    baseline.get(i.id)! +
    expected.filter((e) => e.issueId === i.id).reduce((n, e) => n + e.seconds, 0) +
    colleagueLogs.filter((e) => e.issueId === i.id).reduce((n, e) => n + e.seconds, 0);
  return standIn.issue(i.projectPath, i.iid)!.time_stats.total_time_spent === want;
});

console.log('\nSoak results');
console.log(`  operations            ${counts.ops} (seed ${opt('seed', 1)})`);
console.log(`  faults injected       ${counts.faults}`);
console.log(`  worker stops          ${counts.workerStops}`);
console.log(`  logs requested        ${expected.length}`);
console.log(`  logs landed           ${expected.length - lost}`);
console.log(`  lost                  ${lost}`);
console.log(`  duplicated            ${duplicated}`);
console.log(`  colleague logs        ${counts.colleagueLogs} logged, ${counts.colleagueDeletes} deletions tried`);
console.log(`  colleague logs altered ${colleagueAltered}`);
console.log(`  copies undone         ${corrections.length} correcting logs; the rest deleted by GraphQL`);
console.log(`  still in outbox       ${leftover.length}${leftover.length ? ` (${leftover.map((l) => l.lastError).join('; ')})` : ''}`);
console.log(`  issue totals match    ${totalsMatch ? 'yes' : 'NO'}`);
await browser.context.close();
await standIn.close();
process.exit(lost === 0 && duplicated === 0 && colleagueAltered === 0 && leftover.length === 0 && totalsMatch ? 0 : 1);
