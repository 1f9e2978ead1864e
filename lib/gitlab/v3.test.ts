// API v3 (GitLab 8.x, GitSwarm): paths take the global id, looked up once per item with `?iid=N`,
// for issues and merge requests alike.
import { beforeEach, describe, expect, it } from 'vitest';
import { GitLabError, createGitLabClient, type GitLabClientDeps, type ItemRef } from './client';
import { forgetV3Caches } from './v3';

const BASE = 'https://old.example.com';
const stats = { time_estimate: 0, total_time_spent: 3600, human_time_estimate: null, human_total_time_spent: '1h' };

interface Asked {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** A v3 server: `answer` gets the path below /api/v3 and the query; undefined is a 404. */
function v3Server(answer: (asked: Asked) => [number, unknown] | undefined, deps: GitLabClientDeps = {}, baseUrl = BASE) {
  const asked: Asked[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const a: Asked = {
      method: init?.method ?? 'GET',
      path: url.pathname.replace(/^.*?\/api\/v3/, ''),
      query: Object.fromEntries(url.searchParams),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    asked.push(a);
    const [status, data] = answer(a) ?? [404, { message: '404 Not Found' }];
    return new Response(status === 304 ? null : JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  const api = createGitLabClient({ baseUrl, token: 'tok-v3-123456' }, { apiVersion: 'v3', gitlabVersion: '8.16.4', userId: 1, ...deps, fetch: fetchFn });
  return { api, asked, said: () => asked.map((a) => `${a.method} ${a.path}`) };
}

const mr = (iid: number, projectPath = 'acme/web'): ItemRef => ({ projectPath, kind: 'merge_request', iid });
const issue = (iid: number, projectPath = 'acme/web'): ItemRef => ({ projectPath, kind: 'issue', iid });

/** Merge request !7 is global id 300; issue #7 is global id 93. */
function acme(asked: Asked): [number, unknown] | undefined {
  if (asked.path === '/projects/acme%2Fweb/merge_requests' && asked.query.iid === '7') return [200, [{ id: 300, iid: 7, title: 'MR' }]];
  if (asked.path === '/projects/acme%2Fweb/issues' && asked.query.iid === '7') return [200, [{ id: 93, iid: 7, title: 'Issue' }]];
  if (/^\/projects\/acme%2Fweb\/(merge_requests\/300|issues\/93)\/(time_stats|add_spent_time|time_estimate|reset_time_estimate|reset_spent_time)$/.test(asked.path)) return [200, stats];
  if (/\/todo$/.test(asked.path)) return [201, { id: 5 }];
  return undefined;
}

async function failure(promise: Promise<unknown>): Promise<GitLabError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GitLabError);
    return error as GitLabError;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => forgetV3Caches());

describe('v3: merge requests by their global id', () => {
  it('looks the merge request up with ?iid=N, then uses its global id', async () => {
    const { api, asked, said } = v3Server(acme);
    expect(await api.getTimeStats(mr(7))).toEqual(stats);
    expect(said()).toEqual(['GET /projects/acme%2Fweb/merge_requests', 'GET /projects/acme%2Fweb/merge_requests/300/time_stats']);
    expect(asked[0]?.query).toEqual({ iid: '7' });
  });

  it('getItemId answers the merge request’s global id, and the issue with the same number has its own', async () => {
    const { api, said } = v3Server(acme);
    expect(await api.getItemId(mr(7))).toBe(300);
    expect(await api.getItemId(issue(7))).toBe(93);
    expect(said()).toEqual(['GET /projects/acme%2Fweb/merge_requests', 'GET /projects/acme%2Fweb/issues']);
  });

  it('asks for each id once: later calls, in any case of the path, use the cache', async () => {
    const { api, said } = v3Server(acme);
    await api.getTimeStats(mr(7));
    await api.addSpentTime(mr(7), 1800, 'v3 takes no summary');
    await api.getItemId(mr(7, 'ACME/Web'));
    await api.getTimeStats(issue(7));
    await api.getTimeStats(issue(7));
    expect(said()).toEqual([
      'GET /projects/acme%2Fweb/merge_requests',
      'GET /projects/acme%2Fweb/merge_requests/300/time_stats',
      'POST /projects/acme%2Fweb/merge_requests/300/add_spent_time',
      'GET /projects/acme%2Fweb/issues',
      'GET /projects/acme%2Fweb/issues/93/time_stats',
      'GET /projects/acme%2Fweb/issues/93/time_stats',
    ]);
  });

  it('writes on a merge request: its path, v3 words, no summary', async () => {
    const { api, asked } = v3Server(acme);
    await api.setTimeEstimate(mr(7), 7200);
    await api.addSpentTime(mr(7), -900, 'ignored');
    await api.resetTimeEstimate(mr(7));
    await api.resetSpentTime(mr(7));
    expect(await api.addTodo(mr(7))).toEqual({ created: true });
    expect(asked.slice(1).map((a) => [`${a.method} ${a.path}`, a.body])).toEqual([
      ['POST /projects/acme%2Fweb/merge_requests/300/time_estimate', { duration: '2h' }],
      ['POST /projects/acme%2Fweb/merge_requests/300/add_spent_time', { duration: '-15m' }],
      ['POST /projects/acme%2Fweb/merge_requests/300/reset_time_estimate', undefined],
      ['POST /projects/acme%2Fweb/merge_requests/300/reset_spent_time', undefined],
      ['POST /projects/acme%2Fweb/merge_requests/300/todo', undefined],
    ]);
  });

  it('a server that ignores the iid filter answers with every item: the right one is picked', async () => {
    const { api, said } = v3Server((a) => {
      if (a.path === '/projects/acme%2Fweb/merge_requests') return [200, [{ id: 301, iid: 8 }, { id: 300, iid: 7 }, { id: 299, iid: 6 }]];
      if (a.path === '/projects/acme%2Fweb/merge_requests/300/time_stats') return [200, stats];
      return undefined;
    });
    expect(await api.getTimeStats(mr(7))).toEqual(stats);
    expect(said()[1]).toBe('GET /projects/acme%2Fweb/merge_requests/300/time_stats');
  });

  it('a merge request it cannot find is not found, in its own words, and nothing is cached', async () => {
    let list: unknown[] = [];
    const { api, said } = v3Server((a) => (a.path.endsWith('/merge_requests') ? [200, list] : a.path.endsWith('/merge_requests/300/time_stats') ? [200, stats] : undefined));
    const error = await failure(api.getTimeStats(mr(7)));
    expect(error).toMatchObject({ kind: 'not-found', status: 404 });
    expect(error.message).toBe('GitLab cannot find this merge request, or this account cannot see it.');
    list = [{ id: 300, iid: 7 }];
    expect(await api.getTimeStats(mr(7))).toEqual(stats);
    expect(said()).toEqual(['GET /projects/acme%2Fweb/merge_requests', 'GET /projects/acme%2Fweb/merge_requests', 'GET /projects/acme%2Fweb/merge_requests/300/time_stats']);
  });

  it('a 403 on a merge request\'s estimate (8.16: only its author, assignee or a Developer) says so', async () => {
    const { api } = v3Server((a) => (a.path.endsWith('/merge_requests/300/time_estimate') ? [403, { message: '403 Forbidden' }] : acme(a)));
    const error = await failure(api.setTimeEstimate(mr(7), 3600));
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(error.message).toMatch(/on this merge request .*Developer/);
  });

  it('an issue it cannot find says issue', async () => {
    const { api } = v3Server((a) => (a.path.endsWith('/issues') ? [200, []] : undefined));
    expect((await failure(api.getItemId(issue(4)))).message).toBe('GitLab cannot find this issue, or this account cannot see it.');
  });

  it('a malformed id list fails as malformed', async () => {
    const { api } = v3Server(() => [200, [{ id: 'three', iid: 7 }]]);
    expect((await failure(api.getItemId(mr(7)))).kind).toBe('malformed');
  });

  it('ids are kept per GitLab', async () => {
    const one = v3Server(acme);
    await one.api.getItemId(mr(7));
    const other = v3Server((a) => (a.path.endsWith('/merge_requests') ? [200, [{ id: 555, iid: 7 }]] : undefined), {}, 'https://other.example.com');
    expect(await other.api.getItemId(mr(7))).toBe(555);
  });

  it('refuses a bad number or project without asking', async () => {
    const { api, asked } = v3Server(acme);
    expect((await failure(api.getItemId(mr(0)))).kind).toBe('bad-request');
    expect((await failure(api.getTimeStats(mr(1.5)))).kind).toBe('bad-request');
    expect((await failure(api.addTodo({ projectPath: ' / ', kind: 'merge_request', iid: 7 }))).kind).toBe('bad-request');
    expect(asked).toHaveLength(0);
  });

  it('without time tracking (8.15 and older) the time calls fail without asking, and the to-do still works', async () => {
    const { api, said } = v3Server(acme, { hasTimeTracking: false });
    expect(await failure(api.getTimeStats(mr(7)))).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/8\.16/) });
    expect(await failure(api.addSpentTime(mr(7), 600))).toMatchObject({ kind: 'not-found' });
    expect(await api.addTodo(mr(7))).toEqual({ created: true });
    expect(said()).toEqual(['GET /projects/acme%2Fweb/merge_requests', 'POST /projects/acme%2Fweb/merge_requests/300/todo']);
  });
});

describe('v3: notes', () => {
  it('reads a merge request’s notes without an order (v3 takes none) and orders them newest first', async () => {
    const { api, asked } = v3Server((a) => {
      if (a.path === '/projects/acme%2Fweb/merge_requests') return acme(a);
      if (a.path === '/projects/acme%2Fweb/merge_requests/300/notes') {
        return [200, [{ id: 11, body: 'added 1h of time spent', system: true, author: { username: 'ada' } }, { id: 40, body: 'LGTM', author: { username: 'bob' } }, { id: 25, body: 'x', system: true, author: null }]];
      }
      return undefined;
    });
    expect(await api.itemNotes(mr(7))).toEqual([
      { id: 40, body: 'LGTM', system: false, username: 'bob' },
      { id: 25, body: 'x', system: true, username: null },
      { id: 11, body: 'added 1h of time spent', system: true, username: 'ada' },
    ]);
    const notes = asked.filter((a) => a.path.endsWith('/notes'));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.query).toEqual({ per_page: '100', page: '1' });
  });

  it('follows X-Next-Page and sorts across pages', async () => {
    const asked: string[] = [];
    const fetchFn = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      asked.push(`${url.pathname}?${url.searchParams}`);
      if (url.pathname.endsWith('/issues')) return new Response(JSON.stringify([{ id: 93, iid: 7 }]), { status: 200 });
      const page = url.searchParams.get('page');
      const body = page === '1' ? [{ id: 11, body: 'a', system: true, author: { username: 'ada' } }] : [{ id: 25, body: 'b', system: true, author: { username: 'ada' } }];
      return new Response(JSON.stringify(body), { status: 200, headers: { 'X-Next-Page': page === '1' ? '2' : '' } });
    }) as typeof fetch;
    const api = createGitLabClient({ baseUrl: BASE, token: 'tok-v3-123456' }, { apiVersion: 'v3', fetch: fetchFn });
    expect((await api.itemNotes(issue(7))).map((n) => n.id)).toEqual([25, 11]);
    expect(asked.slice(1)).toEqual(['/api/v3/projects/acme%2Fweb/issues/93/notes?per_page=100&page=1', '/api/v3/projects/acme%2Fweb/issues/93/notes?per_page=100&page=2']);
  });
});

describe('v3: no GraphQL, no token details', () => {
  it.each<[string, (api: ReturnType<typeof v3Server>['api']) => Promise<unknown>]>([
    ['itemTimelogs', (api) => api.itemTimelogs(mr(7))],
    ['createTimelog', (api) => api.createTimelog({ item: mr(7), itemId: 300, seconds: 600, spentAt: '2026-12-01' })],
    ['deleteTimelog', (api) => api.deleteTimelog('gid://gitlab/Timelog/1')],
    ['getTokenInfo', (api) => api.getTokenInfo()],
  ])('%s fails as not found without asking', async (_, act) => {
    const { api, asked } = v3Server(acme);
    expect(await failure(act(api))).toMatchObject({ kind: 'not-found', status: 404 });
    expect(asked).toHaveLength(0);
  });
});
