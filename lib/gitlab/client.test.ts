import { describe, expect, it } from 'vitest';
import { GitLabError, createGitLabClient, normaliseBaseUrl, type GitLabAuth } from './client';

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

function client(handler: Handler, auth: Partial<GitLabAuth> = {}, timeoutMs?: number) {
  const fake = fakeFetch(handler);
  const api = createGitLabClient(
    { baseUrl: BASE, token: TOKEN, ...auth },
    { fetch: fake.fetch, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
  );
  return { api, seen: fake.seen };
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

  it.each<[string | number, string]>([
    ['acme/web', '/api/v4/projects/acme%2Fweb/issues/4/time_stats'],
    ['group/sub/project', '/api/v4/projects/group%2Fsub%2Fproject/issues/4/time_stats'],
    ['/acme/web/', '/api/v4/projects/acme%2Fweb/issues/4/time_stats'],
    ['my.group/we b', '/api/v4/projects/my.group%2Fwe%20b/issues/4/time_stats'],
    [12, '/api/v4/projects/12/issues/4/time_stats'],
  ])('encodes project %j', async (project, path) => {
    const { api, seen } = client(() => json(stats));
    await expect(api.getTimeStats(project, 4)).resolves.toEqual(stats);
    expect(seen[0]?.url.pathname).toBe(path);
  });

  it.each<[string | number, number]>([
    ['', 1],
    ['/', 1],
    [0, 1],
    [-3, 1],
    [1.5, 1],
    ['acme/web', 0],
    ['acme/web', -1],
    ['acme/web', 2.5],
    ['acme/web', Number.NaN],
  ])('refuses project %j, iid %d without calling GitLab', async (project, iid) => {
    const { api, seen } = client(() => json(stats));
    expect((await failure(api.getTimeStats(project, iid))).kind).toBe('bad-request');
    expect(seen).toHaveLength(0);
  });

  it.each<[string, string]>([
    ['3h30m', '3h 30m'],
    ['1d', '8h'],
    ['1w 1d', '48h'],
    ['1.5', '1h 30m'],
    ['90s', '1m 30s'],
  ])('setTimeEstimate(%j) posts duration %j as JSON', async (input, wire) => {
    const { api, seen } = client(() => json(stats));
    await expect(api.setTimeEstimate('acme/web', 4, input)).resolves.toEqual(stats);
    const req = seen[0];
    expect(req?.method).toBe('POST');
    expect(req?.url.pathname).toBe('/api/v4/projects/acme%2Fweb/issues/4/time_estimate');
    expect(req?.url.search).toBe('');
    expect(req?.headers.get('Content-Type')).toBe('application/json');
    expect(req?.body).toEqual({ duration: wire });
  });

  it('refuses a bad or negative estimate before sending', async () => {
    const { api, seen } = client(() => json(stats));
    const junk = await failure(api.setTimeEstimate('acme/web', 4, '1h foo'));
    expect(junk.kind).toBe('bad-request');
    expect(junk.message).toMatch(/1h 30m/);
    expect((await failure(api.setTimeEstimate('acme/web', 4, '-1h'))).kind).toBe('bad-request');
    expect(seen).toHaveLength(0);
  });

  it('addSpentTime sends duration and a trimmed summary, and may subtract', async () => {
    const { api, seen } = client(() => json(stats, 201));
    await api.addSpentTime('acme/web', 4, '1h 30m', '  Fixed the bug ');
    await api.addSpentTime(7, 4, '-30m', '   ');
    await api.addSpentTime(7, 4, '15m');
    expect(seen[0]?.url.pathname).toBe('/api/v4/projects/acme%2Fweb/issues/4/add_spent_time');
    expect(seen.map((r) => r.body)).toEqual([
      { duration: '1h 30m', summary: 'Fixed the bug' },
      { duration: '-30m' },
      { duration: '15m' },
    ]);
  });

  it('resets estimate and spent time with a bare POST', async () => {
    const zero = { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null };
    const { api, seen } = client(() => json(zero));
    await expect(api.resetTimeEstimate('acme/web', 4)).resolves.toEqual(zero);
    await expect(api.resetSpentTime('acme/web', 4)).resolves.toEqual(zero);
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/v4/projects/acme%2Fweb/issues/4/reset_time_estimate',
      'POST /api/v4/projects/acme%2Fweb/issues/4/reset_spent_time',
    ]);
    expect(seen[0]?.body).toBeUndefined();
    expect(seen[0]?.headers.get('Content-Type')).toBeNull();
  });

  it('human_* fields may be missing on old servers', async () => {
    const { api } = client(() => json({ time_estimate: 0, total_time_spent: 60 }));
    await expect(api.getTimeStats(1, 1)).resolves.toEqual({
      time_estimate: 0,
      total_time_spent: 60,
      human_time_estimate: null,
      human_total_time_spent: null,
    });
  });

  it('addTodo: 201 creates, 304 means one exists', async () => {
    let status = 201;
    const { api, seen } = client(() => (status === 304 ? new Response(null, { status: 304 }) : json({ id: 1 }, 201)));
    await expect(api.addTodo('acme/web', 4)).resolves.toEqual({ created: true });
    status = 304;
    await expect(api.addTodo('acme/web', 4)).resolves.toEqual({ created: false });
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
    const error = await failure(api.addSpentTime('acme/web', 4, '1h'));
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, transient: false, ambiguous: false });
    expect(error.message).toBe('You do not have permission to do that on this issue (it needs Reporter access or more).');
  });

  it('403 insufficient_scope, in the body or the WWW-Authenticate header', async () => {
    const body = { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api' };
    const inBody = client(() => json(body, 403));
    const inHeader = client(() => json({ message: '403 Forbidden' }, 403, { 'WWW-Authenticate': 'Bearer realm="", error="insufficient_scope"' }));
    for (const { api } of [inBody, inHeader]) {
      const error = await failure(api.setTimeEstimate('acme/web', 4, '1h'));
      expect(error.kind).toBe('insufficient-scope');
      expect(error.message).toMatch(/api scope/);
    }
  });

  it('404 on an issue', async () => {
    const { api } = client(() => json({ message: '404 Issue Not Found' }, 404));
    const error = await failure(api.getTimeStats('acme/web', 99));
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
    const error = await failure(api.addSpentTime('acme/web', 4, '-5h'));
    expect(error).toMatchObject({ kind: 'bad-request', status: 400, detail, transient: false, ambiguous: false });
    expect(error.message).toBe(`GitLab refused the request: ${detail}`);
  });

  it('400 without a readable message', async () => {
    const { api } = client(() => new Response('<html>', { status: 400 }));
    const error = await failure(api.getTimeStats(1, 1));
    expect(error.kind).toBe('bad-request');
    expect(error.message).toBe('GitLab refused the request as invalid (HTTP 400).');
  });

  it('429 with Retry-After in seconds', async () => {
    const { api } = client(() => json({ message: 'Retry later' }, 429, { 'Retry-After': '30' }));
    const error = await failure(api.getTimeStats(1, 1));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 30_000, transient: true });
    expect(error.message).toMatch(/30 seconds/);
  });

  it('429 with Retry-After as an HTTP date', async () => {
    const when = new Date(Date.now() + 120_000).toUTCString();
    const { api } = client(() => json({ message: 'Retry later' }, 429, { 'Retry-After': when }));
    const error = await failure(api.getTimeStats(1, 1));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThan(115_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('429 without Retry-After', async () => {
    const { api } = client(() => json({ message: 'Retry later' }, 429));
    const error = await failure(api.getTimeStats(1, 1));
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.message).toMatch(/in a minute/);
  });

  it('500 is a transient server error, not ambiguous', async () => {
    const { api } = client(() => new Response('oops', { status: 500 }));
    const error = await failure(api.addSpentTime(1, 1, '1h'));
    expect(error).toMatchObject({ kind: 'server', status: 500, transient: true, ambiguous: false });
  });

  it('a gateway timeout on a write may have been applied', async () => {
    const { api } = client(() => new Response('', { status: 504 }));
    expect(await failure(api.addSpentTime(1, 1, '1h'))).toMatchObject({ kind: 'server', ambiguous: true });
    expect(await failure(api.getTimeStats(1, 1))).toMatchObject({ kind: 'server', ambiguous: false });
  });

  it('network failure: transient; ambiguous only for writes', async () => {
    const { api } = client(() => {
      throw new TypeError('Failed to fetch');
    });
    const read = await failure(api.getTimeStats(1, 1));
    expect(read).toMatchObject({ kind: 'network', transient: true, ambiguous: false });
    expect(read.message).toBe('Could not reach gitlab.example.com. Check the network connection and the server address.');
    expect(await failure(api.addSpentTime(1, 1, '1h'))).toMatchObject({ kind: 'network', ambiguous: true });
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
    const read = await failure(api.getTimeStats(1, 1));
    expect(aborted).toBe(true);
    expect(read).toMatchObject({ kind: 'timeout', transient: true, ambiguous: false });
    expect(read.message).toBe('gitlab.example.com did not answer within 1 second.');
    expect(await failure(api.addSpentTime(1, 1, '1h'))).toMatchObject({ kind: 'timeout', ambiguous: true });
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
    expect((await failure(api.getTimeStats(1, 1))).kind).toBe('timeout');
  });

  it.each<[string, unknown]>([
    ['a string estimate', { ...stats, time_estimate: '3h' }],
    ['a negative total', { ...stats, total_time_spent: -5 }],
    ['a missing total', { time_estimate: 0 }],
    ['an array', [stats]],
    ['null', null],
  ])('malformed answer: %s', async (_, body) => {
    const { api } = client(() => json(body));
    const error = await failure(api.getTimeStats(1, 1));
    expect(error).toMatchObject({ kind: 'malformed', transient: false, ambiguous: false });
    expect(error.message).toBe('GitLab sent an answer this extension does not understand.');
  });

  it('malformed: not JSON at all', async () => {
    const { api } = client(() => new Response('{"time_estimate": 0,', { status: 200 }));
    expect((await failure(api.getTimeStats(1, 1))).kind).toBe('malformed');
  });

  it('a malformed answer to a write may hide an applied change', async () => {
    const { api } = client(() => json({ ok: true }, 201));
    const error = await failure(api.addSpentTime(1, 1, '1h'));
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
        for (const promise of [api.getUser(), api.addSpentTime('a/b', 1, '1h', TOKEN), api.listTodos()]) {
          const error = await failure(promise);
          const text = [error.message, error.detail ?? '', String(error), JSON.stringify(error), error.stack ?? '', String(error.cause ?? '')].join('\n');
          expect(text).not.toContain(TOKEN);
        }
      }
    }
  });

  it('errors serialise for messaging', async () => {
    const { api } = client(() => json({ message: 'Retry later' }, 429, { 'Retry-After': '2' }));
    const error = await failure(api.getTimeStats(1, 1));
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
