import { describe, expect, it } from 'vitest';
import { GitLabError, createGitLabClient, normaliseBaseUrl, type GitLabAuth, type GitLabClientDeps, type ItemRef } from './client';
import { MAX_DURATION_SECONDS } from './duration';

const TOKEN = 'glpat-SECRET-token-1234567890';
const BASE = 'https://gitlab.example.com';

interface Seen {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Handler = (req: Seen, signal: AbortSignal | undefined) => Response | Promise<Response>;

function fakeFetch(handler: Handler): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req: Seen = {
      url: new URL(String(input)),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
      credentials: init?.credentials,
    };
    seen.push(req);
    return handler(req, init?.signal ?? undefined);
  };
  return { fetch: fetchFn as typeof fetch, seen };
}

function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function client(handler: Handler, auth: Partial<GitLabAuth> = {}, timeoutMs?: number, deps: GitLabClientDeps = {}) {
  const fake = fakeFetch(handler);
  const api = createGitLabClient(
    { baseUrl: BASE, token: TOKEN, ...auth },
    { ...deps, fetch: fake.fetch, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
  );
  return { api, seen: fake.seen };
}

/** An issue and a merge request, as the client's callers name them. */
const issue = (iid: number, projectPath = 'acme/web'): ItemRef => ({ projectPath, kind: 'issue', iid });
const mr = (iid: number, projectPath = 'acme/web'): ItemRef => ({ projectPath, kind: 'merge_request', iid });

async function failure(promise: Promise<unknown>): Promise<GitLabError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GitLabError);
    return error as GitLabError;
  }
  throw new Error('expected the call to fail');
}

const user = { id: 1, username: 'ada', name: 'Ada', avatar_url: null, web_url: `${BASE}/ada`, state: 'active' };
const stats = { time_estimate: 12600, total_time_spent: 1800, human_time_estimate: '3h 30m', human_total_time_spent: '30m' };

function issueJson(id: number) {
  return {
    id: 1000 + id,
    iid: id,
    project_id: 5,
    title: `Issue ${id}`,
    web_url: `${BASE}/acme/web/-/issues/${id}`,
    state: 'opened',
    labels: ['bug'],
    due_date: null,
    updated_at: '2024-01-01T00:00:00Z',
    references: { full: `acme/web#${id}`, short: `#${id}`, relative: `#${id}` },
    time_stats: { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null },
    assignees: [],
  };
}

describe('requests', () => {
  it('getUser sends the private token, asks for JSON and omits cookies', async () => {
    const { api, seen } = client(() => json(user));
    await expect(api.getUser()).resolves.toEqual({ id: 1, username: 'ada', name: 'Ada', avatar_url: null, web_url: `${BASE}/ada` });
    const [req] = seen;
    expect(req?.url.toString()).toBe(`${BASE}/api/v4/user`);
    expect(req?.method).toBe('GET');
    expect(req?.headers.get('PRIVATE-TOKEN')).toBe(TOKEN);
    expect(req?.headers.get('Authorization')).toBeNull();
    expect(req?.headers.get('Accept')).toBe('application/json');
    expect(req?.credentials).toBe('omit');
  });

  it('OAuth tokens go as a Bearer token', async () => {
    const { api, seen } = client(() => json(user), { tokenType: 'oauth' });
    await api.getUser();
    expect(seen[0]?.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]?.headers.get('PRIVATE-TOKEN')).toBeNull();
  });

  it('keeps a sub-path and ignores a trailing slash in the base URL', async () => {
    const { api, seen } = client(() => json({ version: '16.11.0', revision: 'abc' }), { baseUrl: 'http://127.0.0.1:3300/gitlab/' });
    await expect(api.getVersion()).resolves.toEqual({ version: '16.11.0', revision: 'abc' });
    expect(seen[0]?.url.toString()).toBe('http://127.0.0.1:3300/gitlab/api/v4/version');
  });

  it('fills in fields old servers leave out', async () => {
    const { api } = client(() => json({ version: '9.0.0' }));
    await expect(api.getVersion()).resolves.toEqual({ version: '9.0.0', revision: '' });
  });

  it.each<[string, string]>([
    ['acme/web', '/api/v4/projects/acme%2Fweb/issues/4/time_stats'],
    ['group/sub/project', '/api/v4/projects/group%2Fsub%2Fproject/issues/4/time_stats'],
    ['/acme/web/', '/api/v4/projects/acme%2Fweb/issues/4/time_stats'],
    ['my.group/we b', '/api/v4/projects/my.group%2Fwe%20b/issues/4/time_stats'],
    ['12', '/api/v4/projects/12/issues/4/time_stats'],
  ])('encodes project %j', async (project, path) => {
    const { api, seen } = client(() => json(stats));
    await expect(api.getTimeStats(issue(4, project))).resolves.toEqual(stats);
    expect(seen[0]?.url.pathname).toBe(path);
  });

  it.each<[string, number, ItemRef['kind']]>([
    ['', 1, 'issue'],
    ['/', 1, 'issue'],
    ['  ', 1, 'merge_request'],
    ['acme/web', 0, 'issue'],
    ['acme/web', -1, 'issue'],
    ['acme/web', 2.5, 'issue'],
    ['acme/web', Number.NaN, 'issue'],
    ['acme/web', 0, 'merge_request'],
    ['acme/web', 2 ** 53, 'merge_request'],
  ])('refuses project %j, iid %d (%s) without calling GitLab', async (projectPath, iid, kind) => {
    const { api, seen } = client(() => json(stats));
    expect((await failure(api.getTimeStats({ projectPath, kind, iid }))).kind).toBe('bad-request');
    expect(seen).toHaveLength(0);
  });

  it.each<[number, string]>([
    [12600, '3h 30m'],
    [8 * 3600, '8h'],
    [48 * 3600, '48h'],
    [5400, '1h 30m'],
    [60, '1m'],
    [90, '1m 30s'],
  ])('setTimeEstimate(%d seconds) posts duration %j as JSON', async (seconds, wire) => {
    const { api, seen } = client(() => json(stats));
    await expect(api.setTimeEstimate(issue(4), seconds)).resolves.toEqual(stats);
    const req = seen[0];
    expect(req?.method).toBe('POST');
    expect(req?.url.pathname).toBe('/api/v4/projects/acme%2Fweb/issues/4/time_estimate');
    expect(req?.url.search).toBe('');
    expect(req?.headers.get('Content-Type')).toBe('application/json');
    expect(req?.body).toEqual({ duration: wire });
  });

  it.each<[string, number]>([
    ['zero', 0],
    ['a negative estimate', -3600],
    ['a fraction of a second', 90.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['more than ten years of working time', MAX_DURATION_SECONDS + 60],
  ])('refuses %s as an estimate before sending', async (_, seconds) => {
    const { api, seen } = client(() => json(stats));
    const error = await failure(api.setTimeEstimate(issue(4), seconds));
    expect(error.kind).toBe('bad-request');
    expect(error.message).toBe('That is not a duration GitLab takes.');
    expect(seen).toHaveLength(0);
  });

  it('the longest duration GitLab takes still goes', async () => {
    const { api, seen } = client(() => json(stats));
    await api.setTimeEstimate(issue(4), MAX_DURATION_SECONDS);
    expect(seen[0]?.body).toEqual({ duration: `${MAX_DURATION_SECONDS / 3600}h` });
  });

  it('addSpentTime sends duration and a trimmed summary, and may subtract', async () => {
    const { api, seen } = client(() => json(stats, 201));
    await api.addSpentTime(issue(4), 5400, '  Fixed the bug ');
    await api.addSpentTime(issue(4, 'group/sub/project'), -1800, '   ');
    await api.addSpentTime(issue(4), 900);
    expect(seen.map((r) => r.url.pathname)).toEqual([
      '/api/v4/projects/acme%2Fweb/issues/4/add_spent_time',
      '/api/v4/projects/group%2Fsub%2Fproject/issues/4/add_spent_time',
      '/api/v4/projects/acme%2Fweb/issues/4/add_spent_time',
    ]);
    expect(seen.map((r) => r.body)).toEqual([
      { duration: '1h 30m', summary: 'Fixed the bug' },
      { duration: '-30m' },
      { duration: '15m' },
    ]);
  });

  it('addSpentTime leaves the summary out for servers before 14.2, and sends it from 14.2', async () => {
    const old = client(() => json(stats, 201), {}, undefined, { gitlabVersion: '14.1.8' });
    await old.api.addSpentTime(issue(4), 900, 'Fixed');
    expect(old.seen[0]?.body).toEqual({ duration: '15m' });
    const current = client(() => json(stats, 201), {}, undefined, { gitlabVersion: '14.2.0' });
    await current.api.addSpentTime(issue(4), 900, 'Fixed');
    expect(current.seen[0]?.body).toEqual({ duration: '15m', summary: 'Fixed' });
  });

  it('addSpentTime refuses zero and fractions without calling GitLab', async () => {
    const { api, seen } = client(() => json(stats, 201));
    expect((await failure(api.addSpentTime(issue(4), 0))).kind).toBe('bad-request');
    expect((await failure(api.addSpentTime(issue(4), 0.5))).kind).toBe('bad-request');
    expect((await failure(api.addSpentTime(issue(4), -(MAX_DURATION_SECONDS + 60)))).kind).toBe('bad-request');
    expect(seen).toHaveLength(0);
  });

  it('resets estimate and spent time with a bare POST', async () => {
    const zero = { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null };
    const { api, seen } = client(() => json(zero));
    await expect(api.resetTimeEstimate(issue(4))).resolves.toEqual(zero);
    await expect(api.resetSpentTime(issue(4))).resolves.toEqual(zero);
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/v4/projects/acme%2Fweb/issues/4/reset_time_estimate',
      'POST /api/v4/projects/acme%2Fweb/issues/4/reset_spent_time',
    ]);
    expect(seen[0]?.body).toBeUndefined();
    expect(seen[0]?.headers.get('Content-Type')).toBeNull();
  });

  it('human_* fields may be missing on old servers', async () => {
    const { api } = client(() => json({ time_estimate: 0, total_time_spent: 60 }));
    await expect(api.getTimeStats(issue(1))).resolves.toEqual({
      time_estimate: 0,
      total_time_spent: 60,
      human_time_estimate: null,
      human_total_time_spent: null,
    });
  });

  it('addTodo: 201 creates, 304 means one exists', async () => {
    let status = 201;
    const { api, seen } = client(() => (status === 304 ? new Response(null, { status: 304 }) : json({ id: 1 }, 201)));
    await expect(api.addTodo(issue(4))).resolves.toEqual({ created: true });
    status = 304;
    await expect(api.addTodo(issue(4))).resolves.toEqual({ created: false });
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url.pathname).toBe('/api/v4/projects/acme%2Fweb/issues/4/todo');
  });

  it('markTodoDone posts to mark_as_done', async () => {
    const { api, seen } = client(() => json({ id: 5, state: 'done' }));
    await expect(api.markTodoDone(5)).resolves.toBeUndefined();
    expect(`${seen[0]?.method} ${seen[0]?.url.pathname}`).toBe('POST /api/v4/todos/5/mark_as_done');
    expect((await failure(api.markTodoDone(0))).kind).toBe('bad-request');
  });
});

describe('errors', () => {
  it('401: the token is refused', async () => {
    const { api } = client(() => json({ message: '401 Unauthorized' }, 401));
    const error = await failure(api.getUser());
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, transient: false, ambiguous: false });
    expect(error.message).toBe('GitLab refused the access token: it is wrong, expired or revoked. Reconnect in the options.');
  });

  it('401 from an expired OAuth token', async () => {
    const { api } = client(() => json({ error: 'invalid_token', error_description: 'Token is expired.' }, 401));
    expect((await failure(api.getUser())).kind).toBe('unauthorized');
  });

  it('403: not allowed on this issue', async () => {
    const { api } = client(() => json({ message: '403 Forbidden' }, 403));
    const error = await failure(api.addSpentTime(issue(4), 3600));
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, transient: false, ambiguous: false });
    expect(error.message).toBe('You do not have permission to do that on this issue (it needs Reporter access or more).');
  });

  it('403 on a merge request\'s estimate: says merge request, and that it needs a Developer', async () => {
    const { api } = client(() => json({ message: '403 Forbidden' }, 403));
    for (const act of [api.setTimeEstimate(mr(7), 3600), api.resetTimeEstimate(mr(7)), api.addSpentTime(mr(7), 600), api.resetSpentTime(mr(7))]) {
      const error = await failure(act);
      expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
      expect(error.message).toBe('You do not have permission to do that on this merge request (its time tracking needs Developer access or more).');
    }
  });

  it('404 on a merge request says merge request', async () => {
    const { api } = client(() => json({ message: '404 Merge Request Not Found' }, 404));
    for (const act of [api.getTimeStats(mr(99)), api.getItemId(mr(99)), api.addTodo(mr(99)), api.itemNotes(mr(99))]) {
      expect((await failure(act)).message).toBe('GitLab cannot find this merge request, or this account cannot see it.');
    }
  });

  it('403 insufficient_scope, in the body or the WWW-Authenticate header', async () => {
    const body = { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api' };
    const inBody = client(() => json(body, 403));
    const inHeader = client(() => json({ message: '403 Forbidden' }, 403, { 'WWW-Authenticate': 'Bearer realm="", error="insufficient_scope"' }));
    for (const { api } of [inBody, inHeader]) {
      const error = await failure(api.setTimeEstimate(issue(4), 3600));
      expect(error.kind).toBe('insufficient-scope');
      expect(error.message).toMatch(/api scope/);
    }
  });

  it('404 on an issue', async () => {
    const { api } = client(() => json({ message: '404 Issue Not Found' }, 404));
    const error = await failure(api.getTimeStats(issue(99)));
    expect(error).toMatchObject({ kind: 'not-found', status: 404 });
    expect(error.message).toMatch(/cannot find this issue/);
  });

  it('404 on /user: no GitLab API v4 there', async () => {
    const { api } = client(() => new Response('<html>Not found</html>', { status: 404, headers: { 'Content-Type': 'text/html' } }));
    const error = await failure(api.getUser());
    expect(error.kind).toBe('not-gitlab');
    expect(error.message).toBe('gitlab.example.com does not look like a GitLab server (no GitLab API answered).');
  });

  it.each<[unknown, string]>([
    [{ message: { base: ['Time to subtract exceeds the total time spent'] } }, 'Time to subtract exceeds the total time spent'],
    [{ message: { 'timelogs.summary': ['is too long (maximum is 255 characters)'] } }, 'Summary is too long (maximum is 255 characters)'],
    [{ error: 'duration is missing' }, 'duration is missing'],
    [{ message: '400 (Bad request) "duration" not given' }, '400 (Bad request) "duration" not given'],
    [{ message: { base: ['a', 'b'], time_spent: ['is invalid'] } }, 'a; b; Time spent is invalid'],
  ])('400 %j shows GitLab’s words', async (body, detail) => {
    const { api } = client(() => json(body, 400));
    const error = await failure(api.addSpentTime(issue(4), -5 * 3600));
    expect(error).toMatchObject({ kind: 'bad-request', status: 400, detail, transient: false, ambiguous: false });
    expect(error.message).toBe(`GitLab refused the request: ${detail}`);
  });

  it('400 without a readable message', async () => {
    const { api } = client(() => new Response('<html>', { status: 400 }));
    const error = await failure(api.getTimeStats(issue(1)));
    expect(error.kind).toBe('bad-request');
    expect(error.message).toBe('GitLab refused the request as invalid (HTTP 400).');
  });

  it('429 with Retry-After in seconds', async () => {
    const { api } = client(() => json({ message: 'Retry later' }, 429, { 'Retry-After': '30' }));
    const error = await failure(api.getTimeStats(issue(1)));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 30_000, transient: true });
    expect(error.message).toMatch(/30 seconds/);
  });

  it('429 with Retry-After as an HTTP date', async () => {
    const when = new Date(Date.now() + 120_000).toUTCString();
    const { api } = client(() => json({ message: 'Retry later' }, 429, { 'Retry-After': when }));
    const error = await failure(api.getTimeStats(issue(1)));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThan(115_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('429 without Retry-After', async () => {
    const { api } = client(() => json({ message: 'Retry later' }, 429));
    const error = await failure(api.getTimeStats(issue(1)));
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.message).toMatch(/in a minute/);
  });

  it('500 is a transient server error, not ambiguous', async () => {
    const { api } = client(() => new Response('oops', { status: 500 }));
    const error = await failure(api.addSpentTime(issue(1), 3600));
    expect(error).toMatchObject({ kind: 'server', status: 500, transient: true, ambiguous: false });
  });

  it('a gateway timeout on a write may have been applied', async () => {
    const { api } = client(() => new Response('', { status: 504 }));
    expect(await failure(api.addSpentTime(issue(1), 3600))).toMatchObject({ kind: 'server', ambiguous: true });
    expect(await failure(api.getTimeStats(issue(1)))).toMatchObject({ kind: 'server', ambiguous: false });
  });

  it('network failure: transient; ambiguous only for writes', async () => {
    const { api } = client(() => {
      throw new TypeError('Failed to fetch');
    });
    const read = await failure(api.getTimeStats(issue(1)));
    expect(read).toMatchObject({ kind: 'network', transient: true, ambiguous: false });
    expect(read.message).toBe('Could not reach gitlab.example.com. Check the network connection and the server address.');
    expect(await failure(api.addSpentTime(issue(1), 3600))).toMatchObject({ kind: 'network', ambiguous: true });
  });

  it('timeout aborts the request', async () => {
    let aborted = false;
    const hang: Handler = (_req, signal) =>
      new Promise<Response>((_resolve, reject) => {
        signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('The operation was aborted.', 'AbortError'));
        });
      });
    const { api } = client(hang, {}, 20);
    const read = await failure(api.getTimeStats(issue(1)));
    expect(aborted).toBe(true);
    expect(read).toMatchObject({ kind: 'timeout', transient: true, ambiguous: false });
    expect(read.message).toBe('gitlab.example.com did not answer within 1 second.');
    expect(await failure(api.addSpentTime(issue(1), 3600))).toMatchObject({ kind: 'timeout', ambiguous: true });
  });

  it('a body that stalls also times out', async () => {
    const stalled: Handler = (_req, signal) => {
      const body = new ReadableStream({
        start(controller) {
          signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200 });
    };
    const { api } = client(stalled, {}, 20);
    expect((await failure(api.getTimeStats(issue(1)))).kind).toBe('timeout');
  });

  it.each<[string, unknown]>([
    ['a string estimate', { ...stats, time_estimate: '3h' }],
    ['a negative total', { ...stats, total_time_spent: -5 }],
    ['a missing total', { time_estimate: 0 }],
    ['an array', [stats]],
    ['null', null],
  ])('malformed answer: %s', async (_, body) => {
    const { api } = client(() => json(body));
    const error = await failure(api.getTimeStats(issue(1)));
    expect(error).toMatchObject({ kind: 'malformed', transient: false, ambiguous: false });
    expect(error.message).toBe('GitLab sent an answer this extension does not understand.');
  });

  it('malformed: not JSON at all', async () => {
    const { api } = client(() => new Response('{"time_estimate": 0,', { status: 200 }));
    expect((await failure(api.getTimeStats(issue(1)))).kind).toBe('malformed');
  });

  it('a malformed answer to a write may hide an applied change', async () => {
    const { api } = client(() => json({ ok: true }, 201));
    const error = await failure(api.addSpentTime(issue(1), 3600));
    expect(error).toMatchObject({ kind: 'malformed', ambiguous: true });
    expect(error.message).toMatch(/may or may not have been saved/);
  });

  it('an HTML page on /user is not GitLab', async () => {
    const { api } = client(() => new Response('<!doctype html><title>Sign in</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const error = await failure(api.getUser());
    expect(error.kind).toBe('not-gitlab');
    expect(error.message).toMatch(/^gitlab\.example\.com does not look like a GitLab server/);
  });

  it('another service’s JSON on /user is not GitLab', async () => {
    const { api } = client(() => json({ login: 'octocat' }));
    expect((await failure(api.getUser())).kind).toBe('not-gitlab');
  });

  it('never puts the token in a message', async () => {
    const answers: Array<() => Response> = [
      () => json({ message: `token ${TOKEN} is bad` }, 400),
      () => json({ error: `invalid ${TOKEN}` }, 400),
      () => json({ message: { base: [TOKEN] } }, 422),
      () => json({ message: TOKEN }, 401),
      () => json({ message: TOKEN }, 403),
      () => json({ message: TOKEN }, 404),
      () => json({ message: TOKEN }, 429, { 'Retry-After': '1' }),
      () => new Response(TOKEN, { status: 500 }),
      () => new Response(TOKEN, { status: 200 }),
      () => {
        throw new TypeError(`fetch failed ${TOKEN}`);
      },
    ];
    for (const tokenType of ['private', 'oauth'] as const) {
      for (const answer of answers) {
        const { api } = client(answer, { tokenType });
        for (const promise of [api.getUser(), api.addSpentTime(issue(1, 'a/b'), 3600, TOKEN), api.listTodos()]) {
          const error = await failure(promise);
          const text = [error.message, error.detail ?? '', String(error), JSON.stringify(error), error.stack ?? '', String(error.cause ?? '')].join('\n');
          expect(text).not.toContain(TOKEN);
        }
      }
    }
  });

  it('errors serialise for messaging', async () => {
    const { api } = client(() => json({ message: 'Retry later' }, 429, { 'Retry-After': '2' }));
    const error = await failure(api.getTimeStats(issue(1)));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'GitLabError',
      kind: 'rate-limited',
      message: 'GitLab is limiting requests right now. Try again in 2 seconds.',
      status: 429,
      retryAfterMs: 2000,
      transient: true,
      ambiguous: false,
      detail: 'Retry later',
    });
  });
});

describe('merge requests', () => {
  type Call = (api: ReturnType<typeof client>['api'], item: ItemRef) => Promise<unknown>;
  it.each<[string, Call, string, string, unknown]>([
    ['getTimeStats', (api, item) => api.getTimeStats(item), 'GET', '/time_stats', undefined],
    ['setTimeEstimate', (api, item) => api.setTimeEstimate(item, 2700), 'POST', '/time_estimate', { duration: '45m' }],
    ['resetTimeEstimate', (api, item) => api.resetTimeEstimate(item), 'POST', '/reset_time_estimate', undefined],
    ['addSpentTime', (api, item) => api.addSpentTime(item, -900, ' Review '), 'POST', '/add_spent_time', { duration: '-15m', summary: 'Review' }],
    ['resetSpentTime', (api, item) => api.resetSpentTime(item), 'POST', '/reset_spent_time', undefined],
  ])('%s goes to the merge request, not the issue with the same number', async (_, act, method, suffix, body) => {
    const { api, seen } = client(() => json(stats));
    await expect(act(api, mr(7))).resolves.toEqual(stats);
    await act(api, issue(7));
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      `${method} /api/v4/projects/acme%2Fweb/merge_requests/7${suffix}`,
      `${method} /api/v4/projects/acme%2Fweb/issues/7${suffix}`,
    ]);
    expect(seen[0]?.body).toEqual(body);
  });

  it('addTodo on a merge request', async () => {
    const { api, seen } = client(() => json({ id: 1 }, 201));
    await expect(api.addTodo(mr(7, 'group/sub/project'))).resolves.toEqual({ created: true });
    expect(`${seen[0]?.method} ${seen[0]?.url.pathname}`).toBe('POST /api/v4/projects/group%2Fsub%2Fproject/merge_requests/7/todo');
  });

  it('getItemId reads the global id of an issue or a merge request', async () => {
    const { api, seen } = client((req) => json({ id: req.url.pathname.includes('merge_requests') ? 9007 : 1007, iid: 7 }));
    await expect(api.getItemId(mr(7))).resolves.toBe(9007);
    await expect(api.getItemId(issue(7))).resolves.toBe(1007);
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'GET /api/v4/projects/acme%2Fweb/merge_requests/7',
      'GET /api/v4/projects/acme%2Fweb/issues/7',
    ]);
  });

  it('getItemId refuses an answer without a usable id', async () => {
    const { api } = client(() => json({ id: 0 }));
    expect((await failure(api.getItemId(mr(7)))).kind).toBe('malformed');
  });
});

describe('itemNotes', () => {
  const note = (id: number, body: string, extra: Record<string, unknown> = {}) => ({ id, body, system: true, author: { id: 1, username: 'ada' }, created_at: '2026-01-01T00:00:00Z', ...extra });

  it('asks for the newest 100 notes of a merge request and names each author', async () => {
    const { api, seen } = client(() =>
      json([note(30, 'added 1h of time spent'), note(20, 'Looks good', { system: false, author: { id: 2, username: 'bob' } }), note(10, 'changed the description', { author: null })]),
    );
    expect(await api.itemNotes(mr(7))).toEqual([
      { id: 30, body: 'added 1h of time spent', system: true, username: 'ada' },
      { id: 20, body: 'Looks good', system: false, username: 'bob' },
      { id: 10, body: 'changed the description', system: true, username: null },
    ]);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.url.pathname).toBe('/api/v4/projects/acme%2Fweb/merge_requests/7/notes');
    expect(Object.fromEntries(seen[0]?.url.searchParams ?? [])).toEqual({ order_by: 'created_at', sort: 'desc', per_page: '100' });
  });

  it('an issue’s notes, and a note without `system` is not a system note', async () => {
    const { api, seen } = client(() => json([{ id: 3, body: 'hi', author: { username: 'ada' } }]));
    expect(await api.itemNotes(issue(4))).toEqual([{ id: 3, body: 'hi', system: false, username: 'ada' }]);
    expect(seen[0]?.url.pathname).toBe('/api/v4/projects/acme%2Fweb/issues/4/notes');
  });

  it.each<[string, unknown]>([
    ['a note without a body', [{ id: 3, system: true }]],
    ['a note with a zero id', [{ id: 0, body: 'x' }]],
    ['an object instead of a list', { id: 3, body: 'x' }],
  ])('refuses %s as malformed', async (_, body) => {
    const { api } = client(() => json(body));
    expect((await failure(api.itemNotes(issue(4)))).kind).toBe('malformed');
  });

  it('refuses a bad number without calling GitLab', async () => {
    const { api, seen } = client(() => json([]));
    expect((await failure(api.itemNotes(mr(-1)))).kind).toBe('bad-request');
    expect(seen).toHaveLength(0);
  });
});

describe('GraphQL', () => {
  interface GraphqlBody {
    operationName: string;
    query: string;
    variables: Record<string, unknown>;
  }
  const body = (req: Seen | undefined) => req?.body as GraphqlBody;
  const timelog = (id: number, seconds: number, username: string | null, extra: Record<string, unknown> = {}) => ({
    id: `gid://gitlab/Timelog/${id}`,
    timeSpent: seconds,
    spentAt: '2026-12-01T09:00:00Z',
    summary: null,
    user: username === null ? null : { username },
    ...extra,
  });
  const found = (nodes: unknown[]) => ({
    data: {
      project: {
        item: {
          id: 'gid://gitlab/MergeRequest/9007',
          timeEstimate: 7200,
          totalTimeSpent: 5400,
          humanTimeEstimate: '2h',
          humanTotalTimeSpent: '1h 30m',
          timelogs: { nodes },
        },
      },
    },
  });

  it('itemTimelogs asks for a merge request’s logs and numbers in one query', async () => {
    const { api, seen } = client(() => json(found([timelog(5, 3600, 'ada', { summary: 'Review' }), timelog(6, -1800, 'bob', { spentAt: null }), timelog(7, 3600, null)])));
    expect(await api.itemTimelogs(mr(7))).toEqual({
      timelogs: [
        { id: 'gid://gitlab/Timelog/5', seconds: 3600, spentAt: '2026-12-01T09:00:00Z', summary: 'Review', username: 'ada' },
        { id: 'gid://gitlab/Timelog/6', seconds: -1800, spentAt: null, summary: null, username: 'bob' },
        { id: 'gid://gitlab/Timelog/7', seconds: 3600, spentAt: '2026-12-01T09:00:00Z', summary: null, username: null },
      ],
      timeStats: { time_estimate: 7200, total_time_spent: 5400, human_time_estimate: '2h', human_total_time_spent: '1h 30m' },
    });
    const req = seen[0];
    expect(`${req?.method} ${req?.url.toString()}`).toBe(`POST ${BASE}/api/graphql`);
    expect(req?.headers.get('PRIVATE-TOKEN')).toBe(TOKEN);
    expect(req?.headers.get('Content-Type')).toBe('application/json');
    expect(body(req).operationName).toBe('ItemTimelogs');
    expect(body(req).query).toMatch(/^query ItemTimelogs\(/);
    expect(body(req).query).toContain('item: mergeRequest(iid: $iid)');
    expect(body(req).query).not.toContain('issue(');
    expect(body(req).variables).toEqual({ fullPath: 'acme/web', iid: '7' });
  });

  it('itemTimelogs asks for an issue as `item: issue(iid)`, and fills in missing human totals', async () => {
    const answer = found([]);
    answer.data.project.item = { ...answer.data.project.item, humanTimeEstimate: undefined as unknown as string, humanTotalTimeSpent: null as unknown as string };
    const { api, seen } = client(() => json(answer));
    expect(await api.itemTimelogs(issue(4, 'group/sub/project'))).toEqual({
      timelogs: [],
      timeStats: { time_estimate: 7200, total_time_spent: 5400, human_time_estimate: null, human_total_time_spent: null },
    });
    expect(body(seen[0]).query).toContain('item: issue(iid: $iid)');
    expect(body(seen[0]).query).not.toContain('mergeRequest(');
    expect(body(seen[0]).variables).toEqual({ fullPath: 'group/sub/project', iid: '4' });
  });

  it.each<[string, unknown]>([
    ['no project', { data: { project: null } }],
    ['no such item', { data: { project: { item: null } } }],
  ])('itemTimelogs with %s is not found', async (_, answer) => {
    const { api } = client(() => json(answer));
    expect(await failure(api.itemTimelogs(mr(7)))).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('GraphQL errors (answered with 200) are refusals in GitLab’s words', async () => {
    const { api } = client(() => json({ errors: [{ message: 'Field must have selections' }, { message: 'Bad iid' }] }));
    const error = await failure(api.itemTimelogs(issue(4)));
    expect(error.kind).toBe('bad-request');
    expect(error.message).toBe('GitLab refused the request: Field must have selections; Bad iid');
  });

  it('a timelog with a fractional duration is malformed', async () => {
    const { api } = client(() => json(found([timelog(5, 1.5, 'ada')])));
    expect((await failure(api.itemTimelogs(issue(4)))).kind).toBe('malformed');
  });

  it('itemTimelogs refuses a bad number without calling GitLab', async () => {
    const { api, seen } = client(() => json(found([])));
    expect((await failure(api.itemTimelogs(mr(0)))).kind).toBe('bad-request');
    expect(seen).toHaveLength(0);
  });

  const created = { data: { timelogCreate: { timelog: { id: 'gid://gitlab/Timelog/77' }, errors: [] } } };

  it('createTimelog on an issue sends the Issue gid, the duration, the day and a trimmed summary', async () => {
    const { api, seen } = client(() => json(created));
    await expect(api.createTimelog({ item: issue(4), itemId: 1004, seconds: 5400, spentAt: '2026-12-01', summary: '  Fixed it ' })).resolves.toEqual({
      id: 'gid://gitlab/Timelog/77',
      timeStats: null,
    });
    expect(`${seen[0]?.method} ${seen[0]?.url.pathname}`).toBe('POST /api/graphql');
    expect(body(seen[0]).operationName).toBe('TimelogCreate');
    expect(body(seen[0]).query).toMatch(/^mutation TimelogCreate\(\$input: TimelogCreateInput!\)/);
    expect(body(seen[0]).query).toContain('issue { timeEstimate totalTimeSpent humanTimeEstimate humanTotalTimeSpent }');
    expect(body(seen[0]).query).not.toContain('mergeRequest');
    expect(body(seen[0]).variables).toEqual({
      input: { issuableId: 'gid://gitlab/Issue/1004', timeSpent: '1h 30m', spentAt: '2026-12-01', summary: 'Fixed it' },
    });
  });

  it.each<[string, string | undefined]>([
    ['no summary', undefined],
    ['an empty summary', ''],
    ['a blank summary', '   '],
  ])('createTimelog on a merge request sends the MergeRequest gid and, with %s, an empty summary', async (_, summary) => {
    const { api, seen } = client(() => json(created));
    await api.createTimelog({ item: mr(7), itemId: 9007, seconds: -1800, spentAt: '2026-12-01', ...(summary === undefined ? {} : { summary }) });
    const input = body(seen[0]).variables.input as Record<string, unknown>;
    expect(input).toEqual({ issuableId: 'gid://gitlab/MergeRequest/9007', timeSpent: '-30m', spentAt: '2026-12-01', summary: '' });
    expect(Object.keys(input)).toContain('summary');
  });

  it('createTimelog answers with the item’s numbers after the log, for an issue or a merge request', async () => {
    const numbers = { timeEstimate: 7200, totalTimeSpent: 9000, humanTimeEstimate: '2h', humanTotalTimeSpent: '2h 30m' };
    const answer = (field: 'issue' | 'mergeRequest', n: object) => ({ data: { timelogCreate: { timelog: { id: 'gid://gitlab/Timelog/78', [field]: n }, errors: [] } } });
    let reply: unknown = answer('mergeRequest', numbers);
    const { api, seen } = client(() => json(reply));
    await expect(api.createTimelog({ item: mr(7), itemId: 9007, seconds: 1800, spentAt: '2026-12-01' })).resolves.toEqual({
      id: 'gid://gitlab/Timelog/78',
      timeStats: { time_estimate: 7200, total_time_spent: 9000, human_time_estimate: '2h', human_total_time_spent: '2h 30m' },
    });
    expect(body(seen[0]).query).toContain('mergeRequest { timeEstimate totalTimeSpent humanTimeEstimate humanTotalTimeSpent }');
    expect(body(seen[0]).query).not.toMatch(/\bissue \{/);
    reply = answer('issue', { timeEstimate: 0, totalTimeSpent: 600, humanTimeEstimate: null });
    await expect(api.createTimelog({ item: issue(4), itemId: 1004, seconds: 600, spentAt: '2026-12-01' })).resolves.toEqual({
      id: 'gid://gitlab/Timelog/78',
      timeStats: { time_estimate: 0, total_time_spent: 600, human_time_estimate: null, human_total_time_spent: null },
    });
    reply = answer('issue', { timeEstimate: 0, totalTimeSpent: 'lots' });
    expect(await failure(api.createTimelog({ item: issue(4), itemId: 1004, seconds: 600, spentAt: '2026-12-01' }))).toMatchObject({ kind: 'malformed', ambiguous: true });
  });

  it('createTimelog sends the summary even to servers that take none on REST', async () => {
    const { api, seen } = client(() => json(created), {}, undefined, { gitlabVersion: '14.1.0' });
    await api.createTimelog({ item: issue(4), itemId: 1004, seconds: 600, spentAt: '2026-12-01', summary: 'x' });
    expect((body(seen[0]).variables.input as Record<string, unknown>).summary).toBe('x');
  });

  it.each<[string, number]>([
    ['zero', 0],
    ['a fraction', 59.5],
    ['too long', MAX_DURATION_SECONDS + 60],
  ])('createTimelog refuses %s without calling GitLab', async (_, seconds) => {
    const { api, seen } = client(() => json(created));
    expect((await failure(api.createTimelog({ item: issue(4), itemId: 1004, seconds, spentAt: '2026-12-01' }))).kind).toBe('bad-request');
    expect(seen).toHaveLength(0);
  });

  it('createTimelog refused by GitLab: its errors, or words of our own when it gives none', async () => {
    let errors = ['Time spent can not be zero'];
    const { api } = client(() => json({ data: { timelogCreate: { timelog: null, errors } } }));
    const refused = await failure(api.createTimelog({ item: mr(7), itemId: 9007, seconds: 600, spentAt: '2026-12-01' }));
    expect(refused).toMatchObject({ kind: 'forbidden', ambiguous: false });
    expect(refused.message).toBe('GitLab refused the request: Time spent can not be zero');
    errors = [];
    const silent = await failure(api.createTimelog({ item: mr(7), itemId: 9007, seconds: 600, spentAt: '2026-12-01' }));
    expect(silent.message).toBe('GitLab refused the request: GitLab did not create the time log.');
  });

  it('createTimelog whose answer is lost or unreadable may have landed', async () => {
    const lost = client(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await failure(lost.api.createTimelog({ item: issue(4), itemId: 1004, seconds: 600, spentAt: '2026-12-01' }))).toMatchObject({ kind: 'network', ambiguous: true });
    const garbled = client(() => json({ data: { timelogCreate: { timelog: { id: 77 }, errors: [] } } }));
    expect(await failure(garbled.api.createTimelog({ item: issue(4), itemId: 1004, seconds: 600, spentAt: '2026-12-01' }))).toMatchObject({ kind: 'malformed', ambiguous: true });
  });

  it('deleteTimelog sends the id, and a refusal is an error', async () => {
    let answer: unknown = { data: { timelogDelete: { timelog: { id: 'gid://gitlab/Timelog/77' }, errors: [] } } };
    const { api, seen } = client(() => json(answer));
    await expect(api.deleteTimelog('gid://gitlab/Timelog/77')).resolves.toBeUndefined();
    expect(body(seen[0]).operationName).toBe('TimelogDelete');
    expect(body(seen[0]).variables).toEqual({ id: 'gid://gitlab/Timelog/77' });
    answer = { data: { timelogDelete: { timelog: null, errors: ['Timelog not found'] } } };
    const error = await failure(api.deleteTimelog('gid://gitlab/Timelog/78'));
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe('GitLab refused the request: Timelog not found');
  });
});

describe('pagination', () => {
  function pagedIssues(total: number, perPage: number, headersFor: (page: number, pages: number) => Record<string, string>) {
    const pages = Math.ceil(total / perPage);
    let inFlight = 0;
    let maxInFlight = 0;
    const { api, seen } = client(async (req) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      const page = Number(req.url.searchParams.get('page') ?? '1');
      const items = Array.from({ length: Math.max(0, Math.min(perPage, total - (page - 1) * perPage)) }, (_, i) => issueJson((page - 1) * perPage + i + 1));
      return json(items, 200, headersFor(page, pages));
    });
    return { api, seen, maxInFlight: () => maxInFlight };
  }

  it('with X-Total-Pages, fetches the remaining pages in parallel, at most 4 at a time, in order', async () => {
    const { api, seen, maxInFlight } = pagedIssues(950, 100, (page, pages) => ({ 'X-Total-Pages': String(pages), 'X-Page': String(page) }));
    const issues = await api.listAssignedIssues();
    expect(issues).toHaveLength(950);
    expect(issues.map((i) => i.iid)).toEqual(Array.from({ length: 950 }, (_, i) => i + 1));
    expect(seen).toHaveLength(10);
    expect(maxInFlight()).toBe(4);
    const first = seen[0]?.url;
    expect(first?.pathname).toBe('/api/v4/issues');
    expect(Object.fromEntries(first?.searchParams ?? [])).toEqual({ scope: 'assigned_to_me', state: 'opened', per_page: '100', page: '1' });
    expect(new Set(seen.map((r) => r.url.searchParams.get('page')))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => String(i + 1))));
  });

  it('a single page needs a single request', async () => {
    const { api, seen } = pagedIssues(3, 100, () => ({ 'X-Total-Pages': '1', 'X-Next-Page': '' }));
    expect(await api.listAssignedIssues({ state: 'all' })).toHaveLength(3);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url.searchParams.get('state')).toBe('all');
  });

  it('without X-Total-Pages, follows X-Next-Page one page at a time', async () => {
    const { api, seen, maxInFlight } = pagedIssues(250, 100, (page, pages) => ({ 'X-Next-Page': page < pages ? String(page + 1) : '' }));
    const issues = await api.listAssignedIssues({ state: 'closed' });
    expect(issues.map((i) => i.iid)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(seen.map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2', '3']);
    expect(seen.every((r) => r.url.searchParams.get('state') === 'closed')).toBe(true);
    expect(maxInFlight()).toBe(1);
  });

  it('without X-Next-Page, follows Link rel=next, keeping its query but our own host', async () => {
    const { api, seen } = pagedIssues(250, 100, (page, pages) => {
      const link = (p: number, rel: string) =>
        `<http://gitlab.internal:8080/api/v4/issues?page=${p}&per_page=100&scope=assigned_to_me&state=opened>; rel="${rel}"`;
      const links = [link(1, 'first'), link(pages, 'last')];
      if (page < pages) links.unshift(link(page + 1, 'next'));
      return { Link: links.join(', ') };
    });
    expect(await api.listAssignedIssues()).toHaveLength(250);
    expect(seen.map((r) => `${r.url.host} ${r.url.searchParams.get('page')}`)).toEqual([
      'gitlab.example.com 1',
      'gitlab.example.com 2',
      'gitlab.example.com 3',
    ]);
  });

  it('stops when a server keeps offering the same next page', async () => {
    const { api, seen } = pagedIssues(1000, 100, () => ({ 'X-Next-Page': '2' }));
    await api.listAssignedIssues();
    expect(seen.map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2']);
  });

  it('a failing page fails the list', async () => {
    const { api } = client((req) =>
      req.url.searchParams.get('page') === '3' ? json({ message: 'boom' }, 500) : json([issueJson(1)], 200, { 'X-Total-Pages': '5' }),
    );
    expect((await failure(api.listAssignedIssues())).kind).toBe('server');
  });

  it('falls back to scope=assigned-to-me for 9.5-10.x', async () => {
    const { api, seen } = client((req) =>
      req.url.searchParams.get('scope') === 'assigned_to_me'
        ? json({ error: 'scope does not have a valid value' }, 400)
        : json([issueJson(1)], 200, { 'X-Total-Pages': '1' }),
    );
    expect(await api.listAssignedIssues()).toHaveLength(1);
    expect(seen.map((r) => r.url.searchParams.get('scope'))).toEqual(['assigned_to_me', 'assigned-to-me']);
  });

  it('issues from servers without references or labels still list', async () => {
    const old = { ...issueJson(1), references: undefined, labels: undefined, due_date: undefined };
    const { api } = client(() => json([old]));
    const [issue] = await api.listAssignedIssues();
    expect(issue).toMatchObject({ iid: 1, labels: [], due_date: null });
    expect(issue?.references).toBeUndefined();
    expect(issue).not.toHaveProperty('assignees');
  });

  it('a malformed issue fails the list as malformed', async () => {
    const { api } = client(() => json([{ ...issueJson(1), time_stats: null }]));
    expect((await failure(api.listAssignedIssues())).kind).toBe('malformed');
  });

  it('listTodos reads every page and odd targets', async () => {
    const todo = (id: number) => ({
      id,
      action_name: 'assigned',
      target_type: 'Issue',
      target_url: `${BASE}/acme/web/-/issues/${id}`,
      body: 'Fix it',
      state: 'pending',
      created_at: '2024-01-01T00:00:00Z',
      project: { id: 5, path_with_namespace: 'acme/web', name: 'Web' },
      target: { iid: id, title: `Issue ${id}`, description: 'x' },
      author: { id: 1 },
    });
    const commit = { ...todo(3), target_type: 'Commit', project: null, target: { id: 'abc123', title: 'Fix' }, body: null };
    const alert = { ...todo(4), target_type: 'AlertManagement::Alert', target: { iid: '12', title: 7 } };
    const { api, seen } = client((req) =>
      req.url.searchParams.get('page') === '1'
        ? json([todo(1), todo(2)], 200, { 'X-Next-Page': '2' })
        : json([commit, alert], 200, { 'X-Next-Page': '' }),
    );
    const todos = await api.listTodos();
    expect(seen[0]?.url.pathname).toBe('/api/v4/todos');
    expect(seen[0]?.url.searchParams.get('per_page')).toBe('100');
    expect(todos).toHaveLength(4);
    expect(todos[0]).toEqual({
      id: 1,
      action_name: 'assigned',
      target_type: 'Issue',
      target_url: `${BASE}/acme/web/-/issues/1`,
      body: 'Fix it',
      state: 'pending',
      created_at: '2024-01-01T00:00:00Z',
      project: { id: 5, path_with_namespace: 'acme/web' },
      target: { iid: 1, title: 'Issue 1' },
    });
    expect(todos[2]).toMatchObject({ project: null, body: '', target: { title: 'Fix' } });
    expect(todos[3]?.target).toEqual({ iid: undefined, title: undefined });
  });
});

describe('normaliseBaseUrl', () => {
  it.each<[string, string]>([
    ['https://gitlab.com', 'https://gitlab.com'],
    ['  https://gitlab.com/  ', 'https://gitlab.com'],
    ['gitlab.com', 'https://gitlab.com'],
    ['GitLab.Example.com', 'https://gitlab.example.com'],
    ['http://127.0.0.1:3300', 'http://127.0.0.1:3300'],
    ['localhost:8080', 'https://localhost:8080'],
    ['https://host:443/', 'https://host'],
    ['https://host/gitlab', 'https://host/gitlab'],
    ['https://host/gitlab/', 'https://host/gitlab'],
    ['https://host/gitlab//', 'https://host/gitlab'],
    ['https://gitlab.com/api/v4', 'https://gitlab.com'],
    ['https://gitlab.com/api/v4/', 'https://gitlab.com'],
    ['https://host/gitlab/api/v4/user?x=1', 'https://host/gitlab'],
    ['https://gitlab.com/?foo=bar#x', 'https://gitlab.com'],
    ['https://gitlab.com/-/user_settings/personal_access_tokens', 'https://gitlab.com'],
    ['https://host/gitlab/-/profile', 'https://host/gitlab'],
  ])('%j -> %s', (input, baseUrl) => {
    expect(normaliseBaseUrl(input)).toEqual({ ok: true, baseUrl });
  });

  it.each<[string, RegExp]>([
    ['', /^Enter your GitLab address/],
    ['   ', /^Enter your GitLab address/],
    ['not a url', /not a web address/],
    ['https://', /not a web address/],
    ['ftp://gitlab.com', /Only http:\/\/ and https:\/\//],
    ['javascript:alert(1)', /not a web address|Only http/],
    ['file:///etc/passwd', /Only http/],
    ['https://user:pass@gitlab.com', /user name and password/],
    ['https://gitlab.com/acme/web/-/issues/1', /probably https:\/\/gitlab\.com\.$/],
    ['http://[::1', /not a web address/],
  ])('%j is refused', (input, error) => {
    const result = normaliseBaseUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('listMyMergeRequests: assigned, and waiting for my review, each era in its words', () => {
  const mrJson = (iid: number) => ({ id: 10000 + iid, iid, project_id: 1, title: `MR ${iid}`, web_url: `${BASE}/acme/web/-/merge_requests/${iid}`, state: 'opened', updated_at: '2026-11-20T10:00:00Z', references: { short: `!${iid}`, relative: `!${iid}`, full: `acme/web!${iid}` }, time_stats: stats });
  const asked = (seen: Array<{ url: URL }>) => seen.map((r) => `${r.url.pathname}?${r.url.searchParams.toString()}`).sort();

  it('today: two lists, the reviewer by the known user id', async () => {
    const { api, seen } = client((req) => json([mrJson(req.url.searchParams.has('reviewer_id') ? 2 : 1)]), {}, undefined, { gitlabVersion: '17.11.0', userId: 1 });
    const found = await api.listMyMergeRequests();
    expect(found?.assigned.map((m) => m.iid)).toEqual([1]);
    expect(found?.reviewing?.map((m) => m.iid)).toEqual([2]);
    expect(asked(seen)).toEqual([
      '/api/v4/merge_requests?state=opened&scope=all&reviewer_id=1&per_page=100&page=1',
      '/api/v4/merge_requests?state=opened&scope=assigned_to_me&per_page=100&page=1',
    ].sort());
  });

  it('10.x: the hyphenated scope, and no reviewers', async () => {
    const { api, seen } = client(() => json([mrJson(1)]), {}, undefined, { gitlabVersion: '10.8.7', userId: 1 });
    expect(await api.listMyMergeRequests()).toEqual({ assigned: [expect.objectContaining({ iid: 1 })], reviewing: null });
    expect(asked(seen)).toEqual(['/api/v4/merge_requests?state=opened&scope=assigned-to-me&per_page=100&page=1']);
  });

  it('9.0-9.4 have no such list: nothing asked', async () => {
    const { api, seen } = client(() => json([]), {}, undefined, { gitlabVersion: '9.4.0', userId: 1 });
    expect(await api.listMyMergeRequests()).toBeNull();
    expect(seen).toHaveLength(0);
  });

  it('an unknown version is taken as recent; the user is asked once for the reviewer filter', async () => {
    const { api, seen } = client((req) => (req.url.pathname.endsWith('/user') ? json({ ...user, id: 7 }) : json([])));
    expect(await api.listMyMergeRequests()).toEqual({ assigned: [], reviewing: [] });
    expect(seen.some((r) => r.url.searchParams.get('reviewer_id') === '7')).toBe(true);
  });

  it('a malformed answer fails as malformed', async () => {
    const { api } = client(() => json([{ id: 'x' }]), {}, undefined, { gitlabVersion: '17.0.0', userId: 1 });
    await expect(api.listMyMergeRequests()).rejects.toMatchObject({ kind: 'malformed' });
  });
});

describe('listMyWork: the popup’s issues and merge requests over GraphQL, every list’s next page in one request', () => {
  const node = (kind: 'Issue' | 'MergeRequest', n: number) => ({
    id: `gid://gitlab/${kind}/${500 + n}`, iid: String(n), title: `${kind} ${n}`, webUrl: `${BASE}/acme/web/-/${kind === 'Issue' ? 'issues' : 'merge_requests'}/${n}`,
    reference: `acme/web${kind === 'Issue' ? '#' : '!'}${n}`, updatedAt: '2026-11-20T10:00:00Z', timeEstimate: 3600, totalTimeSpent: 600, humanTimeEstimate: '1h', humanTotalTimeSpent: '10m',
    ...(kind === 'Issue' ? { dueDate: '2026-12-01', labels: { nodes: [{ title: 'bug' }, null] } } : {}),
  });
  const page = (nodes: unknown[], next: string | null) => ({ pageInfo: { hasNextPage: next !== null, endCursor: next }, nodes });

  function server(pages: { issues: number; assigned: number; reviews: number }) {
    return (req: Seen) => {
      const vars = (req.body as { variables: Record<string, unknown> }).variables;
      const at = (after: unknown) => (after === null ? 0 : Number(String(after).slice(1)));
      const list = (want: unknown, after: unknown, total: number, kind: 'Issue' | 'MergeRequest', offset: number) =>
        want ? { answer: page([node(kind, offset + at(after) + 1)], at(after) + 1 < total ? `c${at(after) + 1}` : null) } : null;
      const issues = list(vars.withIssues, vars.issuesAfter, pages.issues, 'Issue', 0);
      const assigned = list(vars.withAssigned, vars.assignedAfter, pages.assigned, 'MergeRequest', 0);
      const reviews = list(vars.withReviews, vars.reviewsAfter, pages.reviews, 'MergeRequest', 100);
      return json({
        data: {
          ...(issues ? { issues: issues.answer } : {}),
          currentUser: { ...(assigned ? { assignedMergeRequests: assigned.answer } : {}), ...(reviews ? { reviewRequestedMergeRequests: reviews.answer } : {}) },
        },
      });
    };
  }

  it('asks for every list at first, then each next page only of the lists that have one, all in POSTs of one query', async () => {
    const { api, seen } = client(server({ issues: 3, assigned: 2, reviews: 1 }));
    const work = await api.listMyWork('ada');
    expect(seen).toHaveLength(3);
    expect(seen.every((r) => r.method === 'POST' && r.url.pathname === '/api/graphql' && (r.body as { operationName: string }).operationName === 'PopupLists')).toBe(true);
    expect(seen.map((r) => (r.body as { variables: Record<string, unknown> }).variables)).toEqual([
      { username: 'ada', withIssues: true, issuesAfter: null, withAssigned: true, assignedAfter: null, withReviews: true, reviewsAfter: null },
      { username: 'ada', withIssues: true, issuesAfter: 'c1', withAssigned: true, assignedAfter: 'c1', withReviews: false, reviewsAfter: null },
      { username: 'ada', withIssues: true, issuesAfter: 'c2', withAssigned: false, assignedAfter: null, withReviews: false, reviewsAfter: null },
    ]);
    expect(work.issues!.map((i) => i.iid)).toEqual([1, 2, 3]);
    expect(work.mergeRequests!.assigned.map((m) => m.iid)).toEqual([1, 2]);
    expect(work.mergeRequests!.reviewing.map((m) => m.iid)).toEqual([101]);
    // In REST's shape: numeric ids from the global ids, the day of the due date, the labels, the numbers.
    expect(work.issues![0]).toEqual({
      id: 501, iid: 1, title: 'Issue 1', web_url: `${BASE}/acme/web/-/issues/1`, state: 'opened', updated_at: '2026-11-20T10:00:00Z',
      labels: ['bug'], due_date: '2026-12-01', references: { full: 'acme/web#1', short: '#1', relative: '#1' },
      time_stats: { time_estimate: 3600, total_time_spent: 600, human_time_estimate: '1h', human_total_time_spent: '10m' },
    });
    expect(work.mergeRequests!.reviewing[0]!.references!.full).toBe('acme/web!101');
  });

  it('a list nobody wants any more is not followed past the first request, and comes back null', async () => {
    const { api, seen } = client(server({ issues: 4, assigned: 1, reviews: 1 }));
    const work = await api.listMyWork('ada', (list) => list === 'mergeRequests');
    expect(seen).toHaveLength(1);
    expect(work.issues).toBeNull();
    expect(work.mergeRequests!.assigned).toHaveLength(1);
  });

  it('no root issues (the flag off) leaves the issues null; no current user, or an answer in another shape, is not understood', async () => {
    const none = page([], null);
    const flagOff = client(() => json({ data: { issues: null, currentUser: { assignedMergeRequests: none, reviewRequestedMergeRequests: none } } }));
    expect(await flagOff.api.listMyWork('ada')).toEqual({ issues: null, mergeRequests: { assigned: [], reviewing: [] } });
    const anonymous = client(() => json({ data: { issues: none, currentUser: null } }));
    expect((await failure(anonymous.api.listMyWork('ada'))).kind).toBe('malformed');
    const odd = client(() => json({ data: { issues: page([{ ...node('Issue', 1), id: 'not-a-gid' }], null), currentUser: { assignedMergeRequests: none, reviewRequestedMergeRequests: none } } }));
    expect((await failure(odd.api.listMyWork('ada'))).kind).toBe('malformed');
  });

  it('GraphQL errors are GitLab refusing the query (its callers fall back to REST)', async () => {
    const { api } = client(() => json({ errors: [{ message: "Field 'issues' doesn't exist on type 'Query'" }] }));
    expect((await failure(api.listMyWork('ada'))).kind).toBe('bad-request');
  });
});
