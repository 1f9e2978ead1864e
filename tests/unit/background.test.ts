// @vitest-environment node
/**
 * The background's services against the real GitLab stand-in (in-process) and WXT's fake browser:
 * connect, time logging through the outbox, and what happens when GitLab fails. The outbox
 * decides whether a log landed by the user's own entries on the item (GraphQL time logs, or time
 * tracking system notes before 15.3); the stand-in's colleague (his own token) logs time too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stubBackgroundApis } from '../support/fake-background';
import type { WxtBrowser } from 'wxt/browser';
import { startStandIn, type StandIn } from '../fake-gitlab/server';
import type { BackgroundDeps } from '@/lib/background/deps';
import { connect, disconnect } from '@/lib/background/connections';
import { discardLog, flushOutbox, OUTBOX_ALARM, retryLog, sendPendingNow } from '@/lib/background/outbox';
import { handlers, route } from '@/lib/background/routes';
import * as timer from '@/lib/background/timer';
import { viewState } from '@/lib/background/views';
import type { ItemInfo } from '@/lib/model/item';
import { SETTLE_MS } from '@/lib/model/outbox-rules';
import { instancesItem, outboxItem, timerItem, tokensItem, type PendingLog } from '@/lib/model/storage';

let standIn: StandIn;
let notGitLab: Server;
let notGitLabUrl: string;
const T0 = Date.UTC(2026, 10, 24, 9, 0);
let clock = T0;
const MIN = 60_000;

function deps(): BackgroundDeps {
  return { browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, mono: () => clock, fetch: (...a) => fetch(...a) };
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
  // Each test starts at 09:00 the same day: a stop never crosses midnight by accident.
  clock = T0;
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
    // The widget on item pages (first: the loader then finds it running), the loader on every page.
    expect(fakeBrowser.scripting.registerContentScripts).toHaveBeenCalledWith([
      expect.objectContaining({
        matches: ['http://127.0.0.1/*/issues/*', 'http://127.0.0.1/*/merge_requests/*', 'http://127.0.0.1/*/work_items/*'],
        excludeMatches: ['http://127.0.0.1/*/issues/new*', 'http://127.0.0.1/*/merge_requests/new*', 'http://127.0.0.1/*/work_items/new*'],
        js: ['widget.js'],
        runAt: 'document_start',
      }),
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

/** The demo user's own time logs on GitLab, and the colleague's. */
const own = () => standIn.timelogs.filter((t) => t.userId === standIn.user.id && t.seconds > 0);
const colleagues = () => standIn.timelogs.filter((t) => t.userId === standIn.colleague.id);
const spentOn = (iid = 1) => standIn.issue('acme/web', iid)?.time_stats.total_time_spent;

/** The colleague logs time on acme/web#iid with his own token, as he would in GitLab. */
async function colleagueLogs(minutes: number, iid = 1): Promise<void> {
  const response = await fetch(`${standIn.url}/api/v4/projects/acme%2Fweb/issues/${iid}/add_spent_time`, {
    method: 'POST',
    headers: { 'PRIVATE-TOKEN': standIn.colleagueToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ duration: `${minutes}m` }),
  });
  expect(response.status).toBe(201);
}

const item = (iid = 1, projectPath = 'acme/web'): ItemInfo => ({ instanceId: standIn.url, projectPath, kind: 'issue', iid });

describe('timer and outbox', () => {
  const issue = (): ItemInfo => ({ ...item(1), title: 'Fix login redirect loop' });
  const spentLogs = () => standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));

  it('start then stop logs the timed minutes to that issue, once, and answers with GitLab’s numbers', async () => {
    await connected();
    await timer.start(deps(), issue(), null);
    clock += 25 * MIN + 10_000;
    const result = await timer.stop(deps(), null);
    expect(result).toMatchObject({ ok: true, log: { status: 'landed', seconds: 25 * 60, item: issue(), timeStats: { total_time_spent: 5400 + 1500 } } });
    expect(spentLogs()).toHaveLength(1);
    expect(spentLogs()[0]!.body.duration).toBe('25m');
    expect(spentOn()).toBe(5400 + 1500);
    expect(own().map((t) => t.seconds)).toEqual([1500]);
    expect(await timerItem.getValue()).toBeNull();
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('the timer survives the worker: state is only storage', async () => {
    await connected();
    await timer.start(deps(), issue(), null);
    const stored = await timerItem.getValue();
    expect(stored).toMatchObject({ item: issue(), runningSince: clock, segments: [] });
  });

  it('under a minute asks instead of logging zero, and keeps the timer', async () => {
    await connected();
    await timer.start(deps(), issue(), null);
    clock += 20_000;
    const result = await timer.stop(deps(), null);
    expect(result).toMatchObject({ ok: false, code: 'needs-confirmation' });
    expect(await timerItem.getValue()).not.toBeNull();
    expect(spentLogs()).toHaveLength(0);
  });

  it('GitLab down: the log waits in the outbox and lands once when GitLab is back', async () => {
    await connected();
    standIn.fail('POST', '/api/v4/projects/acme%2Fweb/issues/1/add_spent_time', { kind: 'status', status: 500, times: 2 });
    await timer.start(deps(), issue(), null);
    clock += 30 * MIN;
    const result = await timer.stop(deps(), null);
    expect(result).toMatchObject({ ok: true, log: { status: 'waiting', seconds: 1800 } });
    let outbox = await outboxItem.getValue();
    expect(outbox).toHaveLength(1);
    // A 500 may have been applied: the next attempt waits for it to settle, then looks first.
    expect(outbox[0]).toMatchObject({ status: 'pending', attempts: 1, seconds: 1800, uncertain: true });
    expect(outbox[0]!.nextAttemptAt - clock).toBeGreaterThanOrEqual(SETTLE_MS);
    expect(await fakeBrowser.alarms.get('outbox-retry')).toBeDefined();

    clock = outbox[0]!.nextAttemptAt;
    await flushOutbox(deps());
    outbox = await outboxItem.getValue();
    expect(outbox[0]).toMatchObject({ status: 'pending', attempts: 2 });

    clock = outbox[0]!.nextAttemptAt;
    const report = await flushOutbox(deps());
    expect(report.delivered).toHaveLength(1);
    expect(await outboxItem.getValue()).toEqual([]);
    expect(own().filter((t) => t.seconds === 1800)).toHaveLength(1);
    expect(spentOn()).toBe(5400 + 1800);
  });

  it('a 429 waits at least as long as Retry-After says', async () => {
    await connected();
    standIn.fail('POST', '/api/v4/projects/acme%2Fweb/issues/1/add_spent_time', { kind: 'rate-limit', retryAfterSeconds: 120, times: 1 });
    await timer.start(deps(), issue(), null);
    clock += 5 * MIN;
    await timer.stop(deps(), null);
    const [log] = await outboxItem.getValue();
    expect(log!.nextAttemptAt - clock).toBeGreaterThanOrEqual(120_000);
  });

  it('no permission (Guest): the log stays, needing attention, with the reason', async () => {
    await connected();
    await timer.start(deps(), item(1, 'partners/guest-portal'), null);
    clock += 15 * MIN;
    const stopped = await timer.stop(deps(), null);
    expect(stopped).toMatchObject({ ok: true, log: { status: 'needs-attention', message: expect.stringMatching(/permission/i) } });
    const [log] = await outboxItem.getValue();
    expect(log).toMatchObject({ status: 'needs-attention', seconds: 900 });
    expect(log!.lastError).toMatch(/permission/i);
    expect((await viewState(null)).notice).toMatch(/permission/i);
  });

  it('starting another issue logs the running one first, then switches', async () => {
    await connected();
    await timer.start(deps(), issue(), null);
    clock += 12 * MIN;
    const switched = await timer.start(deps(), item(2), null);
    expect(switched).toMatchObject({ ok: true, switched: { status: 'landed', seconds: 12 * 60, item: issue() } });
    expect(spentLogs()).toHaveLength(1);
    expect(spentLogs()[0]!.path).toContain('/issues/1/');
    expect((await timerItem.getValue())?.item).toMatchObject({ kind: 'issue', iid: 2 });
    expect((await viewState(null)).notice).toMatch(/Logged 12m to acme\/web#1.*Timer started on acme\/web#2/);
  });

  it('pause and resume change what is logged; discard logs nothing', async () => {
    await connected();
    await timer.start(deps(), issue(), null);
    clock += 10 * MIN;
    await timer.pause(deps(), null);
    clock += 60 * MIN;
    await timer.resume(deps(), null);
    clock += 5 * MIN;
    expect(await timer.stop(deps(), null)).toMatchObject({ ok: true, log: { seconds: 15 * 60 } });
    await timer.start(deps(), issue(), null);
    clock += 10 * MIN;
    await timer.discard(null);
    expect(await timerItem.getValue()).toBeNull();
    expect(spentLogs()).toHaveLength(1);
  });

  it('an answer that came in time leaves no wait behind (nothing keeps the worker busy)', async () => {
    await connected();
    await timer.start(deps(), issue(), null);
    clock += 25 * MIN;
    const set = vi.spyOn(globalThis, 'setTimeout');
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    try {
      const result = await timer.stop(deps(), null);
      expect(result).toMatchObject({ ok: true, log: { status: 'landed' } });
      const waits = set.mock.calls.map((call, i) => [call[1], set.mock.results[i]?.value] as const).filter(([ms]) => ms === 10_000);
      expect(waits).toHaveLength(1);
      expect(cleared.mock.calls.map((call) => call[0])).toContain(waits[0]![1]);
    } finally {
      set.mockRestore();
      cleared.mockRestore();
    }
  });

  it('a notice names the items it is about, so an item page shows it only there', async () => {
    await connected();
    await timer.start(deps(), issue(), null);
    clock += 20 * MIN;
    await timer.stop(deps(), null);
    const key = { instanceId: standIn.url, projectPath: 'acme/web', kind: 'issue', iid: 1 };
    expect(await viewState(standIn.url)).toMatchObject({ notice: 'Logged 20m to acme/web#1.', noticeAbout: [key] });
    // Switching: the logged item and the started one.
    await timer.start(deps(), issue(), null);
    clock += 5 * MIN;
    await timer.start(deps(), { ...item(2), title: 'Two' }, null);
    expect((await viewState(standIn.url)).noticeAbout).toEqual([key, { ...key, iid: 2 }]);
  });

  it('a view on a GitLab page sees only its own GitLab’s timer, logs and notices', async () => {
    await connected();
    await timer.start(deps(), issue(), null);
    expect((await viewState(standIn.url)).timer).toMatchObject({ item: issue() });
    expect(await viewState('https://gitlab.example.org')).toEqual({ timer: null, outbox: [], notice: null });
    expect((await viewState(null)).timer).toMatchObject({ item: issue() });
  });
});

describe('exactly once', () => {
  const path = '/api/v4/projects/acme%2Fweb/issues/1/add_spent_time';
  /** Our own sends of a log (not the colleague's). */
  const posts = () => standIn.requests.filter((r) => r.method === 'POST' && r.path === path && r.authToken === standIn.token);
  const realFetch = globalThis.fetch;
  const isSpend = (input: RequestInfo | URL) => String(input instanceof Request ? input.url : input).endsWith('/add_spent_time');
  /** GitLab applies the log, then answers 500. */
  const appliedThen500: typeof fetch = async (input, init) => {
    if (!isSpend(input)) return realFetch(input, init);
    await realFetch(input, init);
    return new Response(JSON.stringify({ message: '500 Internal Server Error' }), { status: 500, headers: { 'Content-Type': 'application/json' } });
  };
  /** A log (not a correction taking time back). */
  const adds = (init?: RequestInit) => !String((JSON.parse(String(init?.body ?? '{}')) as { duration?: string }).duration ?? '').startsWith('-');

  async function stopAfter(minutes: number, fetcher?: typeof fetch) {
    await timer.start(deps(), item(1), null);
    clock += minutes * MIN;
    return timer.stop(fetcher ? { ...deps(), fetch: fetcher } : deps(), null);
  }
  async function drain() {
    for (let i = 0; i < 10 && (await outboxItem.getValue()).some((l) => l.status === 'pending'); i++) {
      clock = Math.max(clock, ...(await outboxItem.getValue()).filter((l) => l.status === 'pending').map((l) => l.nextAttemptAt));
      await flushOutbox(deps());
    }
  }
  /** The newest entry id on GitLab now (what the outbox notes before a first send). */
  const newestId = () => Math.max(0, ...standIn.timelogs.map((t) => t.id));

  it('an answer lost after GitLab applied the log: checked after the settle wait, not sent again', async () => {
    await connected();
    standIn.fail('POST', path, { kind: 'drop-after', times: 1 });
    await stopAfter(20);
    const [log] = await outboxItem.getValue();
    expect(log).toMatchObject({ attempts: 1, status: 'pending', uncertain: true, evidence: { source: 'timelogs' } });
    // Not looked for before the request has surely landed or died.
    clock = log!.nextAttemptAt - 1;
    const before = standIn.requests.length;
    await flushOutbox(deps());
    expect(standIn.requests.length).toBe(before);
    await drain();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(posts()).toHaveLength(1);
    expect(own()).toHaveLength(1);
    expect(spentOn()).toBe(5400 + 1200);
  });

  it('a connection dropped before GitLab applied it: checked, then sent once', async () => {
    await connected();
    standIn.fail('POST', path, { kind: 'drop-before', times: 1 });
    await stopAfter(20);
    await drain();
    expect(posts()).toHaveLength(2);
    expect(own()).toHaveLength(1);
    expect(spentOn()).toBe(5400 + 1200);
  });

  it('a dropped request the browser resent, answered with a 429: sent again, and the proven second copy is deleted', async () => {
    await connected();
    // Chrome resends on a reused connection: the first copy was applied, the resend got a 429.
    standIn.fail('POST', path, { kind: 'drop-after', times: 1 });
    standIn.fail('POST', path, { kind: 'rate-limit', retryAfterSeconds: 1, times: 1 });
    const resending: typeof fetch = async (input, init) => {
      try {
        return await realFetch(input, init);
      } catch (error) {
        if (init?.method === 'POST') return realFetch(input, init);
        throw error;
      }
    };
    await stopAfter(20, resending);
    expect(own()).toHaveLength(1);
    await drain();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(own()).toHaveLength(1);
    expect(own()[0]!.id).toBe(Math.min(...standIn.timelogs.map((t) => t.id)));
    expect(spentOn()).toBe(5400 + 1200);
  });

  describe('with a colleague logging the same amount on the same issue meanwhile', () => {
    it('a 429 (GitLab did not apply it): sent again, lands once; his log is not taken for ours, nor touched', async () => {
      await connected();
      standIn.fail('POST', path, { kind: 'rate-limit', retryAfterSeconds: 1, times: 1 });
      await stopAfter(20);
      expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'pending', attempts: 1 });
      await colleagueLogs(20);
      await drain();
      expect(await outboxItem.getValue()).toEqual([]);
      expect(posts()).toHaveLength(2);
      expect(own().map((t) => t.seconds)).toEqual([1200]);
      expect(colleagues().map((t) => t.seconds)).toEqual([1200]);
      expect(spentOn()).toBe(5400 + 1200 + 1200);
    });

    it('a 500 GitLab did not apply: his entry of that amount is not ours, so ours is sent again, once', async () => {
      await connected();
      standIn.fail('POST', path, { kind: 'status', status: 500, times: 1 });
      await stopAfter(20);
      expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'pending', uncertain: true });
      await colleagueLogs(20);
      await drain();
      expect(await outboxItem.getValue()).toEqual([]);
      expect(posts()).toHaveLength(2);
      expect(own().map((t) => t.seconds)).toEqual([1200]);
      expect(colleagues().map((t) => t.seconds)).toEqual([1200]);
      expect(spentOn()).toBe(5400 + 2400);
    });

    it('a 500 GitLab had applied: our own entry is found, not sent again; his stays', async () => {
      await connected();
      await stopAfter(20, appliedThen500);
      expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'pending', uncertain: true });
      await colleagueLogs(20);
      await drain();
      expect(await outboxItem.getValue()).toEqual([]);
      expect(posts()).toHaveLength(1);
      expect(own().map((t) => t.seconds)).toEqual([1200]);
      expect(colleagues().map((t) => t.seconds)).toEqual([1200]);
      expect(spentOn()).toBe(5400 + 2400);
    });

    it('a timeout after GitLab applied it: found by username after the settle wait, not sent again; his stays', async () => {
      await connected();
      const appliedThenTimeout: typeof fetch = async (input, init) => {
        if (!isSpend(input)) return realFetch(input, init);
        await realFetch(input, init);
        throw new DOMException('The operation was aborted.', 'AbortError');
      };
      await stopAfter(20, appliedThenTimeout);
      const [log] = await outboxItem.getValue();
      expect(log).toMatchObject({ status: 'pending', uncertain: true, lastError: expect.stringMatching(/did not answer|time/i) });
      expect(log!.nextAttemptAt - clock).toBeGreaterThanOrEqual(SETTLE_MS);
      await colleagueLogs(20);
      await drain();
      expect(await outboxItem.getValue()).toEqual([]);
      expect(posts()).toHaveLength(1);
      expect(own().map((t) => t.seconds)).toEqual([1200]);
      expect(colleagues().map((t) => t.seconds)).toEqual([1200]);
    });

    it('a duplicate proven by two own copies: the newer own copy is deleted, his is untouched', async () => {
      await connected();
      // The browser resent a request GitLab had applied (the colleague logged in between), and both answers were lost.
      const resentAndLost: typeof fetch = async (input, init) => {
        if (!isSpend(input)) return realFetch(input, init);
        await realFetch(input, init);
        await colleagueLogs(20);
        await realFetch(input, init);
        throw new TypeError('network error');
      };
      await stopAfter(20, resentAndLost);
      const [first, second] = own();
      expect(own()).toHaveLength(2);
      expect(spentOn()).toBe(5400 + 3 * 1200);
      await drain();
      expect(await outboxItem.getValue()).toEqual([]);
      expect(posts()).toHaveLength(2);
      expect(own()).toEqual([first]);
      expect(own()[0]!.id).toBeLessThan(second!.id);
      expect(colleagues().map((t) => t.seconds)).toEqual([1200]);
      expect(spentOn()).toBe(5400 + 2400);
    });

    it('one own copy beside his of the same amount is not a duplicate: nothing is deleted', async () => {
      await connected();
      const appliedThenLost: typeof fetch = async (input, init) => {
        if (!isSpend(input)) return realFetch(input, init);
        await realFetch(input, init);
        await colleagueLogs(20);
        throw new TypeError('network error');
      };
      await stopAfter(20, appliedThenLost);
      await drain();
      expect(await outboxItem.getValue()).toEqual([]);
      expect(standIn.requests.some((r) => r.path === '/api/graphql' && String(r.body.query).includes('timelogDelete'))).toBe(false);
      expect(own().map((t) => t.seconds)).toEqual([1200]);
      expect(colleagues().map((t) => t.seconds)).toEqual([1200]);
    });
  });

  describe('a typed log GitLab refused, sent again from the kept form', () => {
    it('replaces the held log in one write: one log lands, nothing waits twice', async () => {
      await connected();
      standIn.fail('POST', path, { kind: 'status', status: 403, times: 1 });
      const refused = await timer.logTime(deps(), item(1), { seconds: 1200, summary: 'Docs' }, null);
      expect(refused).toMatchObject({ ok: true, log: { status: 'needs-attention' } });
      const heldId = refused.ok ? refused.log.id : undefined;
      expect((await outboxItem.getValue()).map((l) => [l.id, l.status])).toEqual([[heldId, 'needs-attention']]);
      const again = await timer.logTime(deps(), item(1), { seconds: 1200, summary: 'Docs', ...(heldId ? { instead: heldId } : {}) }, null);
      expect(again).toMatchObject({ ok: true, log: { status: 'landed' } });
      expect(await outboxItem.getValue()).toEqual([]);
      expect(own().map((t) => t.seconds)).toEqual([1200]);
    });

    it('a held log that may have reached GitLab is not replaced: the user decides it first', async () => {
      await connected();
      const held: PendingLog = {
        id: 'unsure', item: item(1), seconds: 1200, spentAt: clock, createdAt: clock, attempts: 1, nextAttemptAt: clock, status: 'needs-attention', author: 'demo',
        uncertain: true, lastError: 'An earlier attempt may have reached GitLab…',
      };
      await outboxItem.setValue([held]);
      const again = await timer.logTime(deps(), item(1), { seconds: 1200, instead: 'unsure' }, null);
      expect(again).toMatchObject({ ok: false, code: 'needs-confirmation', error: expect.stringMatching(/may have reached GitLab.*Needs attention/) });
      expect(await outboxItem.getValue()).toEqual([held]);
      expect(posts()).toHaveLength(0);
    });

    it('an id of another item’s log replaces nothing there', async () => {
      await connected();
      const other: PendingLog = { id: 'other', item: item(2), seconds: 600, spentAt: clock, createdAt: clock, attempts: 1, nextAttemptAt: clock, status: 'needs-attention', author: 'demo' };
      await outboxItem.setValue([other]);
      await timer.logTime(deps(), item(1), { seconds: 1200, instead: 'other' }, null);
      expect((await outboxItem.getValue()).map((l) => l.id)).toEqual(['other']);
    });
  });

  describe('with the user logging the same amount elsewhere meanwhile (GitLab’s page, another tool)', () => {
    /** The user's own log in GitLab, with their own token and a summary of their own. */
    async function userLogsElsewhere(minutes: number, summary: string) {
      const response = await realFetch(`${standIn.url}${path}`, {
        method: 'POST',
        headers: { 'PRIVATE-TOKEN': standIn.token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ duration: `${minutes}m`, summary }),
      });
      expect(response.status).toBe(201);
    }

    it('a 500 GitLab did not apply: their entry of that amount with another summary is not this log, so it is sent again', async () => {
      await connected();
      standIn.fail('POST', path, { kind: 'status', status: 500, times: 1 });
      await stopAfter(20);
      expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'pending', uncertain: true, sent: [''] });
      await userLogsElsewhere(20, 'Pairing with Ana');
      await drain();
      expect(await outboxItem.getValue()).toEqual([]);
      expect(posts().filter((r) => r.body.summary === undefined)).toHaveLength(2);
      expect(own().map((t) => [t.seconds, t.summary])).toEqual([
        [1200, 'Pairing with Ana'],
        [1200, null],
      ]);
      expect(spentOn()).toBe(5400 + 2400);
    });

    it('a 500 GitLab had applied: the entry with the summary this log sent is found, not sent again', async () => {
      await connected();
      await timer.logTime({ ...deps(), fetch: appliedThen500 }, item(1), { seconds: 1200, summary: 'Release notes' }, null);
      expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'pending', uncertain: true, sent: ['Release notes'] });
      await userLogsElsewhere(20, 'Pairing with Ana');
      await drain();
      expect(await outboxItem.getValue()).toEqual([]);
      expect(own().map((t) => t.summary)).toEqual(['Release notes', 'Pairing with Ana']);
      expect(spentOn()).toBe(5400 + 2400);
    });
  });

  it('a worker that died mid-request: the next worker checks before sending', async () => {
    await connected();
    const afterId = newestId();
    await stopAfter(20);
    expect(own()).toHaveLength(1);
    // As if the worker had died between sending and recording the answer.
    const log: PendingLog = {
      id: 'died', item: item(1), seconds: 1200, spentAt: clock, createdAt: clock, attempts: 0, nextAttemptAt: clock, status: 'pending', author: 'demo',
      evidence: { source: 'timelogs', afterId, total: 5400 }, inFlightSince: clock - 30_000,
    };
    await outboxItem.setValue([log]);
    await flushOutbox(deps());
    expect(await outboxItem.getValue()).toEqual([]);
    expect(posts()).toHaveLength(1);
    expect(own()).toHaveLength(1);
  });

  it('a request a stopped worker left in flight is given time to land before the check', async () => {
    await connected();
    const log: PendingLog = {
      id: 'recent', item: item(1), seconds: 600, spentAt: clock, createdAt: clock, attempts: 0, nextAttemptAt: clock, status: 'pending', author: 'demo',
      evidence: { source: 'timelogs', afterId: newestId(), total: 5400 }, inFlightSince: clock - 2_000,
    };
    await outboxItem.setValue([log]);
    const before = standIn.requests.length;
    await flushOutbox(deps());
    expect(standIn.requests.length).toBe(before);
    expect((await outboxItem.getValue())[0]).toMatchObject({ uncertain: true, nextAttemptAt: clock - 2_000 + SETTLE_MS });
    clock += SETTLE_MS;
    await flushOutbox(deps());
    expect(posts()).toHaveLength(1);
    expect(own().map((t) => t.seconds)).toEqual([600]);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('the clock moved back hours after a failed attempt: the retry waits its own wait, not the hours', async () => {
    await connected();
    standIn.fail('POST', path, { kind: 'status', status: 500, times: 1 });
    await stopAfter(20);
    const [failed] = await outboxItem.getValue();
    expect(failed).toMatchObject({ status: 'pending', uncertain: true, nextAttemptAt: clock + SETTLE_MS });
    clock -= 4 * 60 * MIN;
    await flushOutbox(deps());
    expect(posts()).toHaveLength(1);
    // The settle wait starts again from now (at least that much real time passes before the check).
    expect((await outboxItem.getValue())[0]).toMatchObject({ nextAttemptAt: clock + SETTLE_MS });
    clock += SETTLE_MS;
    await flushOutbox(deps());
    expect(await outboxItem.getValue()).toEqual([]);
    expect(posts()).toHaveLength(2);
    expect(own().map((t) => t.seconds)).toEqual([20 * 60]);
  });

  it('a request left in flight before the clock moved back is checked after a settle wait from now', async () => {
    await connected();
    const log: PendingLog = {
      id: 'ahead', item: item(1), seconds: 600, spentAt: clock, createdAt: clock, attempts: 0, nextAttemptAt: clock, status: 'pending', author: 'demo',
      evidence: { source: 'timelogs', afterId: newestId(), total: 5400 }, inFlightSince: clock + 3 * 60 * MIN,
    };
    await outboxItem.setValue([log]);
    await flushOutbox(deps());
    expect((await outboxItem.getValue())[0]).toMatchObject({ uncertain: true, nextAttemptAt: clock + SETTLE_MS });
    clock += SETTLE_MS;
    await flushOutbox(deps());
    expect(own().map((t) => t.seconds)).toEqual([600]);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('the clock moved back while a log waited behind another of its issue: its wait is cut too, and the alarm with it', async () => {
    await connected();
    const base = { item: item(1), spentAt: clock, createdAt: clock, status: 'pending' as const, author: 'demo', evidence: { source: 'timelogs' as const, afterId: newestId(), total: 5400 } };
    // The first waits out a settle wait; the second was set to wait 5 minutes before the clock moved back 2 hours.
    const first: PendingLog = { ...base, id: 'first', seconds: 600, attempts: 1, uncertain: true, nextAttemptAt: clock + SETTLE_MS };
    const second: PendingLog = { ...base, id: 'second', seconds: 900, attempts: 1, nextAttemptAt: clock + 2 * 60 * MIN + 5 * MIN };
    await outboxItem.setValue([first, second]);
    await flushOutbox(deps());
    const [, waiting] = await outboxItem.getValue();
    expect(waiting!.nextAttemptAt - clock).toBeLessThanOrEqual(60 * MIN);
    const alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
    expect(alarm!.scheduledTime - clock).toBeLessThanOrEqual(SETTLE_MS);
  });

  it('storage full just after a stopped timer’s log landed: Stop says it is saved and on its way (not an error), and it stays landed once', async () => {
    await connected();
    await timer.start(deps(), item(1), null);
    clock += 20 * MIN;
    const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let refused = 0;
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      // The write that takes the landed log out of the outbox, and the one noting the failure: refused.
      if (refused < 2 && 'outbox' in items && own().length > 0) {
        refused++;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      return realSet(items);
    });
    const stopped = await timer.stop(deps(), null);
    expect(refused).toBe(2);
    expect(stopped).toMatchObject({ ok: true, log: { status: 'waiting', seconds: 20 * 60 } });
    expect(await outboxItem.getValue()).toHaveLength(1);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeDefined();
    await drain();
    expect(own().map((t) => t.seconds)).toEqual([20 * 60]);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('two flushes at once send a log once', async () => {
    await connected();
    await timer.start(deps(), item(1), null);
    clock += 10 * MIN;
    standIn.fail('POST', path, { kind: 'latency', ms: 200, times: 1 });
    await Promise.all([timer.stop(deps(), null), flushOutbox(deps()), flushOutbox(deps()), timer.stop(deps(), null)]);
    await drain();
    expect(posts()).toHaveLength(1);
    expect(own()).toHaveLength(1);
  });

  it('a log GitLab refused (403) keeps its state, waiting for the user, while a later one lands; retried, it lands too, once', async () => {
    await connected();
    standIn.fail('POST', path, { kind: 'status', status: 403, times: 1 });
    await stopAfter(30);
    const [held] = await outboxItem.getValue();
    // GitLab said no in so many words: it is not there, nothing to look for; a retry notes the item afresh.
    expect(held).toMatchObject({ status: 'needs-attention', seconds: 1800, attempts: 1, uncertain: false, inFlightSince: null, lastError: expect.stringMatching(/permission/) });
    expect(held!.evidence).toBeUndefined();
    await stopAfter(60);
    await sendPendingNow(deps());
    clock += 60 * MIN;
    await drain();
    expect(await outboxItem.getValue()).toEqual([held]);
    expect(posts()).toHaveLength(2);
    expect(spentOn()).toBe(5400 + 3600);
    // The permission is back: the retry notes the entries as they are today (the later log included).
    const reads = () => standIn.requests.filter((r) => r.path === '/api/graphql' && r.body.operationName === 'ItemTimelogs').length;
    const readsBefore = reads();
    expect(await retryLog(deps(), held!.id)).toBe(true);
    await drain();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(own().map((t) => t.seconds).sort()).toEqual([1800, 3600]);
    expect(spentOn()).toBe(5400 + 3600 + 1800);
    expect(reads()).toBeGreaterThan(readsBefore);
  });

  it('an unanswered attempt whose check is refused stays unsettled, and later logs of that issue wait behind it', async () => {
    await connected();
    standIn.fail('POST', path, { kind: 'drop-after', times: 1 });
    await stopAfter(30);
    expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'pending', attempts: 1, uncertain: true });
    // The look before sending again is refused (twice): whether the first copy landed is unknown.
    standIn.fail('POST', '/api/graphql', { kind: 'status', status: 403, times: 2 });
    clock = (await outboxItem.getValue())[0]!.nextAttemptAt;
    await flushOutbox(deps());
    expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'pending', attempts: 2, uncertain: true });
    await stopAfter(60);
    expect(posts()).toHaveLength(1);
    expect((await outboxItem.getValue()).map((l) => [l.seconds, l.attempts, l.uncertain ?? false])).toEqual([
      [1800, 3, true],
      [3600, 0, false],
    ]);
    // Once it can look, the first finds its copy (not sent again), and the later one goes out after it.
    await drain();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(posts()).toHaveLength(2);
    expect(own().map((t) => t.seconds).sort()).toEqual([1800, 3600]);
    expect(spentOn()).toBe(5400 + 1800 + 3600);
  });

  it('an unanswered attempt with nothing to check it by waits for the user, and later logs of that issue wait behind it', async () => {
    await connected();
    // GitLab would not show the entries before the first send, and the answer to the send was lost.
    standIn.fail('POST', '/api/graphql', { kind: 'status', status: 403, times: 1 });
    standIn.fail('POST', path, { kind: 'drop-after', times: 1 });
    await stopAfter(30);
    expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'pending', uncertain: true, evidence: null });
    clock = (await outboxItem.getValue())[0]!.nextAttemptAt;
    await flushOutbox(deps());
    const [held] = await outboxItem.getValue();
    expect(held).toMatchObject({ status: 'needs-attention', lastError: expect.stringMatching(/may have reached GitLab.*Check the time on acme\/web#1/) });
    await stopAfter(60);
    await drain();
    expect(posts()).toHaveLength(1);
    expect((await outboxItem.getValue()).map((l) => [l.seconds, l.status])).toEqual([
      [1800, 'needs-attention'],
      [3600, 'pending'],
    ]);
    // The user looks in GitLab, finds the time there, and discards the held log: the later one goes.
    expect(await discardLog(held!.id)).toBe(true);
    await drain();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(own().map((t) => t.seconds).sort()).toEqual([1800, 3600]);
    expect(spentOn()).toBe(5400 + 1800 + 3600);
  });

  it('a log delivered on a later day lands on the day the work was done (GraphQL spentAt)', async () => {
    await connected();
    standIn.fail('POST', path, { kind: 'status', status: 503, times: 1 });
    const workDay = clock;
    await stopAfter(45);
    clock += 24 * 60 * MIN;
    await drain();
    const log = standIn.timelogs.at(-1)!;
    expect(log).toMatchObject({ seconds: 2700, userId: standIn.user.id });
    expect(new Date(log.spentAt).getTime()).toBe(workDay);
    expect(posts()).toHaveLength(1); // the failed REST attempt; the late one went by GraphQL
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('where the server has no timelogCreate, the summary says which day the work was done', async () => {
    await connected();
    await instancesItem.setValue((await instancesItem.getValue()).map((i) => ({ ...i, gitlabVersion: '14.10.0' })));
    standIn.fail('POST', path, { kind: 'status', status: 503, times: 1 });
    await stopAfter(45);
    clock += 24 * 60 * MIN;
    await drain();
    expect(String(posts().at(-1)!.body.summary)).toMatch(/^\(work done on \d{4}-\d{2}-\d{2}\)$/);
    expect(own().map((t) => t.seconds)).toEqual([2700]);
  });

  it('a log the browser delivered twice is undone: GraphQL deletes the newer copy', async () => {
    await connected();
    // What Chrome does when a reused connection drops after GitLab applied the request: resend it.
    const doubling: typeof fetch = async (input, init) => {
      if (isSpend(input)) await realFetch(input, init);
      return realFetch(input, init);
    };
    const stopped = await stopAfter(20, doubling);
    expect(posts()).toHaveLength(2);
    expect(own()).toHaveLength(1);
    expect(own()[0]!.id).toBe(Math.min(...standIn.timelogs.map((t) => t.id)));
    expect(spentOn()).toBe(5400 + 1200);
    expect(stopped).toMatchObject({ ok: true, log: { status: 'landed', timeStats: { total_time_spent: 5400 + 1200 } } });
  });

  it('a colleague’s log landing between the entries read and our send is no duplicate: nothing is deleted', async () => {
    await connected();
    // The total GitLab answers differs from the one noted: only the user's own entries can tell why.
    const colleagueFirst: typeof fetch = async (input, init) => {
      if (isSpend(input)) await colleagueLogs(20);
      return realFetch(input, init);
    };
    await stopAfter(20, colleagueFirst);
    expect(await outboxItem.getValue()).toEqual([]);
    expect(own().map((t) => t.seconds)).toEqual([1200]);
    expect(colleagues().map((t) => t.seconds)).toEqual([1200]);
    expect(spentOn()).toBe(5400 + 2400);
  });

  it('without GraphQL (before 15.3), an unanswered log is looked for in the time tracking system notes, by author', async () => {
    await connected();
    await instancesItem.setValue((await instancesItem.getValue()).map((i) => ({ ...i, gitlabVersion: '14.10.0' })));
    standIn.fail('POST', path, { kind: 'drop-after', times: 1 });
    await stopAfter(20);
    expect((await outboxItem.getValue())[0]).toMatchObject({ uncertain: true, evidence: { source: 'notes' } });
    await colleagueLogs(20);
    await drain();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(posts()).toHaveLength(1);
    expect(own().map((t) => t.seconds)).toEqual([1200]);
    expect(standIn.requests.some((r) => r.path === '/api/graphql')).toBe(false);
    expect(standIn.requests.some((r) => r.method === 'GET' && r.path === '/api/v4/projects/acme%2Fweb/issues/1/notes')).toBe(true);
  });

  it('without GraphQL, a doubled log (both answers lost) is corrected by a subtracting log', async () => {
    await connected();
    await instancesItem.setValue((await instancesItem.getValue()).map((i) => ({ ...i, gitlabVersion: '14.10.0' })));
    const resentAndLost: typeof fetch = async (input, init) => {
      if (!isSpend(input) || !adds(init)) return realFetch(input, init);
      await realFetch(input, init);
      await realFetch(input, init);
      throw new TypeError('network error');
    };
    await stopAfter(20, resentAndLost);
    expect(spentOn()).toBe(5400 + 2400);
    await drain();
    expect(spentOn()).toBe(5400 + 1200);
    expect(standIn.timelogs.filter((t) => t.userId === standIn.user.id).map((t) => t.seconds)).toEqual([1200, 1200, -1200]);
    expect(posts().at(-1)!.body).toMatchObject({ duration: '-20m' });
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('without GraphQL, a log the browser delivered twice (answered) is corrected by a subtracting log', async () => {
    await connected();
    await instancesItem.setValue((await instancesItem.getValue()).map((i) => ({ ...i, gitlabVersion: '14.10.0' })));
    const doubling: typeof fetch = async (input, init) => {
      if (isSpend(input) && adds(init)) await realFetch(input, init);
      return realFetch(input, init);
    };
    await stopAfter(20, doubling);
    await drain();
    expect(spentOn()).toBe(5400 + 1200);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('rounding: 5 minutes up, 15 nearest', async () => {
    await connected();
    const { settingsItem, DEFAULT_SETTINGS } = await import('@/lib/model/storage');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, roundTo: 5, roundMode: 'up' });
    expect(await stopAfter(11)).toMatchObject({ ok: true, log: { seconds: 15 * 60 } });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, roundTo: 15, roundMode: 'nearest' });
    expect(await stopAfter(5)).toMatchObject({ ok: false, code: 'needs-confirmation' });
    await timer.discard(null);
    expect(await stopAfter(8)).toMatchObject({ ok: true, log: { seconds: 15 * 60 } });
  });

  it('a timer left running over 12 hours asks before logging; a second Stop confirms', async () => {
    await connected();
    const first = await stopAfter(13 * 60);
    expect(first).toMatchObject({ ok: false, code: 'needs-confirmation' });
    if (!first.ok) expect(first.error).toMatch(/13h.*Press Stop timer again/);
    clock += 5_000;
    expect(await timer.stop(deps(), null)).toMatchObject({ ok: true, log: { seconds: 13 * 3600 } });
  });

  it('switching with the pause setting parks the running timer and picks it up again', async () => {
    await connected();
    const { settingsItem, DEFAULT_SETTINGS, parkedTimersItem } = await import('@/lib/model/storage');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, onSwitch: 'pause' });
    await timer.start(deps(), item(1), null);
    clock += 10 * MIN;
    await timer.start(deps(), item(2), null);
    expect(posts()).toHaveLength(0);
    expect(await parkedTimersItem.getValue()).toHaveLength(1);
    clock += 5 * MIN;
    await timer.start(deps(), item(1), null);
    clock += 5 * MIN;
    expect(await timer.stop(deps(), null)).toMatchObject({ ok: true, log: { seconds: 15 * 60 } });
  });

  it('idle time: discard drops only the idle stretch, keep keeps it', async () => {
    await connected();
    await timer.start(deps(), item(1), null);
    const t0 = clock;
    clock += 60 * MIN;
    expect(await timer.noteIdle(t0 + 20 * MIN, t0 + 50 * MIN)).toBe(true);
    expect(await timer.stop(deps(), null)).toMatchObject({ ok: false, code: 'needs-confirmation' });
    await timer.resolveIdle(false);
    expect(await timer.stop(deps(), null)).toMatchObject({ ok: true, log: { seconds: 30 * 60 } });

    await timer.start(deps(), item(1), null);
    const t1 = clock;
    clock += 60 * MIN;
    await timer.noteIdle(t1 + 20 * MIN, t1 + 50 * MIN);
    await timer.resolveIdle(true);
    expect(await timer.stop(deps(), null)).toMatchObject({ ok: true, log: { seconds: 60 * 60 } });
  });
});

describe("the computer's clock moved while the timer ran", () => {
  /** Wall and monotonic clocks apart: `clock` is the wall, `mono` this worker's performance.now(). */
  let mono = 0;
  const real = (ms: number) => {
    clock += ms;
    mono += ms;
  };
  const clocks = (): BackgroundDeps => ({ ...deps(), mono: () => mono });
  beforeEach(() => {
    mono = 1_000;
  });

  it('back an hour after 20 real minutes: 20 minutes are logged, not nothing', async () => {
    await connected();
    await timer.start(clocks(), item(1), null);
    real(20 * MIN);
    clock -= 60 * MIN;
    const result = await timer.stop(clocks(), null);
    expect(result).toMatchObject({ ok: true, log: { status: 'landed', seconds: 20 * 60 } });
    expect(own().map((t) => t.seconds)).toEqual([20 * 60]);
  });

  it('back while running, then paused and resumed: every real minute counts', async () => {
    await connected();
    await timer.start(clocks(), item(1), null);
    real(10 * MIN);
    clock -= 3 * 60 * MIN;
    real(5 * MIN);
    await timer.pause(clocks(), null);
    real(30 * MIN);
    await timer.resume(clocks(), null);
    real(15 * MIN);
    expect(await timer.stop(clocks(), null)).toMatchObject({ ok: true, log: { seconds: 30 * 60 } });
  });

  it('forward three hours after 20 real minutes: asks, and discarding logs the 20 minutes', async () => {
    await connected();
    await timer.start(clocks(), item(1), null);
    real(20 * MIN);
    clock += 3 * 60 * MIN;
    const asked = await timer.stop(clocks(), null);
    expect(asked).toMatchObject({ ok: false, code: 'needs-confirmation' });
    expect((await viewState(null)).notice).toMatch(/clock moved forward 3h while the timer ran on acme\/web#1\. Keep or discard/);
    expect(own()).toEqual([]);
    await timer.resolveIdle(false);
    expect(await timer.stop(clocks(), null)).toMatchObject({ ok: true, log: { seconds: 20 * 60 } });
  });

  it('forward, kept: the user decides the time was real', async () => {
    await connected();
    await timer.start(clocks(), item(1), null);
    real(20 * MIN);
    clock += 60 * MIN;
    expect(await timer.watchClock(clocks())).toBe(true);
    await timer.resolveIdle(true);
    expect(await timer.stop(clocks(), null)).toMatchObject({ ok: true, log: { seconds: 80 * 60 } });
  });

  it('the minute tick keeps the timer seen: two hours of ticks are steady, and stop logs them', async () => {
    await connected();
    await timer.start(clocks(), item(1), null);
    for (let i = 0; i < 120; i++) {
      real(MIN);
      expect(await timer.watchClock(clocks())).toBe(false);
    }
    expect(await timer.stop(clocks(), null)).toMatchObject({ ok: true, log: { seconds: 120 * 60 } });
  });

  it('switching to another item with time in question asks first and logs nothing', async () => {
    await connected();
    await timer.start(clocks(), item(1), null);
    real(20 * MIN);
    clock += 60 * MIN;
    expect(await timer.start(clocks(), item(2), null)).toMatchObject({ ok: false, code: 'needs-confirmation', error: expect.stringMatching(/keep or discard the idle time on acme\/web#1/) });
    expect(own()).toEqual([]);
    expect((await timerItem.getValue())?.item).toMatchObject({ iid: 1 });
  });

  describe('in a worker that never saw the timer (the worker was stopped, or the browser restarted)', () => {
    /** A fresh worker: the background's modules loaded again, with nothing in memory. */
    async function freshWorker() {
      vi.resetModules();
      return { ...(await import('@/lib/background/timer')), viewState: (await import('@/lib/background/views')).viewState };
    }

    it('eight hours unseen (a closed browser, a sleeping computer) are asked about, not counted', async () => {
      await connected();
      await timer.start(clocks(), item(1), null);
      real(3 * MIN);
      await timer.watchClock(clocks());
      clock += 8 * 60 * MIN;
      mono = 50; // a new worker's own origin
      const later = await freshWorker();
      expect(await later.watchClock(clocks())).toBe(true);
      expect((await timerItem.getValue())?.idle).toEqual({ from: T0 + 3 * MIN, to: clock });
      await later.resolveIdle(false);
      expect(await later.stop(clocks(), null)).toMatchObject({ ok: true, log: { seconds: 3 * 60 } });
    });

    it('a clock now before the last sighting moves the running stretch back with it', async () => {
      await connected();
      await timer.start(clocks(), item(1), null);
      real(40 * MIN);
      await timer.watchClock(clocks());
      clock -= 2 * 60 * MIN;
      mono = 50;
      const later = await freshWorker();
      expect(await later.watchClock(clocks())).toBe(false);
      expect((await later.viewState(null)).notice).toMatch(/clock went back 2h; the timer on acme\/web#1 kept counting real time/);
      real(5 * MIN);
      expect(await later.stop(clocks(), null)).toMatchObject({ ok: true, log: { seconds: 45 * 60 } });
    });

    it('a worker stopped for under the tick margin counts on', async () => {
      await connected();
      await timer.start(clocks(), item(1), null);
      real(2 * MIN);
      mono = 50;
      const later = await freshWorker();
      real(2 * MIN);
      expect(await later.watchClock(clocks())).toBe(false);
      expect(await later.stop(clocks(), null)).toMatchObject({ ok: true, log: { seconds: 4 * 60 } });
    });
  });
});

describe('requests per timer stop', () => {
  const base = '/api/v4/projects/acme%2Fweb/issues/1/';
  /** What reached GitLab about acme/web#1, in order: REST calls by path, GraphQL by operation. */
  const issueRequests = () =>
    standIn.requests.flatMap((r) => {
      if (r.path === '/api/graphql') {
        const vars = r.body.variables as { fullPath?: string; iid?: string } | undefined;
        return vars?.fullPath === 'acme/web' && vars.iid === '1' ? [`GraphQL ${String(r.body.operationName)}`] : [];
      }
      return r.path.startsWith(base) ? [`${r.method} ${r.path.slice(base.length)}`] : [];
    });
  const url = () => `${standIn.url}/acme/web/-/issues/1`;
  /** The issue page's widget asking for its numbers, through the router as its messages go. */
  const widgetAsks = async () => {
    const sender = { id: fakeBrowser.runtime.id, url: url(), frameId: 0, tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url: url() } };
    const view = await route(deps(), handlers(deps()), 'itemView', { projectPath: 'acme/web', kind: 'issue', iid: 1 }, sender);
    return view.ok ? view.timeStats.total_time_spent : view.error;
  };
  async function startTimer() {
    await connected();
    await timer.start(deps(), item(1), null);
    clock += 20 * MIN;
  }

  it('a normal stop: one read of the entries, one write; the answer carries GitLab’s new numbers, and the issue’s tabs hear them', async () => {
    await startTimer();
    // A tab on this GitLab's issue, and one elsewhere.
    await fakeBrowser.tabs.create({ url: url() });
    await fakeBrowser.tabs.create({ url: 'https://example.org/acme/web/-/issues/1' });
    const told = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    const stopped = await timer.stop(deps(), null);
    expect(stopped).toMatchObject({ ok: true, log: { status: 'landed', seconds: 1200, timeStats: { total_time_spent: 6600 } } });
    expect(issueRequests()).toEqual(['GraphQL ItemTimelogs', 'POST add_spent_time']);
    expect(standIn.timelogs.filter((t) => t.seconds === 1200)).toHaveLength(1);
    await vi.waitFor(() => expect(told).toHaveBeenCalled());
    const totals = told.mock.calls.map((call) => JSON.stringify(call));
    expect(totals.some((m) => m.includes('itemTotals') && m.includes('6600'))).toBe(true);
    const tabs = await fakeBrowser.tabs.query({});
    const elsewhere = tabs.find((t) => t.url?.startsWith('https://example.org'))!;
    expect(told.mock.calls.every(([tabId]) => tabId !== elsewhere.id)).toBe(true);
  });

  it('the widget asking while the log is on its way asks GitLab itself: one request, today’s numbers', async () => {
    await startTimer();
    standIn.fail('POST', `${base}add_spent_time`, { kind: 'latency', ms: 150, times: 1 });
    const asked: Array<Promise<number | string>> = [];
    const unwatch = outboxItem.watch((logs) => logs[0]?.inFlightSince && !asked.length && asked.push(widgetAsks()));
    await timer.stop(deps(), null);
    unwatch();
    expect(asked).toHaveLength(1);
    expect([5400, 6600]).toContain(await asked[0]);
    expect(issueRequests().sort()).toEqual(['GET time_stats', 'GraphQL ItemTimelogs', 'POST add_spent_time'].sort());
    expect(await widgetAsks()).toBe(6600);
  });

  it('after an unanswered attempt, the check is one read of the entries after the settle wait, and nothing is sent again', async () => {
    await startTimer();
    standIn.fail('POST', `${base}add_spent_time`, { kind: 'drop-after', times: 1 });
    await timer.stop(deps(), null);
    // GitLab applied the log, the answer was lost: the widget reads for itself.
    expect(await widgetAsks()).toBe(6600);
    clock = (await outboxItem.getValue())[0]!.nextAttemptAt;
    const report = await flushOutbox(deps());
    expect(report.delivered.map((d) => d.timeStats?.total_time_spent)).toEqual([6600]);
    expect(await outboxItem.getValue()).toEqual([]);
    expect(issueRequests()).toEqual(['GraphQL ItemTimelogs', 'POST add_spent_time', 'GET time_stats', 'GraphQL ItemTimelogs']);
    expect(standIn.timelogs.filter((t) => t.seconds === 1200)).toHaveLength(1);
  });
});
