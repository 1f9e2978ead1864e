// @vitest-environment node
// The Timesheet's background half against the GitLab stand-in: the user's week by GraphQL
// `timelogs` (pages of 100, every GitLab in parallel), the cache, GitLabs too old for `timelogs`,
// and deleting a log with GitLab's permission rules.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { stubBackgroundApis } from '../support/fake-background';
import { startStandIn, type StandIn } from '../fake-gitlab/server';
import type { Timelog } from '../fake-gitlab/api';
import { connect, disconnect } from '@/lib/background/connections';
import { handlers, route } from '@/lib/background/routes';
import type { BackgroundDeps } from '@/lib/background/token-client';
import { deleteTimelog, timesheetWeek } from '@/lib/background/timesheet';
import * as timer from '@/lib/background/timer';
import { loggedHistoryItem, timesheetCacheItem } from '@/lib/model/timesheet-store';

let home: StandIn;
let away: StandIn;
let old: StandIn;
let clock = Date.UTC(2026, 2, 6, 12);
const deps = (): BackgroundDeps => ({ browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, mono: () => clock, fetch: (...a) => fetch(...a) });

/** Monday 2 March 2026 to Monday 9 March, UTC. */
const WEEK = { start: Date.UTC(2026, 2, 2), end: Date.UTC(2026, 2, 9) };
const DAY = 86_400_000;

let nextId = 5000;
/** A time log as GitLab would hold it, by `userId`, on an issue (or a merge request). */
function addLog(standIn: StandIn, opts: { userId?: number; project?: string; iid?: number; mr?: boolean; seconds?: number; spentAt: number; summary?: string }): Timelog {
  const project = opts.project ?? 'acme/web';
  const iid = opts.iid ?? 1;
  const record = opts.mr ? standIn.mergeRequest(project, iid)! : standIn.issue(project, iid)!;
  const projectId = record.projectId;
  const log: Timelog = {
    id: nextId++,
    issueId: record.id,
    mergeRequestId: opts.mr ? record.id : null,
    userId: opts.userId ?? standIn.user.id,
    seconds: opts.seconds ?? 3600,
    summary: opts.summary ?? null,
    at: new Date(opts.spentAt).toISOString(),
    spentAt: new Date(opts.spentAt).toISOString(),
    projectId,
    iid,
  };
  (standIn.timelogs as Timelog[]).push(log);
  return log;
}

const timesheetRequests = (standIn: StandIn) => standIn.requests.filter((r) => r.path === '/api/graphql' && r.body.operationName === 'Timesheet');

beforeAll(async () => {
  [home, away, old] = await Promise.all([startStandIn(), startStandIn({ basePath: '/gitlab', token: 'glpat-away-token-0123456789' }), startStandIn({ era: '10.x', token: 'glpat-old-token-0123456789' })]);
});
afterAll(async () => {
  await Promise.all([home.close(), away.close(), old.close()]);
});
beforeEach(async () => {
  fakeBrowser.reset();
  for (const s of [home, away, old]) s.reset();
  stubBackgroundApis();
  clock = Date.UTC(2026, 2, 6, 12);
  expect((await connect(deps(), { baseUrl: home.url, token: home.token })).ok).toBe(true);
});

describe('the week from GitLab', () => {
  it("lists the user's own logs of the week only, mapped to the Timesheet's shape; a colleague's never", async () => {
    const mine = addLog(home, { spentAt: Date.UTC(2026, 2, 3, 9), seconds: 5400, summary: 'Review' });
    addLog(home, { mr: true, iid: 1, spentAt: Date.UTC(2026, 2, 4, 9), seconds: 1800 });
    addLog(home, { userId: home.colleague.id, spentAt: Date.UTC(2026, 2, 3, 10), seconds: 7200 });
    addLog(home, { spentAt: WEEK.start - 1000 });
    addLog(home, { spentAt: WEEK.end });

    const { weeks } = await timesheetWeek(deps(), { ...WEEK, mode: 'fresh' });
    expect(weeks).toHaveLength(1);
    const [week] = weeks;
    expect(week).toMatchObject({ instanceId: home.url, username: home.user.username, source: 'gitlab', error: null, fetchedAt: clock, requests: 1 });
    expect(week!.logs).toEqual([
      {
        id: `gid://gitlab/Timelog/${mine.id}`,
        instanceId: home.url,
        spentAt: '2026-03-03T09:00:00Z',
        seconds: 5400,
        summary: 'Review',
        item: { kind: 'issue', projectPath: 'acme/web', iid: 1, title: home.issue('acme/web', 1)!.title, webUrl: `${home.url}/acme/web/-/issues/1` },
      },
      expect.objectContaining({ seconds: 1800, item: expect.objectContaining({ kind: 'merge_request', projectPath: 'acme/web', iid: 1, webUrl: `${home.url}/acme/web/-/merge_requests/1` }) }),
    ]);
    const request = timesheetRequests(home)[0]!;
    // A read, sent as GitLab takes queries by GET.
    expect(request.method).toBe('GET');
    const sent = JSON.parse(String(request.body.variables)) as Record<string, unknown>;
    expect(sent).toMatchObject({ username: home.user.username, startTime: '2026-03-02T00:00:00.000Z', endTime: '2026-03-08T23:59:59.000Z' });
  });

  it('reads 1,000 logs in pages of 100: ten requests, nothing lost or doubled', async () => {
    for (let i = 0; i < 1000; i++) addLog(home, { spentAt: WEEK.start + (i % 7) * DAY + 3600_000 + i * 1000, seconds: 60 });
    const { weeks } = await timesheetWeek(deps(), { ...WEEK, mode: 'fresh' });
    expect(weeks[0]!.logs).toHaveLength(1000);
    expect(new Set(weeks[0]!.logs.map((l) => l.id)).size).toBe(1000);
    expect(timesheetRequests(home)).toHaveLength(10);
    expect(weeks[0]!.requests).toBe(10);
  });

  it('asks every connected GitLab in parallel, and one that fails keeps its last good logs beside its error', async () => {
    expect((await connect(deps(), { baseUrl: away.url, token: away.token })).ok).toBe(true);
    addLog(home, { spentAt: Date.UTC(2026, 2, 3, 9) });
    addLog(away, { spentAt: Date.UTC(2026, 2, 4, 9), seconds: 600 });
    const first = await timesheetWeek(deps(), { ...WEEK, mode: 'fresh' });
    expect(first.weeks.map((w) => [w.instanceId, w.logs.length])).toEqual([
      [home.url, 1],
      [away.url, 1],
    ]);
    expect(first.weeks[1]!.logs[0]!.item!.webUrl).toBe(`${away.url}/acme/web/-/issues/1`);

    away.fail('GET', '/api/graphql', { kind: 'status', status: 500, times: 5 });
    clock += 5 * 60_000;
    const second = await timesheetWeek(deps(), { ...WEEK, mode: 'fresh' });
    expect(second.weeks[0]).toMatchObject({ error: null, fetchedAt: clock });
    expect(second.weeks[1]).toMatchObject({ error: expect.stringMatching(/\S/), errorCode: 'server', fetchedAt: clock - 5 * 60_000 });
    expect(second.weeks[1]!.logs).toHaveLength(1);
  });
});

describe('the cache', () => {
  it('answers `cache` from storage without asking GitLab, `recent` from storage for a minute, `fresh` from GitLab', async () => {
    addLog(home, { spentAt: Date.UTC(2026, 2, 3, 9) });
    expect(await timesheetWeek(deps(), { ...WEEK, mode: 'cache' })).toEqual({ weeks: [], cachedAt: null });
    expect(timesheetRequests(home)).toHaveLength(0);

    await timesheetWeek(deps(), { ...WEEK, mode: 'fresh' });
    addLog(home, { spentAt: Date.UTC(2026, 2, 4, 9) });
    const cached = await timesheetWeek(deps(), { ...WEEK, mode: 'cache' });
    expect(cached.cachedAt).toBe(clock);
    expect(cached.weeks[0]!.logs).toHaveLength(1);

    const fetchedAt = clock;
    clock += 30_000;
    const recent = await timesheetWeek(deps(), { ...WEEK, mode: 'recent' });
    expect(recent.weeks[0]!.logs).toHaveLength(1);
    // The figures are as old as their fetch, not as the answer.
    expect(recent.cachedAt).toBe(fetchedAt);
    expect(timesheetRequests(home)).toHaveLength(1);
    clock += 31_000;
    expect((await timesheetWeek(deps(), { ...WEEK, mode: 'recent' })).weeks[0]!.logs).toHaveLength(2);
    expect(timesheetRequests(home)).toHaveLength(2);
  });

  it('keeps weeks apart and only the newest twelve', async () => {
    for (let i = 0; i < 14; i++) {
      clock += 1000;
      await timesheetWeek(deps(), { start: WEEK.start - i * 7 * DAY, end: WEEK.end - i * 7 * DAY, mode: 'fresh' });
    }
    const keys = Object.keys(await timesheetCacheItem.getValue());
    expect(keys).toHaveLength(12);
    expect(keys).toContain(`${WEEK.start - 13 * 7 * DAY}-${WEEK.end - 13 * 7 * DAY}`);
    expect(keys).not.toContain(`${WEEK.start}-${WEEK.end}`);
  });
});

describe('disconnecting', () => {
  it("forgets that GitLab's cached weeks and its history of delivered logs", async () => {
    expect((await connect(deps(), { baseUrl: old.url, token: old.token })).ok).toBe(true);
    addLog(home, { spentAt: Date.UTC(2026, 2, 3, 9) });
    await timer.logTime(deps(), { instanceId: old.url, projectPath: 'acme/web', kind: 'issue', iid: 1 }, { seconds: 600 }, null);
    await timesheetWeek(deps(), { ...WEEK, mode: 'fresh' });
    expect(await loggedHistoryItem.getValue()).toHaveLength(1);
    expect((await disconnect(deps(), old.url)).ok).toBe(true);
    expect(await loggedHistoryItem.getValue()).toEqual([]);
    const cached = Object.values(await timesheetCacheItem.getValue())[0]!;
    expect(cached.weeks.map((w) => w.instanceId)).toEqual([home.url]);
  });
});

describe('a GitLab too old for timelogs', () => {
  it('says so in words and shows what this browser logged there, kept 90 days', async () => {
    expect((await connect(deps(), { baseUrl: old.url, token: old.token })).ok).toBe(true);
    clock = Date.UTC(2026, 2, 4, 10);
    const logged = await timer.logTime(deps(), { instanceId: old.url, projectPath: 'acme/web', kind: 'issue', iid: 1 }, { seconds: 1500, summary: 'Fix' }, null);
    expect(logged.ok && logged.log.status).toBe('landed');

    const { weeks } = await timesheetWeek(deps(), { ...WEEK, mode: 'fresh' });
    const there = weeks.find((w) => w.instanceId === old.url)!;
    expect(there.source).toBe('browser');
    expect(there.unsupported).toMatch(/GitLab 10\.8\.7 .* cannot list time logs \(GitLab 15\.3 and later can\)/);
    expect(there.logs).toEqual([expect.objectContaining({ instanceId: old.url, seconds: 1500, spentAt: new Date(Date.UTC(2026, 2, 4, 10)).toISOString(), item: expect.objectContaining({ projectPath: 'acme/web', iid: 1 }) })]);
    expect(old.requests.some((r) => r.path === '/api/graphql')).toBe(false);

    // 91 days on, a new delivery drops the old entry.
    clock += 91 * DAY;
    await timer.logTime(deps(), { instanceId: old.url, projectPath: 'acme/web', kind: 'issue', iid: 1 }, { seconds: 600 }, null);
    expect((await loggedHistoryItem.getValue()).map((e) => e.seconds)).toEqual([600]);
  });
});

describe('Delete time log', () => {
  it('deletes the user\'s own log in GitLab and drops it from the cached week', async () => {
    const log = addLog(home, { spentAt: Date.UTC(2026, 2, 3, 9) });
    await timesheetWeek(deps(), { ...WEEK, mode: 'fresh' });
    expect(await deleteTimelog(deps(), home.url, `gid://gitlab/Timelog/${log.id}`)).toEqual({ ok: true });
    expect(home.timelogs.some((t) => t.id === log.id)).toBe(false);
    expect((await timesheetWeek(deps(), { ...WEEK, mode: 'cache' })).weeks[0]!.logs).toEqual([]);
  });

  it("refuses a colleague's log where the user is a Developer, in words, and changes nothing", async () => {
    const theirs = addLog(home, { userId: home.colleague.id, spentAt: Date.UTC(2026, 2, 3, 9) });
    const answer = await deleteTimelog(deps(), home.url, `gid://gitlab/Timelog/${theirs.id}`);
    expect(answer).toMatchObject({ ok: false, code: 'refused', error: expect.stringMatching(/^GitLab did not delete this time log\. Only its author or a Maintainer of the project may delete it/) });
    expect(home.timelogs.some((t) => t.id === theirs.id)).toBe(true);
  });

  it("lets a Maintainer delete a colleague's log (acme/platform/infra)", async () => {
    const theirs = addLog(home, { userId: home.colleague.id, project: 'acme/platform/infra', iid: 1, spentAt: Date.UTC(2026, 2, 3, 9) });
    expect(await deleteTimelog(deps(), home.url, `gid://gitlab/Timelog/${theirs.id}`)).toEqual({ ok: true });
    expect(home.timelogs.some((t) => t.id === theirs.id)).toBe(false);
  });

  it('says a log already gone could not be deleted, and a GitLab without timelogDelete says why without a request', async () => {
    expect(await deleteTimelog(deps(), home.url, 'gid://gitlab/Timelog/999999')).toMatchObject({ ok: false, code: 'refused' });
    expect((await connect(deps(), { baseUrl: old.url, token: old.token })).ok).toBe(true);
    expect(await deleteTimelog(deps(), old.url, 'gid://gitlab/Timelog/1')).toMatchObject({ ok: false, error: expect.stringMatching(/GitLab 15\.3 and later/) });
    expect(old.requests.some((r) => r.path === '/api/graphql')).toBe(false);
    expect(await deleteTimelog(deps(), 'https://nowhere.example', 'gid://gitlab/Timelog/1')).toMatchObject({ ok: false, code: 'not-connected' });
  });
});

describe('the messages', () => {
  const page = () => ({ id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/timesheet.html` });
  it('refuse what is not a week or not a time log id', async () => {
    const table = handlers(deps());
    expect(await route(deps(), table, 'timesheetWeek', { start: WEEK.start, end: WEEK.start + 8 * DAY, mode: 'fresh' }, page())).toMatchObject({ ok: false, error: 'That is not a week.' });
    expect(await route(deps(), table, 'timesheetWeek', { start: WEEK.end, end: WEEK.start, mode: 'fresh' }, page())).toMatchObject({ ok: false });
    expect(await route(deps(), table, 'timesheetWeek', { ...WEEK, mode: 'everything' }, page())).toMatchObject({ ok: false });
    expect(await route(deps(), table, 'deleteTimelog', { instanceId: home.url, id: 'gid://gitlab/Issue/1' }, page())).toMatchObject({ ok: false, error: 'That is not a GitLab time log.' });
    expect(await route(deps(), table, 'deleteTimelog', { instanceId: home.url, id: 'local:abc' }, page())).toMatchObject({ ok: false });
    expect(timesheetRequests(home)).toHaveLength(0);
    expect(await route(deps(), table, 'timesheetWeek', { ...WEEK, mode: 'cache' }, page())).toEqual({ ok: true, weeks: [], cachedAt: null });
  });
});
