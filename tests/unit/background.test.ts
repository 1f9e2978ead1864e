// @vitest-environment node
/**
 * The background's services against the real GitLab stand-in (in-process) and WXT's fake browser:
 * connect, time logging through the outbox, and what happens when GitLab fails.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stubBackgroundApis } from '../support/fake-background';
import type { WxtBrowser } from 'wxt/browser';
import { startStandIn, type StandIn } from '../fake-gitlab/server';
import type { BackgroundDeps } from '@/lib/background/token-client';
import { connect, disconnect } from '@/lib/background/connections';
import { issueHandlers } from '@/lib/background/item-actions';
import { flushOutbox, retryLog } from '@/lib/background/outbox';
import * as timer from '@/lib/background/timer';
import { instancesItem, outboxItem, timerItem, tokensItem } from '@/lib/model/storage';

let standIn: StandIn;
let notGitLab: Server;
let notGitLabUrl: string;
let clock = Date.UTC(2026, 10, 24, 9, 0);
const MIN = 60_000;

function deps(): BackgroundDeps {
  return { browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, fetch: (...a) => fetch(...a) };
}

beforeAll(async () => {
  standIn = await startStandIn();
  notGitLab = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Hello, I am a blog</html>'));
  await new Promise<void>((r) => notGitLab.listen(0, '127.0.0.1', r));
  notGitLabUrl = `http://127.0.0.1:${(notGitLab.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await standIn.close();
  await new Promise((r) => notGitLab.close(r));
});
beforeEach(() => {
  fakeBrowser.reset();
  standIn.reset();
  stubBackgroundApis();
});

async function connected() {
  const result = await connect(deps(), { baseUrl: standIn.url, token: standIn.token });
  expect(result.ok).toBe(true);
}

describe('connect', () => {
  it('checks the token with GET /user, stores the instance, keeps the token apart', async () => {
    const result = await connect(deps(), { baseUrl: `${standIn.url}/`, token: ` ${standIn.token} ` });
    expect(result).toMatchObject({ ok: true, pageAccess: true, instance: { baseUrl: standIn.url, username: 'demo', gitlabVersion: expect.any(String) } });
    expect(JSON.stringify(await instancesItem.getValue())).not.toContain(standIn.token);
    expect((await tokensItem.getValue())[standIn.url]).toEqual({ token: standIn.token, type: 'private' });
    expect(fakeBrowser.scripting.registerContentScripts).toHaveBeenCalledWith([
      expect.objectContaining({ matches: ['http://127.0.0.1/*'], js: ['loader.js'] }),
    ]);
  });

  it('a wrong token is refused in words, and nothing is stored', async () => {
    const result = await connect(deps(), { baseUrl: standIn.url, token: 'glpat-wrong' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/refused this access token/);
    expect(await instancesItem.getValue()).toEqual([]);
    expect(await tokensItem.getValue()).toEqual({});
  });

  it('an unreachable host says so', async () => {
    const result = await connect(deps(), { baseUrl: 'http://127.0.0.1:9', token: standIn.token });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Could not reach 127\.0\.0\.1:9/) });
  });

  it('a server that is not a GitLab says so', async () => {
    const result = await connect(deps(), { baseUrl: notGitLabUrl, token: standIn.token });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/does not look like a GitLab/) });
  });

  it('junk URLs are refused before any request', async () => {
    const before = standIn.requests.length;
    for (const junk of ['', 'ftp://gitlab.example.com', 'not a url', 'javascript:alert(1)']) {
      const result = await connect(deps(), { baseUrl: junk, token: standIn.token });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
    }
    expect(standIn.requests.length).toBe(before);
  });

  it('without page access the API still connects, and no content script is registered', async () => {
    Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => false) });
    const result = await connect(deps(), { baseUrl: standIn.url, token: standIn.token });
    expect(result).toMatchObject({ ok: true, pageAccess: false });
    expect(fakeBrowser.scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('disconnect removes the instance and its token', async () => {
    await connected();
    await disconnect(deps(), standIn.url);
    expect(await instancesItem.getValue()).toEqual([]);
    expect(await tokensItem.getValue()).toEqual({});
  });
});

describe('timer and outbox', () => {
  const issue = () => ({ instanceId: standIn.url, projectPath: 'acme/web', iid: 1, title: 'Fix login redirect loop' });
  const spentLogs = () => standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));

  it('start then stop logs the timed minutes to that issue, once', async () => {
    await connected();
    await timer.start(deps(), issue());
    clock += 25 * MIN + 10_000;
    const result = await timer.stop(deps());
    expect(result).toMatchObject({ ok: true, loggedSeconds: 25 * 60 });
    expect(spentLogs()).toHaveLength(1);
    expect(spentLogs()[0]!.body.duration).toBe('25m');
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 1500);
    expect(await timerItem.getValue()).toBeNull();
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('the timer survives the worker: state is only storage', async () => {
    await connected();
    await timer.start(deps(), issue());
    const stored = await timerItem.getValue();
    expect(stored).toMatchObject({ issue: issue(), runningSince: clock, segments: [] });
  });

  it('under a minute asks instead of logging zero, and keeps the timer', async () => {
    await connected();
    await timer.start(deps(), issue());
    clock += 20_000;
    const result = await timer.stop(deps());
    expect(result).toMatchObject({ ok: false, code: 'needs-confirmation' });
    expect(await timerItem.getValue()).not.toBeNull();
    expect(spentLogs()).toHaveLength(0);
  });

  it('GitLab down: the log waits in the outbox and lands once when GitLab is back', async () => {
    await connected();
    standIn.fail('POST', '/api/v4/projects/acme%2Fweb/issues/1/add_spent_time', { kind: 'status', status: 500, times: 2 });
    await timer.start(deps(), issue());
    clock += 30 * MIN;
    const result = await timer.stop(deps());
    expect(result.ok).toBe(true);
    let outbox = await outboxItem.getValue();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ status: 'pending', attempts: 1, seconds: 1800 });
    expect(await fakeBrowser.alarms.get('outbox-retry')).toBeDefined();

    clock = outbox[0]!.nextAttemptAt;
    await flushOutbox(deps());
    outbox = await outboxItem.getValue();
    expect(outbox[0]).toMatchObject({ status: 'pending', attempts: 2 });

    clock = outbox[0]!.nextAttemptAt;
    const report = await flushOutbox(deps());
    expect(report.delivered).toHaveLength(1);
    expect(await outboxItem.getValue()).toEqual([]);
    expect(standIn.timelogs.filter((t) => t.seconds === 1800)).toHaveLength(1);
  });

  it('a 429 waits at least as long as Retry-After says', async () => {
    await connected();
    standIn.fail('POST', '/api/v4/projects/acme%2Fweb/issues/1/add_spent_time', { kind: 'rate-limit', retryAfterSeconds: 120, times: 1 });
    await timer.start(deps(), issue());
    clock += 5 * MIN;
    await timer.stop(deps());
    const [log] = await outboxItem.getValue();
    expect(log!.nextAttemptAt - clock).toBeGreaterThanOrEqual(120_000);
  });

  it('no permission (Guest): the log stays, needing attention, with the reason', async () => {
    await connected();
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'partners/guest-portal', iid: 1 });
    clock += 15 * MIN;
    await timer.stop(deps());
    const [log] = await outboxItem.getValue();
    expect(log).toMatchObject({ status: 'needs-attention', seconds: 900 });
    expect(log!.lastError).toMatch(/permission/i);
    expect((await timer.readState()).notice).toMatch(/permission/i);
  });

  it('starting another issue logs the running one first, then switches', async () => {
    await connected();
    await timer.start(deps(), issue());
    clock += 12 * MIN;
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 2 });
    expect(spentLogs()).toHaveLength(1);
    expect(spentLogs()[0]!.path).toContain('/issues/1/');
    expect((await timerItem.getValue())?.issue.iid).toBe(2);
    expect((await timer.readState()).notice).toMatch(/Logged 12m to acme\/web#1.*Timer started on acme\/web#2/);
  });

  it('pause and resume change what is logged; discard logs nothing', async () => {
    await connected();
    await timer.start(deps(), issue());
    clock += 10 * MIN;
    await timer.pause(deps());
    clock += 60 * MIN;
    await timer.resume(deps());
    clock += 5 * MIN;
    expect(await timer.stop(deps())).toMatchObject({ ok: true, loggedSeconds: 15 * 60 });
    await timer.start(deps(), issue());
    clock += 10 * MIN;
    await timer.discard();
    expect(await timerItem.getValue()).toBeNull();
    expect(spentLogs()).toHaveLength(1);
  });
});

describe('exactly once', () => {
  const path = '/api/v4/projects/acme%2Fweb/issues/1/add_spent_time';
  const posts = () => standIn.requests.filter((r) => r.method === 'POST' && r.path === path);
  const landed = () => standIn.timelogs.filter((t) => t.seconds > 0);

  async function stopAfter(minutes: number) {
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 });
    clock += minutes * MIN;
    return timer.stop(deps());
  }
  async function drain() {
    for (let i = 0; i < 10 && (await outboxItem.getValue()).length; i++) {
      clock = Math.max(clock, ...(await outboxItem.getValue()).map((l) => l.nextAttemptAt));
      await flushOutbox(deps());
    }
  }

  it('an answer lost after GitLab applied the log: checked, not sent again', async () => {
    await connected();
    standIn.fail('POST', path, { kind: 'drop-after', times: 1 });
    await stopAfter(20);
    expect((await outboxItem.getValue())[0]).toMatchObject({ attempts: 1, status: 'pending' });
    await drain();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(posts()).toHaveLength(1);
    expect(landed()).toHaveLength(1);
  });

  it('a dropped request the browser resent, answered with an error: checked, not sent again', async () => {
    await connected();
    // Chrome resends on a reused connection: the first copy was applied, the resend got a 429.
    standIn.fail('POST', path, { kind: 'drop-after', times: 1 });
    standIn.fail('POST', path, { kind: 'rate-limit', retryAfterSeconds: 1, times: 1 });
    const realFetch = globalThis.fetch;
    const resending: typeof fetch = async (input, init) => {
      try {
        return await realFetch(input, init);
      } catch (error) {
        if (init?.method === 'POST') return realFetch(input, init);
        throw error;
      }
    };
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 });
    clock += 20 * MIN;
    await timer.stop({ ...deps(), fetch: resending });
    await drain();
    expect(landed()).toHaveLength(1);
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 1200);
  });

  it('a connection dropped before GitLab applied it: checked, then sent once', async () => {
    await connected();
    standIn.fail('POST', path, { kind: 'drop-before', times: 1 });
    await stopAfter(20);
    await drain();
    expect(posts()).toHaveLength(2);
    expect(landed()).toHaveLength(1);
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 1200);
  });

  it('a worker that died mid-request: the next worker checks before sending', async () => {
    await connected();
    await stopAfter(20);
    expect(landed()).toHaveLength(1);
    // As if the worker had died between sending and recording the answer.
    const log = { id: 'died', instanceId: standIn.url, projectPath: 'acme/web', iid: 1, seconds: 1200, spentAt: clock, createdAt: clock, attempts: 0, nextAttemptAt: clock, status: 'pending' as const, baselineSpent: 5400, inFlightSince: clock - 30_000 };
    await outboxItem.setValue([log]);
    await flushOutbox(deps());
    expect(await outboxItem.getValue()).toEqual([]);
    expect(posts()).toHaveLength(1);
  });

  it('a request a stopped worker left in flight is given time to land before the check', async () => {
    await connected();
    const log = { id: 'recent', instanceId: standIn.url, projectPath: 'acme/web', iid: 1, seconds: 600, spentAt: clock, createdAt: clock, attempts: 0, nextAttemptAt: clock, status: 'pending' as const, baselineSpent: 5400, inFlightSince: clock - 2_000 };
    await outboxItem.setValue([log]);
    await flushOutbox(deps());
    expect(standIn.requests.filter((r) => r.path.includes('/issues/1/'))).toHaveLength(0);
    expect((await outboxItem.getValue())[0]!.nextAttemptAt).toBe(clock - 2_000 + 20_000);
    clock += 20_000;
    await flushOutbox(deps());
    expect(posts()).toHaveLength(1);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('two flushes at once send a log once', async () => {
    await connected();
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 });
    clock += 10 * MIN;
    standIn.fail('POST', path, { kind: 'latency', ms: 200, times: 1 });
    await Promise.all([timer.stop(deps()), flushOutbox(deps()), flushOutbox(deps()), timer.stop(deps())]);
    await drain();
    expect(posts()).toHaveLength(1);
  });

  it('a log GitLab refused waits for the user while a later one lands; retried, it lands too, once', async () => {
    await connected();
    const statsPath = '/api/v4/projects/acme%2Fweb/issues/1/time_stats';
    standIn.fail('POST', path, { kind: 'status', status: 403, times: 1 });
    await stopAfter(30);
    const [held] = await outboxItem.getValue();
    expect(held).toMatchObject({ status: 'needs-attention', seconds: 1800 });
    await stopAfter(60);
    expect(await outboxItem.getValue()).toHaveLength(1);
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 3600);
    // The permission is back: the retry measures against today's total, not the one from before the later log.
    expect(await retryLog(deps(), held!.id)).toBe(true);
    await drain();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(landed().map((t) => t.seconds).sort()).toEqual([1800, 3600]);
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 3600 + 1800);
    expect(standIn.requests.filter((r) => r.method === 'GET' && r.path === statsPath).length).toBeGreaterThan(0);
  });

  it('a held log that may have landed (its check was refused) keeps later logs of that issue waiting', async () => {
    await connected();
    const statsPath = '/api/v4/projects/acme%2Fweb/issues/1/time_stats';
    standIn.fail('POST', path, { kind: 'drop-after', times: 1 });
    await stopAfter(30);
    expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    // The check before sending again is refused: whether the first copy landed is unknown.
    standIn.fail('GET', statsPath, { kind: 'status', status: 403, times: 1 });
    clock = (await outboxItem.getValue())[0]!.nextAttemptAt;
    await flushOutbox(deps());
    const [held] = await outboxItem.getValue();
    expect(held).toMatchObject({ status: 'needs-attention' });
    await stopAfter(60);
    await drain();
    expect(posts()).toHaveLength(1);
    expect((await outboxItem.getValue()).map((l) => [l.seconds, l.status])).toEqual([
      [1800, 'needs-attention'],
      [3600, 'pending'],
    ]);
    // Retried, the held log finds its copy (not sent again), and the later one goes out after it.
    await retryLog(deps(), held!.id);
    await drain();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(landed().map((t) => t.seconds).sort()).toEqual([1800, 3600]);
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 1800 + 3600);
  });

  it('a log delivered on a later day lands on the day the work was done (GraphQL spentAt)', async () => {
    await connected();
    standIn.fail('POST', path, { kind: 'status', status: 503, times: 1 });
    const workDay = clock;
    await stopAfter(45);
    clock += 24 * 60 * MIN;
    await drain();
    const log = standIn.timelogs.at(-1)!;
    expect(log).toMatchObject({ seconds: 2700 });
    expect(new Date(log.spentAt).getTime()).toBe(workDay);
    expect(posts()).toHaveLength(1); // the failed REST attempt; the late one went by GraphQL
  });

  it('where the server has no timelogCreate, the summary says which day the work was done', async () => {
    await connected();
    await instancesItem.setValue((await instancesItem.getValue()).map((i) => ({ ...i, gitlabVersion: '14.10.0' })));
    standIn.fail('POST', path, { kind: 'status', status: 503, times: 1 });
    await stopAfter(45);
    clock += 24 * 60 * MIN;
    await drain();
    expect(String(posts().at(-1)!.body.summary)).toMatch(/^\(work done on \d{4}-\d{2}-\d{2}\)$/);
  });

  it('a log the browser delivered twice is undone: GraphQL deletes the copy', async () => {
    await connected();
    // What Chrome does when a reused connection drops after GitLab applied the request: resend it.
    const { issue: key } = { issue: { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 } };
    await timer.start(deps(), key);
    clock += 20 * MIN;
    const realFetch = globalThis.fetch;
    const doubling: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/add_spent_time')) await realFetch(input, init);
      return realFetch(input, init);
    };
    await timer.stop({ ...deps(), fetch: doubling });
    expect(posts()).toHaveLength(2);
    expect(landed()).toHaveLength(1);
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 1200);
  });

  it('without GraphQL, a doubled log is corrected by a subtracting log', async () => {
    await connected();
    await instancesItem.setValue((await instancesItem.getValue()).map((i) => ({ ...i, gitlabVersion: '14.10.0' })));
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 });
    clock += 20 * MIN;
    const realFetch = globalThis.fetch;
    const doubling: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/add_spent_time') && !String(init?.body).includes('-')) await realFetch(input, init);
      return realFetch(input, init);
    };
    await timer.stop({ ...deps(), fetch: doubling });
    expect(standIn.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 1200);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('rounding: 5 minutes up, 15 nearest', async () => {
    await connected();
    const { settingsItem, DEFAULT_SETTINGS } = await import('@/lib/model/storage');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, roundTo: 5, roundMode: 'up' });
    expect(await stopAfter(11)).toMatchObject({ ok: true, loggedSeconds: 15 * 60 });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, roundTo: 15, roundMode: 'nearest' });
    expect(await stopAfter(5)).toMatchObject({ ok: false, code: 'needs-confirmation' });
    await timer.discard();
    expect(await stopAfter(8)).toMatchObject({ ok: true, loggedSeconds: 15 * 60 });
  });

  it('a timer left running over 12 hours asks before logging; a second Stop confirms', async () => {
    await connected();
    const first = await stopAfter(13 * 60);
    expect(first).toMatchObject({ ok: false, code: 'needs-confirmation' });
    if (!first.ok) expect(first.error).toMatch(/13h.*Press Stop timer again/);
    clock += 5_000;
    expect(await timer.stop(deps())).toMatchObject({ ok: true, loggedSeconds: 13 * 3600 });
  });

  it('switching with the pause setting parks the running timer and picks it up again', async () => {
    await connected();
    const { settingsItem, DEFAULT_SETTINGS, parkedTimersItem } = await import('@/lib/model/storage');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, onSwitch: 'pause' });
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 });
    clock += 10 * MIN;
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 2 });
    expect(posts()).toHaveLength(0);
    expect(await parkedTimersItem.getValue()).toHaveLength(1);
    clock += 5 * MIN;
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 });
    clock += 5 * MIN;
    expect(await timer.stop(deps())).toMatchObject({ ok: true, loggedSeconds: 15 * 60 });
  });

  it('idle time: discard drops only the idle stretch, keep keeps it', async () => {
    await connected();
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 });
    const t0 = clock;
    clock += 60 * MIN;
    expect(await timer.noteIdle(t0 + 20 * MIN, t0 + 50 * MIN)).toBe(true);
    expect(await timer.stop(deps())).toMatchObject({ ok: false, code: 'needs-confirmation' });
    await timer.resolveIdle(false);
    expect(await timer.stop(deps())).toMatchObject({ ok: true, loggedSeconds: 30 * 60 });

    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 });
    const t1 = clock;
    clock += 60 * MIN;
    await timer.noteIdle(t1 + 20 * MIN, t1 + 50 * MIN);
    await timer.resolveIdle(true);
    expect(await timer.stop(deps())).toMatchObject({ ok: true, loggedSeconds: 60 * 60 });
  });
});

describe('requests per timer stop', () => {
  const base = '/api/v4/projects/acme%2Fweb/issues/1/';
  const issueRequests = () => standIn.requests.filter((r) => r.path.startsWith(base)).map((r) => `${r.method} ${r.path.slice(base.length)}`);
  const url = () => `${standIn.url}/acme/web/-/issues/1`;
  /** The issue page's widget asking for its numbers (as it does when the timer goes away, and when the log leaves the outbox). */
  const widgetAsks = async () => {
    const sender = { id: fakeBrowser.runtime.id, url: url(), frameId: 0, tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url: url() } };
    const view = await issueHandlers(deps()).getIssueView({ data: { projectPath: 'acme/web', iid: 1 }, sender });
    return view.ok ? view.timeStats.total_time_spent : view.error;
  };
  async function startTimer() {
    await connected();
    await timer.start(deps(), { instanceId: standIn.url, projectPath: 'acme/web', iid: 1 });
    clock += 20 * MIN;
  }

  it('a normal stop reads the total once, shared by the outbox and the widget; the widget then shows what GitLab answered the log with', async () => {
    await startTimer();
    const asked: Array<Promise<number | string>> = [];
    // The background tells the widget the timer went away; the widget asks for its numbers.
    const unwatch = timerItem.watch((value) => value === null && asked.push(widgetAsks()));
    expect(await timer.stop(deps())).toMatchObject({ ok: true, loggedSeconds: 1200 });
    unwatch();
    expect(asked).toHaveLength(1);
    expect([5400, 6600]).toContain(await asked[0]);
    // The log left the outbox: the widget asks again.
    expect(await widgetAsks()).toBe(6600);
    expect(issueRequests()).toEqual(['GET time_stats', 'POST add_spent_time']);
    expect(standIn.timelogs.filter((t) => t.seconds === 1200)).toHaveLength(1);
  });

  it('the widget asking while the log is on its way waits for GitLab’s answer to it', async () => {
    await startTimer();
    standIn.fail('POST', `${base}add_spent_time`, { kind: 'latency', ms: 150, times: 1 });
    const asked: Array<Promise<number | string>> = [];
    const unwatch = outboxItem.watch((logs) => logs[0]?.inFlightSince && !asked.length && asked.push(widgetAsks()));
    await timer.stop(deps());
    unwatch();
    expect(await asked[0]).toBe(6600);
    expect(issueRequests()).toEqual(['GET time_stats', 'POST add_spent_time']);
  });

  it('after a failed attempt the check before sending again is still its own read, and so is the widget’s meanwhile', async () => {
    await startTimer();
    standIn.fail('POST', `${base}add_spent_time`, { kind: 'drop-after', times: 1 });
    await timer.stop(deps());
    // GitLab applied the log, the answer was lost: the widget reads for itself (the log might still be landing).
    expect(await widgetAsks()).toBe(6600);
    clock = (await outboxItem.getValue())[0]!.nextAttemptAt;
    await flushOutbox(deps());
    expect(await outboxItem.getValue()).toEqual([]);
    expect(issueRequests()).toEqual(['GET time_stats', 'POST add_spent_time', 'GET time_stats', 'GET time_stats']);
    expect(standIn.timelogs.filter((t) => t.seconds === 1200)).toHaveLength(1);
  });
});
