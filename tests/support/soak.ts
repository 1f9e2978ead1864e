/**
 * The soak, in-process: random timer and time-log operations through the background's own code
 * against the GitLab stand-in, while
 * - GitLab fails at random (500s, 429s, connections dropped before and after applying, latency),
 * - a colleague logs and deletes random amounts on the same issues, often the very amount the
 *   user logs, at that moment,
 * - storage writes fail at random (a quota error),
 * - the computer's clock jumps back and forward,
 * - the worker is stopped mid-request, and the browser restarts with its alarms gone.
 *
 * A stopped worker is a fresh copy of the background's modules (`vi.resetModules`): nothing of
 * the old one's memory survives, only storage. The old one's requests already on the wire may
 * still land on GitLab (as a real stopped worker's do); anything it would send or write later is
 * never sent or written (its code runs on here, so its storage writes are held forever, as a
 * stopped worker's code would never have reached them), and no answer ever reaches it.
 *
 * Time here is simulated (minutes pass between operations in no real time) while the requests
 * are real. The outbox's promise is built on one fact of the real world: a request in flight has
 * landed or died within the settle wait (`SETTLE_MS`, longer than the client's timeout). The soak
 * keeps that fact, and no more: simulated time never passes a request's start plus the settle
 * wait while the request is still on its way. So a check made too early (no settle wait, or a
 * shorter one) still finds a copy missing that is about to land, and the soak fails.
 *
 * Then the outbox drains and what was asked for is compared with what GitLab holds as the
 * user's: lost, duplicated, and colleague logs altered. An operation that failed on a storage
 * write tells the user (it rejects or answers an error) and counts as not asked for; a log that
 * lands although its operation said it failed counts as duplicated (the user would log it again).
 *
 * Runs under vitest (the background's code needs WXT's fake browser): tests/unit/soak.test.ts.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import type { BackgroundDeps } from '@/lib/background/deps';
import type { ItemInfo } from '@/lib/model/item';
import type { PendingLog } from '@/lib/model/storage';
import type { FaultMode, StandIn } from '../fake-gitlab/server';
import { AsyncLocalStorage } from 'node:async_hooks';
import { SETTLE_MS } from '@/lib/model/outbox-rules';
import { colleagueLogs } from '../e2e/support/colleague';
import { stubBackgroundApis } from './fake-background';
import { mulberry32 } from './random';

export interface SoakResult {
  seed: number;
  ops: number;
  faults: number;
  workerStops: number;
  restarts: number;
  storageFailures: number;
  toldStorageFailed: number;
  clockJumps: number;
  requested: number;
  landed: number;
  lost: number;
  duplicated: number;
  colleagueLogged: number;
  colleagueDeleted: number;
  colleagueAltered: number;
  stillInOutbox: number;
  totalsMatch: boolean;
  /** What went wrong, for a failing seed. */
  detail: string[];
}

const MIN = 60_000;
const ISSUES = [
  { projectPath: 'acme/web', iid: 1 },
  { projectPath: 'acme/web', iid: 2 },
  { projectPath: 'acme/api', iid: 1 },
  { projectPath: 'acme/api', iid: 2 },
];

type Worker = {
  timer: typeof import('@/lib/background/timer');
  outbox: typeof import('@/lib/background/outbox');
  storage: typeof import('@/lib/model/storage');
  deps: BackgroundDeps;
  kill: () => void;
};

export async function soak(standIn: StandIn, seed: number, ops: number): Promise<SoakResult> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Wall clock (may jump) and this worker's monotonic clock (restarts near 0 with each worker).
  let wall = Date.UTC(2026, 10, 24, 9, 0);
  let mono = 1_000;
  // Simulated time that only runs forward (neither the clock's jumps nor the worker's restarts move it).
  let elapsed = 0;
  /** Requests on their way (any worker's, stopped ones' too), with when they left. */
  const onTheWire = new Set<{ done: Promise<unknown>; leftAt: number }>();
  const real = async (ms: number) => {
    // A request still on its way when its settle wait would run out lands or dies first.
    const due = [...onTheWire].filter((r) => r.leftAt + SETTLE_MS <= elapsed + ms);
    await Promise.all(due.map((r) => r.done));
    elapsed += ms;
    wall += ms;
    mono += ms;
  };
  /** Which worker an operation runs in: a stopped worker's code never writes again. */
  const workerOf = new AsyncLocalStorage<number>();
  let liveWorker = 0;
  const stoppedWriter = () => {
    const from = workerOf.getStore();
    return from !== undefined && from !== liveWorker;
  };

  fakeBrowser.reset();
  standIn.reset();
  stubBackgroundApis();
  const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  const realRemove = fakeBrowser.storage.local.remove.bind(fakeBrowser.storage.local);
  let storageFailRate = 0;
  /**
   * Every log the user was told of or that was written to the outbox, by its id: each must land
   * once. A log landing that is in neither was sent without being written first.
   */
  const asked = new Map<string, { issueId: number; seconds: number }>();
  const note = (log: { id?: string; item: { projectPath: string; iid: number }; seconds: number }, fallbackId: string) =>
    asked.set(log.id ?? fallbackId, { issueId: standIn.issue(log.item.projectPath, log.item.iid)!.id, seconds: log.seconds });
  const counts = { faults: 0, workerStops: 0, restarts: 0, storageFailures: 0, toldStorageFailed: 0, clockJumps: 0, colleagueLogged: 0, colleagueDeleted: 0 };
  const quota = () => {
    if (random() < storageFailRate) {
      counts.storageFailures++;
      throw new Error('QUOTA_BYTES quota exceeded');
    }
  };
  Object.assign(fakeBrowser.storage.local, {
    set: async (items: Record<string, unknown>) => {
      if (stoppedWriter()) return new Promise<never>(() => undefined);
      quota();
      await realSet(items);
      // Every log that was ever written to the outbox was asked for: each must land, once.
      const outbox = items['outbox'];
      if (Array.isArray(outbox)) for (const l of outbox as PendingLog[]) if (l.seconds > 0) note(l, l.id);
    },
    remove: async (keys: string | string[]) => {
      if (stoppedWriter()) return new Promise<never>(() => undefined);
      quota();
      return realRemove(keys);
    },
  });

  /** A fresh worker: the background's modules loaded anew; the previous one's requests never answer. */
  async function startWorker(): Promise<Worker> {
    vi.resetModules();
    liveWorker++;
    let alive = true;
    const never = new Promise<never>(() => undefined);
    const deps: BackgroundDeps = {
      browser: fakeBrowser as unknown as WxtBrowser,
      now: () => wall,
      mono: () => mono,
      fetch: async (...args) => {
        if (!alive) return never;
        const request = fetch(...args);
        const wire = { done: request.catch(() => null), leftAt: elapsed };
        onTheWire.add(wire);
        void wire.done.then(() => onTheWire.delete(wire));
        const response = await request;
        return alive ? response : never;
      },
    };
    const [timer, outbox, storage] = await Promise.all([import('@/lib/background/timer'), import('@/lib/background/outbox'), import('@/lib/model/storage')]);
    return { timer, outbox, storage, deps, kill: () => (alive = false) };
  }

  let w = await startWorker();
  const { connect } = await import('@/lib/background/connections');
  const connected = await connect(w.deps, { baseUrl: standIn.url, token: standIn.token });
  if (!connected.ok) throw new Error(`connect failed: ${connected.error}`);
  const baseline = new Map(ISSUES.map((i) => [`${i.projectPath}#${i.iid}`, standIn.issue(i.projectPath, i.iid)!.time_stats.total_time_spent]));
  const issueId = (i: { projectPath: string; iid: number }) => standIn.issue(i.projectPath, i.iid)!.id;
  const item = (i: { projectPath: string; iid: number }): ItemInfo => ({ instanceId: standIn.url, projectPath: i.projectPath, kind: 'issue', iid: i.iid });

  /** What the colleague holds on GitLab, as he logged it (an entry the faults ate is not his). */
  const colleagueHas: Array<{ issueId: number; seconds: number }> = [];
  const colleagueCount = () => standIn.timelogs.filter((t) => t.userId === standIn.colleague.id).length;
  async function colleagueLog(i: (typeof ISSUES)[number], seconds: number): Promise<void> {
    const before = colleagueCount();
    await colleagueLogs(standIn, i.projectPath, i.iid, `${seconds / 60}m`).catch(() => 0);
    if (colleagueCount() > before) {
      colleagueHas.push({ issueId: issueId(i), seconds });
      counts.colleagueLogged++;
    }
  }
  async function colleagueDeletes(): Promise<void> {
    const own = standIn.timelogs.filter((t) => t.userId === standIn.colleague.id && t.seconds > 0);
    if (!own.length) return;
    const victim = pick(own);
    await fetch(`${standIn.url}/api/graphql`, {
      method: 'POST',
      headers: { 'PRIVATE-TOKEN': standIn.colleagueToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation D($id: TimelogID!) { timelogDelete(input: { id: $id }) { timelog { id } errors } }',
        variables: { id: `gid://gitlab/Timelog/${victim.id}` },
      }),
    }).catch(() => null);
    if (!standIn.timelogs.some((t) => t.id === victim.id)) {
      const at = colleagueHas.findIndex((c) => c.issueId === victim.issueId && c.seconds === victim.seconds);
      if (at >= 0) colleagueHas.splice(at, 1);
      counts.colleagueDeleted++;
    }
  }

  const FAULTS: Array<() => FaultMode> = [
    () => ({ kind: 'status', status: pick([500, 502, 503, 504]), times: 1 + Math.floor(random() * 2) }),
    () => ({ kind: 'rate-limit', retryAfterSeconds: 1 + Math.floor(random() * 60), times: 1 }),
    () => ({ kind: 'drop-before', times: 1 }),
    () => ({ kind: 'drop-after', times: 1 }),
    () => ({ kind: 'latency', ms: 5 + Math.floor(random() * 40), times: 1 }),
  ];
  const spendPath = (i: (typeof ISSUES)[number]) => `/api/v4/projects/${encodeURIComponent(i.projectPath)}/issues/${i.iid}/add_spent_time`;

  /** Runs an operation; a storage write that failed under it is the user being told (it rejects). */
  async function op<T>(run: () => Promise<T>): Promise<T | null> {
    try {
      return await workerOf.run(liveWorker, run);
    } catch (error) {
      if (!/QUOTA_BYTES/.test(String(error))) throw error;
      counts.toldStorageFailed++;
      if (process.env.SOAK_DEBUG) console.log('told failed', (error as Error).stack?.split('\n').slice(0, 9).join(' | '));
      return null;
    }
  }
  const runningItem = async () => (await w.storage.timerItem.getValue().catch(() => null))?.item ?? null;

  for (let n = 0; n < ops; n++) {
    storageFailRate = random() < 0.15 ? 0.3 : 0;
    const issue = pick(ISSUES);
    if (random() < 0.3) {
      const target = pick(ISSUES);
      if (random() < 0.8) standIn.fail('POST', spendPath(target), pick(FAULTS)());
      else standIn.fail('POST', '/api/graphql', pick(FAULTS)());
      counts.faults++;
    }
    if (random() < 0.15) {
      // The clock jumps: back or forward, by minutes to hours (no real time passes).
      wall += (random() < 0.5 ? -1 : 1) * (1 + Math.floor(random() * 240)) * MIN;
      counts.clockJumps++;
    }
    if (random() < 0.2) {
      if (random() < 0.75) await colleagueLog(issue, (1 + Math.floor(random() * 90)) * 60);
      else await colleagueDeletes();
    }
    // Real time passes between operations (the settle wait and backoffs come due now and then).
    await real(Math.floor(random() * 5 * MIN));

    const roll = random();
    let pending: Promise<unknown> | null = null;
    if (roll < 0.25) {
      pending = op(() => w.timer.start(w.deps, item(issue), null)).then((r) => {
        if (r?.ok && r.switched) note(r.switched, `op${n}`);
      });
    } else if (roll < 0.5) {
      pending = op(() => w.timer.stop(w.deps, null)).then(async (r) => {
        if (r?.ok) note(r.log, `op${n}`);
        else if (r && !r.ok && r.code === 'needs-confirmation') await op(() => w.timer.resolveIdle(random() < 0.5, null));
      });
    } else if (roll < 0.6) {
      pending = op(() => w.timer.pause(w.deps, null));
    } else if (roll < 0.7) {
      pending = op(() => w.timer.resume(w.deps, null));
    } else if (roll < 0.92) {
      const seconds = (1 + Math.floor(random() * 90)) * 60;
      // Half the time the colleague logs the very same amount on the same issue at that moment.
      const same = random() < 0.5 ? colleagueLog(issue, seconds) : null;
      pending = op(() => w.timer.logTime(w.deps, item(issue), { seconds }, null)).then((r) => {
        if (r?.ok) note(r.log, `op${n}`);
      });
      await same;
    } else if (roll < 0.96) {
      pending = op(() => w.outbox.flushOutbox(w.deps));
    } else {
      pending = op(() => w.timer.discard(null));
    }

    const stop = random();
    if (stop < 0.1) {
      // The worker is stopped while the operation may be mid-request; its answers never arrive.
      await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
      w.kill();
      w = await startWorker();
      mono = Math.floor(random() * 1_000);
      counts.workerStops++;
      if (stop < 0.04) {
        // The browser restarts: its alarms are gone; the worker starts as the lifecycle does.
        await fakeBrowser.alarms.clearAll();
        counts.restarts++;
      }
      storageFailRate = 0;
      await op(() => w.timer.watchClock(w.deps));
      await op(() => w.outbox.flushOutbox(w.deps));
    } else {
      await pending;
    }
  }

  const detail: string[] = [];
  // Drain: no more faults or failing writes; the last timer is stopped and logged; each pending
  // log is sent when due (the clock runs on to its next attempt), as the alarm would.
  storageFailRate = 0;
  standIn.clearFaults();
  await new Promise((r) => setTimeout(r, 60));
  w.kill();
  w = await startWorker();
  // The worker starts as the lifecycle does: it looks at the clock and sends what is due.
  await w.timer.watchClock(w.deps);
  await w.outbox.flushOutbox(w.deps);
  const last = await runningItem();
  if (last) {
    let stopped = await w.timer.stop(w.deps, null);
    if (!stopped.ok && stopped.code === 'needs-confirmation') {
      await w.timer.resolveIdle(true, null);
      stopped = await w.timer.stop(w.deps, null);
    }
    if (stopped.ok) note(stopped.log, 'last');
  }
  for (let i = 0; i < 60; i++) {
    const logs = await w.storage.outboxItem.getValue();
    const due = logs.filter((l) => l.status === 'pending');
    if (!due.length) break;
    const step = Math.max(0, Math.max(...due.map((l) => l.nextAttemptAt)) - wall) + 1;
    // No wait we set is longer than an hour (Retry-After's bound): a longer one is the clock having moved back.
    if (step > 61 * MIN) detail.push(`a log waited ${Math.round(step / MIN)} min to be sent (the clock moved back)`);
    await real(step);
    await w.outbox.flushOutbox(w.deps);
  }
  const leftover = await w.storage.outboxItem.getValue();
  const expected = [...asked.values()];

  // Compare as multisets of (issue, seconds): what was asked for against what GitLab holds.
  const key = (e: { issueId: number; seconds: number }) => `${e.issueId}:${e.seconds}`;
  const isCorrection = (t: { summary: string | null }) => t.summary?.startsWith('Correction:') ?? false;
  const mine = standIn.timelogs.filter((t) => t.userId === standIn.user.id);
  const pool = new Map<string, number>();
  for (const t of mine.filter((t) => !isCorrection(t))) pool.set(key(t), (pool.get(key(t)) ?? 0) + 1);
  let lost = 0;
  for (const e of expected) {
    const left = pool.get(key(e)) ?? 0;
    if (left > 0) pool.set(key(e), left - 1);
    else {
      lost++;
      detail.push(`lost ${key(e)}`);
    }
  }
  // A correcting log (where GitLab has no timelogDelete) undoes copies of one log.
  for (const c of mine.filter(isCorrection)) {
    for (const [k, extra] of pool) {
      const [id, seconds] = k.split(':').map(Number) as [number, number];
      if (extra > 0 && id === c.issueId && seconds !== 0 && -c.seconds % seconds === 0) {
        pool.set(k, extra - -c.seconds / seconds);
        break;
      }
    }
  }
  for (const [k, v] of pool) if (v > 0) detail.push(`duplicated ${k} ×${v}`);
  const duplicated = [...pool.values()].reduce((n, v) => n + Math.max(0, v), 0);
  const sorted = (list: Array<{ issueId: number; seconds: number }>) => list.map(key).sort().join(',');
  const colleagueNow = standIn.timelogs.filter((t) => t.userId === standIn.colleague.id);
  const colleagueAltered = sorted(colleagueNow) === sorted(colleagueHas) ? 0 : Math.max(1, Math.abs(colleagueNow.length - colleagueHas.length));
  if (colleagueAltered) detail.push(`colleague holds ${sorted(colleagueNow)}, logged ${sorted(colleagueHas)}`);
  const totalsMatch = ISSUES.every((i) => {
    const id = issueId(i);
    const want =
      baseline.get(`${i.projectPath}#${i.iid}`)! +
      [...expected, ...colleagueHas].filter((e) => e.issueId === id).reduce((s, e) => s + e.seconds, 0);
    return standIn.issue(i.projectPath, i.iid)!.time_stats.total_time_spent === want;
  });
  for (const l of leftover) detail.push(`still in outbox: ${JSON.stringify({ ...l, item: `${l.item.projectPath}#${l.item.iid}` })} (now ${wall})`);
  w.kill();
  Object.assign(fakeBrowser.storage.local, { set: realSet, remove: realRemove });

  return {
    seed,
    ops,
    ...counts,
    requested: expected.length,
    landed: expected.length - lost,
    lost,
    duplicated,
    colleagueAltered,
    stillInOutbox: leftover.length,
    totalsMatch,
    detail,
  };
}

export function formatSoak(r: SoakResult): string {
  return [
    `Soak results (seed ${r.seed})`,
    `  operations             ${r.ops}`,
    `  faults injected        ${r.faults}`,
    `  storage writes failed  ${r.storageFailures} (user told ${r.toldStorageFailed} times)`,
    `  clock jumps            ${r.clockJumps}`,
    `  worker stops           ${r.workerStops} (${r.restarts} of them browser restarts, alarms gone)`,
    `  colleague              ${r.colleagueLogged} logged, ${r.colleagueDeleted} deleted`,
    `  logs requested         ${r.requested}`,
    `  logs landed            ${r.landed}`,
    `  lost                   ${r.lost}`,
    `  duplicated             ${r.duplicated}`,
    `  colleague logs altered ${r.colleagueAltered}`,
    `  still in outbox        ${r.stillInOutbox}`,
    `  issue totals match     ${r.totalsMatch ? 'yes' : 'NO'}`,
    ...r.detail.map((d) => `  ! ${d}`),
  ].join('\n');
}
