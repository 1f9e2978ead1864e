// @vitest-environment node
/**
 * Each era's requests, against the seed API documents' own examples (../shared/seeds/): the
 * client of that era must ask exactly the documented paths and read the documented answers.
 * Then the stand-in: each era serves the API prefixes and routes its document describes.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitLabClient } from '@/lib/gitlab/client';
import { forgetV3Caches } from '@/lib/gitlab/v3';
import { ERA_NAMES, startStandIn, type StandIn } from '../fake-gitlab/server';

// From the seed documents' examples.
const TIME_STATS_816 = { human_time_estimate: '2h', human_total_time_spent: '1h', time_estimate: 7200, total_time_spent: 3600 };
const ESTIMATE_816 = { human_time_estimate: '3h 30m', human_total_time_spent: null, time_estimate: 12600, total_time_spent: 0 };
const SPENT_816 = { human_time_estimate: null, human_total_time_spent: '1h', time_estimate: 0, total_time_spent: 3600 };
const ISSUE_93 = { id: 93, iid: 10, project_id: 5, title: 'Vel voluptas atque dicta mollitia adipisci qui at.', state: 'closed', labels: [], updated_at: '2016-07-01T11:09:13.998Z', assignee: { id: 14, username: 'francisca' } };
const ISSUE_76 = {
  state: 'opened', project_id: 1, id: 76, iid: 6, title: 'Consequatur vero maxime deserunt laboriosam est voluptas dolorem.',
  assignee: { state: 'active', id: 1, name: 'Administrator', web_url: 'https://gitlab.example.com/root', avatar_url: null, username: 'root' },
  updated_at: '2016-01-04T15:31:51.081Z', created_at: '2016-01-04T15:31:51.081Z', labels: [], subscribed: false, user_notes_count: 1,
  due_date: '2016-07-22', web_url: 'http://example.com/example/example/issues/6', confidential: false,
};
// GitSwarm's list example: no web_url, user pages under /u/.
const ISSUE_41_GITSWARM = {
  project_id: 4, description: 'Omnis vero earum sunt corporis dolor et placeat.', state: 'opened', iid: 1, id: 41, labels: [],
  assignee: { avatar_url: null, web_url: 'https://gitswarm.example.com/u/lennie', state: 'active', username: 'lennie', id: 9, name: 'Dr. Luella Kovacek' },
  title: 'Ut commodi ullam eos dolores perferendis nihil sunt.', updated_at: '2016-01-04T15:31:46.176Z', created_at: '2016-01-04T15:31:46.176Z', subscribed: false, due_date: '2016-07-22',
};

interface Asked { method: string; path: string; query: Record<string, string>; body: Record<string, unknown> }

function fakeServer(host: string, answer: (a: Asked) => [number, unknown?]) {
  const asked: Asked[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const a: Asked = { method: init?.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body: init?.body ? JSON.parse(String(init.body)) : {} };
    asked.push(a);
    const [status, body] = answer(a);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { asked, fetch, baseUrl: `https://${host}` };
}

beforeEach(() => forgetV3Caches());

/** An issue as the client addresses it; the seed documents name projects by id (`:id` takes an id or a path). */
const issueOf = (projectId: number, iid: number) => ({ projectPath: String(projectId), kind: 'issue' as const, iid });

describe('GitLab 8.16, API v3 (seed 000): time tracking on the global issue id', () => {
  const s = fakeServer('gitlab.example.com', ({ method, path, query }) => {
    if (path === '/api/v3/projects/5/issues' && query.iid === '10') return [200, [ISSUE_93]];
    if (path === '/api/v3/projects/5/issues/93/time_stats') return [200, TIME_STATS_816];
    if (method === 'POST' && path === '/api/v3/projects/5/issues/93/time_estimate') return [200, ESTIMATE_816];
    if (method === 'POST' && path === '/api/v3/projects/5/issues/93/add_spent_time') return [201, SPENT_816];
    if (method === 'POST' && path === '/api/v3/projects/5/issues/93/todo') return [201, { id: 112 }];
    return [404, { error: '404 Not Found' }];
  });
  const client = createGitLabClient({ baseUrl: s.baseUrl, token: '9koXpg98eAheJpvBs5tK' }, { fetch: s.fetch, apiVersion: 'v3', gitlabVersion: '8.16.4', userId: 1 });

  it('maps iid 10 to id 93 once, then asks the documented paths', async () => {
    expect(await client.getTimeStats(issueOf(5, 10))).toEqual(TIME_STATS_816);
    expect(await client.setTimeEstimate(issueOf(5, 10), 3 * 3600 + 30 * 60)).toEqual(ESTIMATE_816);
    expect(await client.addSpentTime(issueOf(5, 10), 3600, 'a note v3 cannot take')).toEqual(SPENT_816);
    expect(await client.addTodo(issueOf(5, 10))).toEqual({ created: true });
    expect(s.asked.map((a) => `${a.method} ${a.path}`)).toEqual([
      'GET /api/v3/projects/5/issues',
      'GET /api/v3/projects/5/issues/93/time_stats',
      'POST /api/v3/projects/5/issues/93/time_estimate',
      'POST /api/v3/projects/5/issues/93/add_spent_time',
      'POST /api/v3/projects/5/issues/93/todo',
    ]);
    expect(s.asked[0]?.query).toEqual({ iid: '10' });
    expect(s.asked[2]?.body).toEqual({ duration: '3h 30m' });
    expect(s.asked[3]?.body).toEqual({ duration: '1h' });
  });
});

describe('GitLab 8.x, API v3 (seed 003): assigned issues through member projects', () => {
  it('lists projects, their open issues, keeps those whose assignee is me; /issues (authored only) is never asked', async () => {
    const s = fakeServer('gitlab.example.com', ({ path }) => {
      if (path === '/api/v3/user') return [200, { id: 1, username: 'root', name: 'Administrator', avatar_url: null, web_url: 'https://gitlab.example.com/root' }];
      if (path === '/api/v3/projects') return [200, [{ id: 1, path_with_namespace: 'example/example', web_url: 'http://example.com/example/example' }]];
      if (path === '/api/v3/projects/1/issues') return [200, [ISSUE_76, { ...ISSUE_76, id: 77, iid: 7, assignee: null }]];
      return [404, { error: '404 Not Found' }];
    });
    const client = createGitLabClient({ baseUrl: s.baseUrl, token: 't' }, { fetch: s.fetch, apiVersion: 'v3', hasTimeTracking: false });
    const issues = await client.listAssignedIssues();
    expect(issues.map((i) => [i.id, i.iid, i.web_url, i.references?.full])).toEqual([[76, 6, 'http://example.com/example/example/issues/6', 'example/example#6']]);
    expect(issues[0]?.time_stats.total_time_spent).toBe(0);
    expect(s.asked.map((a) => a.path)).toEqual(['/api/v3/user', '/api/v3/projects', '/api/v3/projects/1/issues']);
    expect(s.asked[2]?.query).toMatchObject({ state: 'opened', per_page: '100' });
    // The member projects are remembered: a second listing asks only for the issues.
    await client.listAssignedIssues();
    expect(s.asked.slice(3).map((a) => a.path)).toEqual(['/api/v3/projects/1/issues']);
  });
});

describe('GitSwarm, API v3 (seed 004)', () => {
  it('issues without web_url get one from the project; a to-do answered 200 counts as created; time tracking is refused without a request', async () => {
    const s = fakeServer('gitswarm.example.com', ({ path, method }) => {
      if (path === '/api/v3/projects') return [200, [{ id: 4, path_with_namespace: 'gitswarm/project', web_url: 'https://gitswarm.example.com/gitswarm/project' }]];
      if (path === '/api/v3/projects/4/issues' && method === 'GET') return [200, [ISSUE_41_GITSWARM]];
      if (path === '/api/v3/projects/4/issues/41/todo') return [200, { id: 112 }];
      return [404, { error: '404 Not Found' }];
    });
    const client = createGitLabClient({ baseUrl: s.baseUrl, token: 't' }, { fetch: s.fetch, apiVersion: 'v3', hasTimeTracking: false, userId: 9 });
    expect((await client.listAssignedIssues()).map((i) => i.web_url)).toEqual(['https://gitswarm.example.com/gitswarm/project/issues/1']);
    expect(await client.addTodo(issueOf(4, 1))).toEqual({ created: true });
    const before = s.asked.length;
    await expect(client.getTimeStats(issueOf(4, 1))).rejects.toMatchObject({ message: 'Time tracking needs GitLab 8.16 or newer on this server.' });
    expect(s.asked.length).toBe(before);
  });
});

describe('GitLab 10.0 and 10.x, API v4 (seeds 001, 002): iid paths, assigned-to-me, no summary', () => {
  it('asks the documented paths', async () => {
    const s = fakeServer('gitlab.example.com', ({ path }) => {
      if (path === '/api/v4/projects/5/issues/93/time_estimate') return [200, ESTIMATE_816];
      if (path === '/api/v4/projects/5/issues/93/add_spent_time') return [201, SPENT_816];
      if (path === '/api/v4/issues') return [200, []];
      return [404, { error: '404 Not Found' }];
    });
    const client = createGitLabClient({ baseUrl: s.baseUrl, token: 't' }, { fetch: s.fetch, gitlabVersion: '10.0.0', userId: 5 });
    await client.setTimeEstimate(issueOf(5, 93), 3 * 3600 + 30 * 60);
    await client.addSpentTime(issueOf(5, 93), 3600, 'summary');
    await client.listAssignedIssues();
    expect(s.asked.map((a) => `${a.method} ${a.path}`)).toEqual(['POST /api/v4/projects/5/issues/93/time_estimate', 'POST /api/v4/projects/5/issues/93/add_spent_time', 'GET /api/v4/issues']);
    expect(s.asked[1]?.body).toEqual({ duration: '1h' });
    expect(s.asked[2]?.query).toMatchObject({ scope: 'assigned-to-me', state: 'opened' });
  });
  it('9.0-9.4 have no scope: assignee_id=<me>; 11.0+ assigned_to_me; 14.2+ takes a summary', async () => {
    const s = fakeServer('gitlab.example.com', ({ path }) => (path === '/api/v4/issues' ? [200, []] : [201, SPENT_816]));
    await createGitLabClient({ baseUrl: s.baseUrl, token: 't' }, { fetch: s.fetch, gitlabVersion: '9.2.0', userId: 5 }).listAssignedIssues();
    await createGitLabClient({ baseUrl: s.baseUrl, token: 't' }, { fetch: s.fetch, gitlabVersion: '11.0.0', userId: 5 }).listAssignedIssues();
    await createGitLabClient({ baseUrl: s.baseUrl, token: 't' }, { fetch: s.fetch, gitlabVersion: '14.2.0' }).addSpentTime(issueOf(5, 93), 3600, 'summary');
    expect(s.asked[0]?.query).toMatchObject({ assignee_id: '5' });
    expect(s.asked[0]?.query.scope).toBeUndefined();
    expect(s.asked[1]?.query).toMatchObject({ scope: 'assigned_to_me' });
    expect(s.asked[2]?.body).toEqual({ duration: '1h', summary: 'summary' });
  });
  it('a route the server no longer has (v3 on 11.0+: 410) says the server changed', async () => {
    const s = fakeServer('gitlab.example.com', () => [410, { error: '410 Gone' }]);
    let changed = 0;
    const client = createGitLabClient({ baseUrl: s.baseUrl, token: 't' }, { fetch: s.fetch, apiVersion: 'v3', onServerChanged: () => changed++ });
    await expect(client.listTodos()).rejects.toBeTruthy();
    expect(changed).toBe(1);
  });
});

describe('the stand-in serves each era as its document says', () => {
  const standIns: StandIn[] = [];
  afterAll(async () => Promise.all(standIns.map((s) => s.close())));
  const get = async (gl: StandIn, path: string) => (await fetch(`${gl.url}${path}`, { headers: { 'PRIVATE-TOKEN': gl.token } })).status;

  it.each(ERA_NAMES)('%s', async (name) => {
    const gl = await startStandIn({ era: name, assignedIssueCount: 4 });
    standIns.push(gl);
    const v3 = gl.era.apis.includes('v3');
    const v4 = gl.era.apis.includes('v4');
    expect(await get(gl, '/api/v4/user')).toBe(v4 ? 200 : 404);
    expect(await get(gl, '/api/v3/user')).toBe(v3 ? 200 : 404);
    expect(await get(gl, `/api/${v4 ? 'v4' : 'v3'}/version`)).toBe(gl.era.versionRoute ? 200 : 404);
    if (v3) {
      expect(await get(gl, '/api/v3/projects/1/issues/1001/time_stats')).toBe(gl.era.timeTracking ? 200 : 404);
      const list = await (await fetch(`${gl.url}/api/v3/projects/1/issues?iid=1`, { headers: { 'PRIVATE-TOKEN': gl.token } })).json();
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ id: 1001, iid: 1, assignee: { id: 1 } });
      expect(list[0]).not.toHaveProperty('time_stats');
      expect(list[0]).not.toHaveProperty('assignees');
    }
    const page = gl.era.oldIssueUrls ? '/acme/web/issues/1' : '/acme/web/-/issues/1';
    expect((await fetch(`${gl.url}${page}`)).status).toBe(200);
    expect(await get(gl, '/api/graphql')).toBe(gl.era.graphql ? 405 : 404);
  });
});
