// @vitest-environment node
// A merge request's time, end to end through the background against the stand-in of each era
// with time tracking: the keyboard shortcut starts and stops the timer on the merge request page,
// and the log lands once, on the merge request, never on the issue with the same number.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { stubBackgroundApis } from '../support/fake-background';
import { startStandIn, type StandIn } from '../fake-gitlab/server';
import type { EraName } from '../fake-gitlab/eras';
import { handleCommand } from '@/lib/background/commands';
import type { BackgroundDeps } from '@/lib/background/token-client';
import { connect } from '@/lib/background/connections';
import { clientFor } from '@/lib/background/token-client';
import { timerItem } from '@/lib/model/storage';

let standIn: StandIn;
let clock = Date.UTC(2026, 10, 24, 9, 0);
const MIN = 60_000;
const deps = (): BackgroundDeps => ({ browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, mono: () => clock, fetch: (...a) => fetch(...a) });
const mr = { projectPath: 'acme/web', kind: 'merge_request' as const, iid: 1 };
const issue = { projectPath: 'acme/web', kind: 'issue' as const, iid: 1 };

async function on(era: EraName | undefined) {
  standIn = await startStandIn(era ? { era } : {});
  fakeBrowser.reset();
  stubBackgroundApis();
  expect((await connect(deps(), { baseUrl: standIn.url, token: standIn.token })).ok).toBe(true);
}
afterEach(() => standIn.close());

describe.each<[string, EraName | undefined, string]>([
  ['17.x (GraphQL timelogCreate)', undefined, '/acme/web/-/merge_requests/1'],
  ['16.x', '16.x', '/acme/web/-/merge_requests/1/diffs'],
  ['10.x', '10.x', '/acme/web/merge_requests/1/commits'],
  ['8.16 (API v3, the global id)', '8.16', '/acme/web/merge_requests/1'],
])('GitLab %s', (_, era, path) => {
  beforeEach(() => on(era));

  it('the shortcut on a merge request page logs its time once, on the merge request only', async () => {
    const tab = { url: `${standIn.url}${path}`, title: 'Add rate limiting to the login endpoint (!1) · Merge requests · acme / web · GitLab' };
    const before = standIn.mergeRequest('acme/web', 1)!.totalTimeSpent;
    expect(await handleCommand(deps(), 'toggle-timer', tab)).toEqual({ ok: true, message: 'Timer started on acme/web!1.' });
    expect((await timerItem.getValue())?.item).toMatchObject({ ...mr, title: 'Add rate limiting to the login endpoint' });
    clock += 25 * MIN;
    expect(await handleCommand(deps(), 'toggle-timer', tab)).toEqual({ ok: true, message: 'Logged 25m to acme/web!1.' });
    const logs = standIn.timelogs.filter((t) => t.seconds === 25 * 60);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ projectId: 1, iid: 1, mergeRequestId: standIn.mergeRequest('acme/web', 1)!.id });
    expect(standIn.mergeRequest('acme/web', 1)!.totalTimeSpent).toBe(before + 25 * 60);
    expect(standIn.timelogs.filter((t) => !t.mergeRequestId)).toEqual([]);
  });

  it('reads, estimates and adds a to-do on the merge request, not the issue with its number', async () => {
    const client = (await clientFor(deps(), standIn.url))!;
    const [mrStats, issueStats] = await Promise.all([client.getTimeStats(mr), client.getTimeStats(issue)]);
    expect(mrStats).toMatchObject({ time_estimate: 14400, total_time_spent: 3600 });
    expect(issueStats).not.toEqual(mrStats);
    expect(await client.setTimeEstimate(mr, 5400)).toMatchObject({ time_estimate: 5400, human_time_estimate: '1h 30m' });
    expect((await client.getTimeStats(issue)).time_estimate).toBe(issueStats.time_estimate);
    expect(await client.addTodo(mr)).toEqual({ created: true });
    expect(await client.addTodo(mr)).toEqual({ created: false });
  });
});

describe('the stand-in lists merge requests as GET /merge_requests does', () => {
  const list = async (query: string) => {
    const res = await fetch(`${standIn.url}/api/v4/merge_requests?${query}`, { headers: { 'PRIVATE-TOKEN': standIn.token } });
    return { status: res.status, refs: res.ok ? ((await res.json()) as Array<{ references?: { full: string } }>).map((m) => m.references?.full) : [] };
  };

  it('assigned to me, waiting for my review, and bad input refused (17.x)', async () => {
    standIn = await startStandIn();
    expect(await list('scope=assigned_to_me&state=opened')).toEqual({ status: 200, refs: ['acme/api!1', 'acme/web!1'] });
    expect(await list('scope=all&state=opened&reviewer_username=demo')).toEqual({ status: 200, refs: ['acme/web!2'] });
    expect(await list('scope=reviews_for_me')).toEqual({ status: 200, refs: ['acme/web!2'] });
    expect((await list('scope=everything')).status).toBe(400);
    expect((await list('state=draft')).status).toBe(400);
  });

  it('knows no reviewers before 13.7 (played as 10.x)', async () => {
    standIn = await startStandIn({ era: '10.x' });
    expect((await list('scope=reviews_for_me')).status).toBe(400);
    expect((await list('scope=assigned-to-me&state=opened')).status).toBe(200);
  });
});

describe('the client\'s list of my merge requests, against the stand-in', () => {
  it('17.x: assigned and waiting for my review; 10.x: assigned only; 8.16 (v3): none to list', async () => {
    const refs = (list: Array<{ references?: { full: string }; web_url: string }> | null | undefined) => list?.map((m) => m.references?.full ?? m.web_url);
    await on(undefined);
    const today = await (await clientFor(deps(), standIn.url))!.listMyMergeRequests();
    expect({ assigned: refs(today?.assigned), reviewing: refs(today?.reviewing) }).toEqual({ assigned: ['acme/api!1', 'acme/web!1'], reviewing: ['acme/web!2'] });
    await standIn.close();
    await on('10.x');
    const ten = await (await clientFor(deps(), standIn.url))!.listMyMergeRequests();
    expect(ten?.assigned.map((m) => m.web_url)).toEqual([`${standIn.url}/acme/api/merge_requests/1`, `${standIn.url}/acme/web/merge_requests/1`]);
    expect(ten?.reviewing).toBeNull();
    await standIn.close();
    await on('8.16');
    expect(await (await clientFor(deps(), standIn.url))!.listMyMergeRequests()).toBeNull();
  });
});
