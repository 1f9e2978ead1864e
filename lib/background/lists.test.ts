// @vitest-environment node
/**
 * The popup's lists against real GitLab stand-ins: every page of a large list, the request
 * count of a cold load, the cache, one failing instance, and marking a to-do done.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { startStandIn, type StandIn } from '../../tests/fake-gitlab/server';
import { assignedCacheItem, mergeRequestsCacheItem, todosCacheItem } from '../model/lists-cache';
import { stubBackgroundApis } from '../../tests/support/fake-background';
import type { EraName } from '../../tests/fake-gitlab/eras';
import { instancesItem, outboxItem, tokensItem, type Instance, type PendingLog } from '../model/storage';
import { assignedIssues, markTodoDone, mergeRequestRows, myMergeRequests, noMergeRequestList, noReviewers, todos, watchLoggedTime } from './lists';
import type { BackgroundDeps } from './token-client';
import { connect, disconnect } from './connections';
import { handlers } from './routes';
import { clientFor } from './token-client';

let standIns: StandIn[] = [];
let clock = Date.UTC(2026, 10, 24, 9, 0);

function deps(): BackgroundDeps {
  return { browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, mono: () => clock, fetch: (...a) => fetch(...a) };
}

async function connectAll(list: StandIn[], known: Partial<Instance> = {}): Promise<void> {
  const instances: Instance[] = list.map((s) => ({
    baseUrl: s.url, userId: 1, username: 'demo', name: 'Demo User', avatarUrl: null, connectedAt: clock, gitlabVersion: null, ...known,
  }));
  await instancesItem.setValue(instances);
  await tokensItem.setValue(Object.fromEntries(list.map((s) => [s.url, { token: s.token, type: 'private' as const }])));
}

const listRequests = (s: StandIn) => s.requests.filter((r) => r.path === '/api/v4/issues' || r.path === '/api/v4/todos');

beforeAll(async () => {
  // 1,000 open assigned issues across three GitLabs; one sits under a sub-path.
  standIns = await Promise.all([
    startStandIn({ assignedIssueCount: 334 }),
    startStandIn({ assignedIssueCount: 333, basePath: '/gitlab' }),
    startStandIn({ assignedIssueCount: 333 }),
  ]);
});
afterAll(async () => {
  await Promise.all(standIns.map((s) => s.close()));
});
beforeEach(async () => {
  fakeBrowser.reset();
  for (const s of standIns) s.reset();
  clock = Date.UTC(2026, 10, 24, 9, 0);
  await connectAll(standIns);
});

describe('assigned issues', () => {
  it('a cold load of 1,000 issues on three GitLabs: every issue, at most 10 requests per instance', async () => {
    const groups = await assignedIssues(deps(), false);
    expect(groups.map((g) => g.issues.length)).toEqual([334, 333, 333]);
    expect(groups.every((g) => g.error === null && g.fetchedAt === clock)).toBe(true);
    for (const s of standIns) {
      const pages = s.requests.filter((r) => r.path === '/api/v4/issues');
      expect(pages.map((r) => r.query.page).sort()).toEqual(['1', '2', '3', '4']);
      expect(pages.every((r) => r.query.per_page === '100' && r.query.scope === 'assigned_to_me' && r.query.state === 'opened')).toBe(true);
      expect(s.requests.length).toBeLessThanOrEqual(10);
    }
    const ids = new Set(groups.flatMap((g) => g.issues.map((i) => `${i.instanceId} ${i.id}`)));
    expect(ids.size).toBe(1000);
    expect(groups[1]!.issues.find((i) => i.iid === 1 && i.projectPath === 'acme/web')?.reference).toBe('acme/web#1');
  });

  it('1,000 issues on one GitLab take 10 requests (pages 2-10 in parallel once the total is known)', async () => {
    const big = await startStandIn({ assignedIssueCount: 1000 });
    try {
      await connectAll([big]);
      const [group] = await assignedIssues(deps(), false);
      expect(group!.issues).toHaveLength(1000);
      expect(big.requests.filter((r) => r.path === '/api/v4/issues')).toHaveLength(10);
    } finally {
      await big.close();
    }
  });

  it('caches: a reopen within a minute asks nobody; later, or with refresh, it fetches again', async () => {
    await assignedIssues(deps(), false);
    const before = standIns.map((s) => listRequests(s).length);
    clock += 30_000;
    const cached = await assignedIssues(deps(), false);
    expect(cached.map((g) => g.issues.length)).toEqual([334, 333, 333]);
    expect(standIns.map((s) => listRequests(s).length)).toEqual(before);

    await assignedIssues(deps(), true);
    expect(standIns.map((s) => listRequests(s).length)).toEqual(before.map((n) => n * 2));
    expect(Object.keys(await assignedCacheItem.getValue())).toEqual(standIns.map((s) => s.url));
  });

  it('one GitLab failing keeps its last list and its error; the others are unaffected', async () => {
    await assignedIssues(deps(), false);
    const firstFetch = clock;
    clock += 5 * 60_000;
    standIns[1]!.fail('GET', '/api/v4/issues', { kind: 'status', status: 500, times: 10 });
    const groups = await assignedIssues(deps(), false);
    expect(groups[0]).toMatchObject({ error: null, fetchedAt: clock });
    expect(groups[1]).toMatchObject({ error: expect.stringMatching(/problem on its side/), errorCode: 'server', fetchedAt: firstFetch });
    expect(groups[1]!.issues).toHaveLength(333);
    expect(groups[2]).toMatchObject({ error: null });
    // The error is cached too, so the next popup shows it at once; and it is retried, not trusted.
    expect((await assignedCacheItem.getValue())[standIns[1]!.url]).toMatchObject({ errorCode: 'server' });
    standIns[1]!.clearFaults();
    clock += 1000;
    expect((await assignedIssues(deps(), false))[1]).toMatchObject({ error: null, fetchedAt: clock });
  });

  it('a revoked token says so, with a code the popup turns into "reconnect"', async () => {
    await tokensItem.setValue({ ...(await tokensItem.getValue()), [standIns[0]!.url]: { token: 'glpat-revoked', type: 'private' } });
    const [group] = await assignedIssues(deps(), true);
    expect(group).toMatchObject({ errorCode: 'unauthorized', error: expect.stringMatching(/expired or revoked/), issues: [] });
  });

  it('an unreachable GitLab is "offline" and does not hold up the others', async () => {
    const gone = await startStandIn({ assignedIssueCount: 5 });
    await gone.close();
    await connectAll([gone, standIns[0]!]);
    const groups = await assignedIssues(deps(), true);
    expect(groups[0]).toMatchObject({ errorCode: 'offline', error: expect.stringMatching(/Could not reach/) });
    expect(groups[1]!.issues).toHaveLength(334);
  });

  it('time logged to an instance makes its list out of date, however fresh; the others are reused', async () => {
    watchLoggedTime();
    await assignedIssues(deps(), false);
    const log: PendingLog = { id: 'log-1', item: { instanceId: standIns[1]!.url, projectPath: 'acme/web', kind: 'issue', iid: 1 }, seconds: 600, spentAt: clock, createdAt: clock, attempts: 0, nextAttemptAt: clock, status: 'pending' };
    await outboxItem.setValue([log]);
    await outboxItem.setValue([]);
    const before = standIns.map((s) => s.requests.filter((r) => r.path === '/api/v4/issues').length);
    clock += 1000;
    await assignedIssues(deps(), false);
    const after = standIns.map((s) => s.requests.filter((r) => r.path === '/api/v4/issues').length);
    expect(after.map((n, i) => n - before[i]!)).toEqual([0, 4, 0]);
  });

  it('two popups asking at once share one fetch', async () => {
    await Promise.all([assignedIssues(deps(), true), assignedIssues(deps(), true)]);
    expect(standIns[0]!.requests.filter((r) => r.path === '/api/v4/issues')).toHaveLength(4);
  });

  it('disconnecting forgets that GitLab’s lists', async () => {
    await Promise.all([assignedIssues(deps(), false), todos(deps(), false)]);
    await disconnect(deps(), standIns[0]!.url);
    expect(Object.keys(await assignedCacheItem.getValue())).not.toContain(standIns[0]!.url);
    expect(Object.keys(await todosCacheItem.getValue())).not.toContain(standIns[0]!.url);
    expect(await assignedIssues(deps(), false)).toHaveLength(2);
  });
});

describe('to-dos', () => {
  it('lists each GitLab’s pending to-dos with a reference, title and link', async () => {
    const groups = await todos(deps(), false);
    expect(groups).toHaveLength(3);
    const [first] = groups;
    expect(first!.todos.map((t) => t.reference)).toEqual(['acme/api#1', 'acme/platform/infra#1', 'acme/web#2']);
    expect(first!.todos[2]).toMatchObject({
      instanceId: standIns[0]!.url,
      actionName: 'assigned',
      title: 'Add dark mode to settings',
      webUrl: `${standIns[0]!.url}/acme/web/-/issues/2`,
    });
    expect(standIns[0]!.requests.filter((r) => r.path === '/api/v4/todos')).toHaveLength(1);
  });

  it('mark as done reaches GitLab and leaves the cache; twice is still done', async () => {
    const [first] = await todos(deps(), false);
    const todo = first!.todos[0]!;
    expect(await markTodoDone(deps(), todo.instanceId, todo.id)).toEqual({ ok: true });
    expect(standIns[0]!.requests.some((r) => r.method === 'POST' && r.path === `/api/v4/todos/${todo.id}/mark_as_done` && r.status === 200)).toBe(true);
    expect((await todosCacheItem.getValue())[todo.instanceId]!.todos.map((t) => t.id)).not.toContain(todo.id);
    expect(await markTodoDone(deps(), todo.instanceId, todo.id)).toEqual({ ok: true });
    clock += 2 * 60_000;
    expect((await todos(deps(), false))[0]!.todos).toHaveLength(2);
  });

  it('mark as done on a GitLab that is not connected is refused', async () => {
    expect(await markTodoDone(deps(), 'https://nowhere.example', 1)).toMatchObject({ ok: false, code: 'not-connected' });
  });
});

describe('my merge requests', () => {
  const mrRequests = (s: StandIn) => s.requests.filter((r) => r.path === '/api/v4/merge_requests');

  it('lists the ones assigned to me and the ones waiting for my review on every GitLab, with their time, once each', async () => {
    const groups = await myMergeRequests(deps(), false);
    expect(groups).toHaveLength(3);
    for (const [i, group] of groups.entries()) {
      expect(group).toMatchObject({ error: null, limit: null, fetchedAt: clock, instance: { baseUrl: standIns[i]!.url } });
      expect(group.mergeRequests.map((m) => [m.reference, m.assigned, m.reviewing])).toEqual([
        ['acme/api!1', true, false],
        ['acme/web!1', true, false],
        ['acme/web!2', false, true],
      ]);
    }
    const [first] = groups[1]!.mergeRequests;
    const web1 = groups[1]!.mergeRequests.find((m) => m.reference === 'acme/web!1')!;
    expect(first!.instanceId).toBe(standIns[1]!.url);
    expect(web1).toMatchObject({ projectPath: 'acme/web', iid: 1, title: 'Add rate limiting to the login endpoint', timeEstimate: 14400, totalTimeSpent: 3600, humanTimeEstimate: '4h', humanTotalTimeSpent: '1h' });
    // The sub-path GitLab's links keep its sub-path.
    expect(web1.webUrl).toBe(`${standIns[1]!.url}/acme/web/-/merge_requests/1`);
    for (const s of standIns) {
      const asked = mrRequests(s).map((r) => ({ scope: r.query.scope, reviewer: r.query.reviewer_id, state: r.query.state }));
      expect(asked).toEqual(expect.arrayContaining([{ scope: 'assigned_to_me', reviewer: undefined, state: 'opened' }, { scope: 'all', reviewer: '1', state: 'opened' }]));
      expect(asked).toHaveLength(2);
    }
  });

  it('a merge request assigned to me and waiting for my review is listed once, with both roles; one without a project is left out', async () => {
    const client = (await clientFor(deps(), standIns[0]!.url))!;
    const mine = (await client.listMyMergeRequests())!;
    const web1 = mine.assigned.find((m) => m.references?.full === 'acme/web!1')!;
    const stray = { ...web1, id: 99999, references: undefined, web_url: 'https://elsewhere.example/nothing' };
    const rows = mergeRequestRows(standIns[0]!.url, mine.assigned, [...mine.reviewing!, web1, stray]);
    expect(rows.map((m) => [m.reference, m.assigned, m.reviewing])).toEqual([
      ['acme/api!1', true, false],
      ['acme/web!1', true, true],
      ['acme/web!2', false, true],
    ]);
  });

  it('a link from the server to another origin is replaced by the merge request’s own address', async () => {
    const client = (await clientFor(deps(), standIns[0]!.url))!;
    const [mr] = (await client.listMyMergeRequests())!.assigned;
    const [row] = mergeRequestRows(standIns[0]!.url, [{ ...mr!, web_url: 'javascript:alert(1)' }], []);
    expect(row!.webUrl).toBe(`${standIns[0]!.url}/${row!.projectPath}/-/merge_requests/${row!.iid}`);
  });

  it('the popup’s cold load (issues, merge requests, to-dos) stays within 12 requests per GitLab', async () => {
    await Promise.all([assignedIssues(deps(), false), myMergeRequests(deps(), false), todos(deps(), false)]);
    for (const s of standIns) expect(s.requests.length).toBeLessThanOrEqual(12);
  });

  it('1,000 issues and 500 merge requests on three GitLabs: a cold load of every list in at most 12 requests per GitLab', async () => {
    const big = await Promise.all([
      startStandIn({ assignedIssueCount: 334, mergeRequestCount: 167 }),
      startStandIn({ assignedIssueCount: 333, mergeRequestCount: 167, basePath: '/gitlab' }),
      startStandIn({ assignedIssueCount: 333, mergeRequestCount: 166 }),
    ]);
    try {
      await connectAll(big);
      const [issues, mrs] = await Promise.all([assignedIssues(deps(), false), myMergeRequests(deps(), false), todos(deps(), false)]);
      expect(issues.map((g) => g.issues.length)).toEqual([334, 333, 333]);
      // The three fixed merge requests of each GitLab, and the generated ones.
      expect(mrs.map((g) => g.mergeRequests.length)).toEqual([170, 170, 169]);
      expect(mrs.flatMap((g) => g.mergeRequests).filter((m) => m.projectPath === 'acme/platform/infra')).toHaveLength(500);
      for (const s of big) {
        expect(s.requests.filter((r) => r.path === '/api/v4/merge_requests').map((r) => r.query.page).sort()).toEqual(['1', '1']);
        expect(s.requests.length).toBeLessThanOrEqual(12);
      }
    } finally {
      await Promise.all(big.map((s) => s.close()));
    }
  });

  describe('GitLab 15.6+: issues and merge requests together over GraphQL', () => {
    const cold = () => Promise.all([assignedIssues(deps(), false), myMergeRequests(deps(), false), todos(deps(), false)]);
    // What the two APIs give differently and the popup does not show: the timestamps' spelling (GraphQL's Time has no milliseconds).
    const same = <R extends { updatedAt: string }>(rows: R[]) => rows.map((r) => ({ ...r, updatedAt: Math.floor(Date.parse(r.updatedAt) / 1000) })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

    it('1,000 issues and 500 merge requests on three GitLabs: a cold load of every list in at most 6 requests per GitLab, the same rows as REST gives', async () => {
      const big = await Promise.all([
        startStandIn({ assignedIssueCount: 334, mergeRequestCount: 167 }),
        startStandIn({ assignedIssueCount: 333, mergeRequestCount: 167, basePath: '/gitlab' }),
        startStandIn({ assignedIssueCount: 333, mergeRequestCount: 166, era: '16.x' }),
      ]);
      try {
        // REST first (a GitLab of unknown version), for the rows to compare with.
        await connectAll(big);
        const [restIssues, restMrs] = await cold();
        for (const s of big) s.reset();
        fakeBrowser.reset();
        await connectAll(big, { gitlabVersion: '17.11.0-ee', apiVersion: 'v4' });
        const [issues, mrs, todoLists] = await cold();

        expect(issues.map((g) => g.issues.length)).toEqual([334, 333, 333]);
        expect(mrs.map((g) => g.mergeRequests.length)).toEqual([170, 170, 169]);
        expect([...issues, ...mrs, ...todoLists].every((g) => g.error === null)).toBe(true);
        for (const i of [0, 1, 2]) {
          expect(same(issues[i]!.issues)).toEqual(same(restIssues[i]!.issues));
          expect(same(mrs[i]!.mergeRequests)).toEqual(same(restMrs[i]!.mergeRequests));
        }
        expect(mrs.map((g) => g.limit)).toEqual([null, null, null]);
        for (const s of big) {
          const graphql = s.requests.filter((r) => r.path === '/api/graphql');
          // The longest list has 4 pages of 100; the merge requests came with the first.
          expect(graphql).toHaveLength(4);
          expect(graphql.every((r) => r.method === 'POST' && r.body.operationName === 'PopupLists')).toBe(true);
          expect(s.requests.filter((r) => /\/api\/v4\/(issues|merge_requests)$/.test(r.path))).toEqual([]);
          expect(s.requests.length).toBeLessThanOrEqual(6);
        }
      } finally {
        await Promise.all(big.map((s) => s.close()));
      }
    });

    it('a list asked for on its own, later, fetches for itself; asked together, the lists share', async () => {
      await connectAll(standIns, { gitlabVersion: '17.11.0-ee', apiVersion: 'v4' });
      const graphql = () => standIns[0]!.requests.filter((r) => r.path === '/api/graphql').length;
      const [alone] = await myMergeRequests(deps(), false);
      expect(alone!.mergeRequests.map((m) => [m.reference, m.assigned, m.reviewing]).sort()).toEqual([
        ['acme/api!1', true, false],
        ['acme/web!1', true, false],
        ['acme/web!2', false, true],
      ]);
      expect(graphql()).toBe(1);
      clock += 10_000;
      const [issues] = await assignedIssues(deps(), false);
      expect(issues!.issues).toHaveLength(334);
      // Its own 4 pages: the answer the merge requests took (which left the issues after their
      // first page) was not handed on 10 s later.
      expect(graphql()).toBe(5);
      await Promise.all([assignedIssues(deps(), true), myMergeRequests(deps(), true)]);
      expect(graphql()).toBe(9);
    });

    it('a GitLab refusing the query lists both over REST; one without the root issues lists those over REST', async () => {
      await connectAll(standIns, { gitlabVersion: '17.11.0-ee', apiVersion: 'v4' });
      const [home] = standIns;
      home!.fail('POST', '/api/graphql', { kind: 'status', status: 200, times: 1, body: { errors: [{ message: "Field 'issues' doesn't exist on type 'Query'" }] } });
      let [issues, mrs] = await Promise.all([assignedIssues(deps(), true), myMergeRequests(deps(), true)]);
      expect([issues[0]!.issues.length, issues[0]!.error, mrs[0]!.mergeRequests.length, mrs[0]!.error]).toEqual([334, null, 3, null]);
      expect(home!.requests.filter((r) => r.path === '/api/v4/issues').length).toBe(4);
      expect(home!.requests.filter((r) => r.path === '/api/v4/merge_requests').length).toBe(2);

      home!.reset();
      // The `root_level_issues_query` flag off: `issues` is null, the merge requests come.
      const none = { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
      home!.fail('POST', '/api/graphql', { kind: 'status', status: 200, times: 1, body: { data: { issues: null, currentUser: { assignedMergeRequests: none, reviewRequestedMergeRequests: none } } } });
      [issues, mrs] = await Promise.all([assignedIssues(deps(), true), myMergeRequests(deps(), true)]);
      expect([issues[0]!.issues.length, issues[0]!.error, mrs[0]!.mergeRequests.length, mrs[0]!.error]).toEqual([334, null, 0, null]);
      expect(home!.requests.filter((r) => r.path === '/api/v4/issues').length).toBe(4);
      expect(home!.requests.filter((r) => r.path === '/api/v4/merge_requests')).toEqual([]);
    });

    it('a revoked token fails both lists alike, over GraphQL too', async () => {
      await connectAll(standIns, { gitlabVersion: '17.11.0-ee', apiVersion: 'v4' });
      standIns[0]!.revokeToken(standIns[0]!.token);
      const [issues, mrs] = await Promise.all([assignedIssues(deps(), true), myMergeRequests(deps(), true)]);
      expect([issues[0]!.errorCode, mrs[0]!.errorCode]).toEqual(['unauthorized', 'unauthorized']);
      expect(standIns[0]!.requests.filter((r) => r.path === '/api/graphql')).toHaveLength(1);
    });
  });

  it('caches like the issues: a reopen within a minute asks nobody; refresh asks again', async () => {
    await myMergeRequests(deps(), false);
    clock += 30_000;
    const again = await myMergeRequests(deps(), false);
    expect(again.map((g) => g.mergeRequests.length)).toEqual([3, 3, 3]);
    expect(standIns.map((s) => mrRequests(s).length)).toEqual([2, 2, 2]);
    await myMergeRequests(deps(), true);
    expect(standIns.map((s) => mrRequests(s).length)).toEqual([4, 4, 4]);
    expect(Object.keys(await mergeRequestsCacheItem.getValue())).toEqual(standIns.map((s) => s.url));
  });

  it('a failing GitLab says why in words and keeps its last list; the others are unaffected', async () => {
    await myMergeRequests(deps(), false);
    clock += 5 * 60_000;
    standIns[2]!.fail('GET', '/api/v4/merge_requests', { kind: 'status', status: 500, times: 10 });
    const groups = await myMergeRequests(deps(), false);
    expect(groups[2]).toMatchObject({ error: expect.stringMatching(/problem on its side/), errorCode: 'server' });
    expect(groups[2]!.mergeRequests).toHaveLength(3);
    expect(groups[0]).toMatchObject({ error: null, fetchedAt: clock });
  });

  it('a revoked token is "unauthorized", not "nothing connected"', async () => {
    await tokensItem.setValue({ ...(await tokensItem.getValue()), [standIns[0]!.url]: { token: 'glpat-revoked', type: 'private' } });
    const [group] = await myMergeRequests(deps(), true);
    expect(group).toMatchObject({ errorCode: 'unauthorized', error: expect.stringMatching(/expired or revoked/), mergeRequests: [] });
  });

  it('time logged to a merge request makes that GitLab’s list out of date', async () => {
    watchLoggedTime();
    await myMergeRequests(deps(), false);
    const log: PendingLog = { id: 'log-mr', item: { instanceId: standIns[0]!.url, projectPath: 'acme/web', kind: 'merge_request', iid: 1 }, seconds: 600, spentAt: clock, createdAt: clock, attempts: 0, nextAttemptAt: clock, status: 'pending' };
    await outboxItem.setValue([log]);
    await outboxItem.setValue([]);
    clock += 1000;
    await myMergeRequests(deps(), false);
    expect(standIns.map((s) => mrRequests(s).length)).toEqual([4, 2, 2]);
  });

  it('disconnecting forgets that GitLab’s merge requests', async () => {
    await myMergeRequests(deps(), false);
    await disconnect(deps(), standIns[0]!.url);
    expect(Object.keys(await mergeRequestsCacheItem.getValue())).not.toContain(standIns[0]!.url);
  });

  it('the myMergeRequests message answers the lists', async () => {
    const answer = await handlers(deps()).myMergeRequests({ refresh: false });
    expect(answer).toMatchObject({ ok: true, lists: [{ error: null }, { error: null }, { error: null }] });
  });
});

describe.each<[string, EraName, { refs: string[]; limit: string | null; path: string }]>([
  ['10.x: no reviewers, the assigned ones', '10.x', { refs: ['acme/api!1', 'acme/web!1'], limit: noReviewers(), path: '/api/v4/merge_requests' }],
  ['8.16 (API v3): no list of mine, said in words', '8.16', { refs: [], limit: noMergeRequestList(), path: '' }],
])('my merge requests on GitLab %s', (_, era, want) => {
  it('lists what the server can, and says what it cannot', async () => {
    const old = await startStandIn({ era });
    try {
      stubBackgroundApis();
      await instancesItem.setValue([]);
      expect((await connect(deps(), { baseUrl: old.url, token: old.token })).ok).toBe(true);
      old.reset();
      const [group] = await myMergeRequests(deps(), false);
      expect(group).toMatchObject({ error: null, limit: want.limit, instance: { baseUrl: old.url } });
      expect(group!.mergeRequests.map((m) => m.reference)).toEqual(want.refs);
      // Old merge request URLs (no `/-/`) still link to that GitLab.
      for (const m of group!.mergeRequests) expect(m.webUrl).toBe(`${old.url}/${m.projectPath}/merge_requests/${m.iid}`);
      expect(old.requests.filter((r) => r.path.endsWith('/merge_requests')).map((r) => r.path)).toEqual(want.path ? [want.path] : []);
    } finally {
      await old.close();
    }
  });
});
