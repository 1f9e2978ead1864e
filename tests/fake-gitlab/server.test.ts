// @vitest-environment node
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from './server';

const TOKEN = 'glpat-demo-token-0123456789';
const READONLY = 'glpat-readonly-token-0123456789';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function call(base: string, path: string, init: RequestInit & { token?: string | null } = {}): Promise<Answer> {
  const { token = TOKEN, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token !== null) headers.set('PRIVATE-TOKEN', token);
  const response = await fetch(`${base}${path}`, { ...rest, headers });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    // HTML or plain text
  }
  return { status: response.status, headers: response.headers, text, json };
}

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

interface IssueJson {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  state: string;
  web_url: string;
  assignees: Array<{ id: number }>;
  references: { full: string };
  time_stats: { time_estimate: number; total_time_spent: number; human_time_estimate: string | null; human_total_time_spent: string | null };
}

describe('GitLab stand-in (demo seed)', () => {
  let gl: StandIn;
  const api = (path: string, init?: RequestInit & { token?: string | null }) => call(`${gl.url}/api/v4`, path, init);

  beforeAll(async () => {
    gl = await startStandIn();
  });
  afterAll(async () => {
    await gl.close();
  });
  beforeEach(() => {
    gl.reset();
  });

  describe('auth', () => {
    it('answers 401 without a token or with a wrong one', async () => {
      for (const token of [null, 'glpat-wrong']) {
        const answer = await api('/user', { token });
        expect(answer.status).toBe(401);
        expect(answer.json).toEqual({ message: '401 Unauthorized' });
      }
      expect(gl.requests.map((r) => [r.path, r.status, r.authToken])).toEqual([
        ['/api/v4/user', 401, null],
        ['/api/v4/user', 401, 'glpat-wrong'],
      ]);
    });

    it('accepts PRIVATE-TOKEN and Bearer', async () => {
      expect((await api('/user')).status).toBe(200);
      const bearer = await call(`${gl.url}/api/v4`, '/user', { token: null, headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(bearer.status).toBe(200);
      expect(gl.requests[1]?.authToken).toBe(TOKEN);
    });

    it('refuses writes with a read_api token, allows reads', async () => {
      expect((await api('/projects/1/issues/1', { token: READONLY })).status).toBe(200);
      const answer = await api('/projects/1/issues/1/add_spent_time?duration=1h', { method: 'POST', token: READONLY });
      expect(answer.status).toBe(403);
      expect(answer.json).toEqual({
        error: 'insufficient_scope',
        error_description: 'The request requires higher privileges than provided by the access token.',
        scope: 'api',
      });
      expect(gl.issue(1, 1)?.totalTimeSpent).toBe(5400);
    });
  });

  it('GET /user, /version and /metadata', async () => {
    const user = await api('/user');
    expect(user.json).toMatchObject({ id: 1, username: 'demo', name: 'Demo User', state: 'active', email: 'demo@example.com' });
    expect(gl.user).toEqual({ id: 1, username: 'demo', name: 'Demo User' });
    expect(gl.token).toBe(TOKEN);
    expect((await api('/version')).json).toEqual({ version: '17.11.0-ee', revision: 'abc123' });
    expect((await api('/metadata')).json).toMatchObject({ version: '17.11.0-ee', revision: 'abc123' });
  });

  describe('assigned issues', () => {
    it('paginates with GitLab headers (default 20 per page)', async () => {
      const answer = await api('/issues?scope=assigned_to_me&state=opened');
      expect(answer.status).toBe(200);
      expect(answer.json).toHaveLength(20);
      const h = answer.headers;
      expect([h.get('x-total'), h.get('x-total-pages'), h.get('x-page'), h.get('x-per-page'), h.get('x-next-page'), h.get('x-prev-page')])
        .toEqual(['130', '7', '1', '20', '2', '']);
      const link = h.get('link') ?? '';
      expect(link).toContain(`<${gl.url}/api/v4/issues?scope=assigned_to_me&state=opened&page=2&per_page=20>; rel="next"`);
      expect(link).toContain('page=7&per_page=20>; rel="last"');
      expect(link).toContain('rel="first"');
      expect(link).not.toContain('rel="prev"');

      const last = await api('/issues?scope=assigned_to_me&state=opened&page=7');
      expect(last.json).toHaveLength(10);
      expect(last.headers.get('x-next-page')).toBe('');
      expect(last.headers.get('x-prev-page')).toBe('6');
      expect(last.headers.get('link')).toContain('rel="prev"');
    });

    it('walking X-Next-Page yields all 130 open assigned issues exactly once', async () => {
      const seen: IssueJson[] = [];
      let page: string | null = '1';
      let pages = 0;
      while (page) {
        const answer = await api(`/issues?scope=assigned_to_me&state=opened&per_page=100&page=${page}`);
        expect(answer.status).toBe(200);
        seen.push(...(answer.json as IssueJson[]));
        page = answer.headers.get('x-next-page') || null;
        pages += 1;
      }
      expect(pages).toBe(2);
      expect(seen).toHaveLength(130);
      expect(new Set(seen.map((i) => i.id)).size).toBe(130);
      expect(seen.every((i) => i.state === 'opened' && i.assignees.some((a) => a.id === 1))).toBe(true);
      expect(gl.assignedOpenCount()).toBe(130);
      expect(new Set(seen.map((i) => i.project_id))).toEqual(new Set([1, 2, 3, 4]));
    });

    it('caps per_page at 100 and follows the Link header too', async () => {
      const answer = await api('/issues?scope=assigned_to_me&state=opened&per_page=500');
      expect(answer.headers.get('x-per-page')).toBe('100');
      const next = /<([^>]+)>; rel="next"/.exec(answer.headers.get('link') ?? '')?.[1];
      expect(next).toBeDefined();
      const second = await call('', next ?? '');
      expect(second.json).toHaveLength(30);
    });

    it('accepts the 9.5-10.x spelling assigned-to-me', async () => {
      const answer = await api('/issues?scope=assigned-to-me&state=opened&per_page=1');
      expect(answer.headers.get('x-total')).toBe('130');
    });

    it('filters by state and defaults to issues the user authored', async () => {
      const all = await api('/issues?scope=assigned_to_me&state=all&per_page=1');
      expect(all.headers.get('x-total')).toBe('140');
      const closed = await api('/issues?scope=assigned_to_me&state=closed&per_page=100');
      expect((closed.json as IssueJson[]).every((i) => i.state === 'closed')).toBe(true);
      const authored = await api('/issues?per_page=100');
      expect(Number(authored.headers.get('x-total'))).toBeGreaterThan(0);
      expect((await api('/issues?scope=everything')).status).toBe(400);
    });

    it('serves issue JSON in the v4 shape', async () => {
      const answer = await api('/issues?scope=assigned_to_me&state=opened&order_by=updated_at&per_page=4');
      const first = (answer.json as IssueJson[])[0];
      expect(first).toMatchObject({
        iid: 1,
        project_id: 1,
        title: 'Fix login redirect loop',
        web_url: `${gl.url}/acme/web/-/issues/1`,
        references: { short: '#1', relative: '#1', full: 'acme/web#1' },
        time_stats: { time_estimate: 12600, total_time_spent: 5400, human_time_estimate: '3h 30m', human_total_time_spent: '1h 30m' },
      });
      expect(Object.keys(first ?? {})).toEqual(expect.arrayContaining([
        'id', 'iid', 'project_id', 'title', 'description', 'state', 'created_at', 'updated_at', 'labels', 'milestone',
        'assignees', 'assignee', 'author', 'due_date', 'web_url', 'references', 'time_stats',
      ]));
    });
  });

  describe('project and issue lookup', () => {
    it('finds projects and issues by id, encoded path and nested encoded path', async () => {
      expect(((await api('/projects/acme%2Fweb')).json as { id: number }).id).toBe(1);
      const byPath = await api('/projects/acme%2Fweb/issues/1');
      const byId = await api('/projects/1/issues/1');
      expect(byPath.json).toEqual(byId.json);
      const nested = await api('/projects/acme%2Fplatform%2Finfra/issues/1');
      expect(nested.json).toMatchObject({ id: 3001, title: 'Rotate TLS certificates', time_stats: { human_time_estimate: '1d' } });
      expect(gl.requests.at(-1)?.path).toBe('/api/v4/projects/acme%2Fplatform%2Finfra/issues/1');
    });

    it('answers GitLab 404 bodies', async () => {
      expect((await api('/projects/acme%2Fnope/issues/1')).json).toEqual({ message: '404 Project Not Found' });
      expect((await api('/projects/1/issues/9999')).json).toEqual({ message: '404 Issue Not Found' });
      expect((await api('/projects/999')).json).toEqual({ message: '404 Project Not Found' });
      const unknown = await api('/nothing/here');
      expect(unknown.status).toBe(404);
      expect(unknown.json).toEqual({ error: '404 Not Found' });
    });
  });

  describe('time tracking', () => {
    it('add_spent_time with a summary updates time_stats and records a timelog', async () => {
      const answer = await api('/projects/acme%2Fweb/issues/1/add_spent_time', postJson({ duration: '45m', summary: 'Pairing on the redirect' }));
      expect(answer.status).toBe(201);
      expect(answer.json).toEqual({ time_estimate: 12600, total_time_spent: 8100, human_time_estimate: '3h 30m', human_total_time_spent: '2h 15m' });
      expect(gl.issue('acme/web', 1)?.time_stats.human_total_time_spent).toBe('2h 15m');
      expect(gl.timelogs).toEqual([expect.objectContaining({ issueId: 1001, seconds: 2700, summary: 'Pairing on the redirect' })]);
      expect(gl.requests.at(-1)?.body).toEqual({ duration: '45m', summary: 'Pairing on the redirect' });
      expect((await api('/projects/1/issues/1/time_stats')).json).toEqual(answer.json);
    });

    it('reads parameters from the query string and from form bodies', async () => {
      expect((await api('/projects/1/issues/2/add_spent_time?duration=1h', { method: 'POST' })).status).toBe(201);
      const form = await api('/projects/1/issues/2/add_spent_time', {
        method: 'POST',
        body: new URLSearchParams({ duration: '1h30m', summary: 'form' }),
      });
      expect(form.status).toBe(201);
      expect(form.json).toMatchObject({ total_time_spent: 9000, human_total_time_spent: '2h 30m' });
      const multipart = new FormData();
      multipart.set('duration', '30m');
      expect((await api('/projects/1/issues/2/add_spent_time', { method: 'POST', body: multipart })).json).toMatchObject({ total_time_spent: 10800 });
    });

    it('subtracts with a leading minus but never below zero', async () => {
      const ok = await api('/projects/1/issues/1/add_spent_time', postJson({ duration: '-30m' }));
      expect(ok.json).toMatchObject({ total_time_spent: 3600, human_total_time_spent: '1h' });
      const tooMuch = await api('/projects/1/issues/1/add_spent_time', postJson({ duration: '-2h' }));
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.json).toEqual({ message: { base: ['Time to subtract exceeds the total time spent'] } });
      expect(gl.issue(1, 1)?.totalTimeSpent).toBe(3600);
    });

    it('refuses junk, zero and missing durations', async () => {
      for (const duration of ['1h foo', 'abc', '', '0']) {
        const answer = await api('/projects/1/issues/1/add_spent_time', postJson({ duration }));
        expect(answer.status, duration).toBe(400);
        expect(answer.json).toMatchObject({ message: { base: [expect.any(String)] } });
      }
      const missing = await api('/projects/1/issues/1/add_spent_time', { method: 'POST' });
      expect(missing.status).toBe(400);
      expect(missing.json).toEqual({ error: 'duration is missing' });
      const negativeEstimate = await api('/projects/1/issues/1/time_estimate', postJson({ duration: '-1h' }));
      expect(negativeEstimate.status).toBe(400);
      expect(gl.issue(1, 1)?.time_stats).toMatchObject({ total_time_spent: 5400, time_estimate: 12600 });
      expect(gl.timelogs).toEqual([]);
    });

    it('refuses a summary over 255 characters', async () => {
      const answer = await api('/projects/1/issues/1/add_spent_time', postJson({ duration: '1h', summary: 'x'.repeat(256) }));
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ message: { 'timelogs.summary': ['is too long (maximum is 255 characters)'] } });
      expect((await api('/projects/1/issues/1/add_spent_time', postJson({ duration: '1h', summary: 'x'.repeat(255) }))).status).toBe(201);
    });

    it('sets and resets the estimate, resets spent time', async () => {
      const set = await api('/projects/1/issues/2/time_estimate?duration=1w%202d%203h%2030m', { method: 'POST' });
      expect(set.status).toBe(200);
      expect(set.json).toMatchObject({ time_estimate: (40 + 16 + 3.5) * 3600, human_time_estimate: '1w 2d 3h 30m' });
      const reset = await api('/projects/1/issues/2/reset_time_estimate', { method: 'POST' });
      expect(reset.status).toBe(200);
      expect(reset.json).toMatchObject({ time_estimate: 0, human_time_estimate: null });
      const resetSpent = await api('/projects/1/issues/1/reset_spent_time', { method: 'POST' });
      expect(resetSpent.status).toBe(200);
      expect(resetSpent.json).toMatchObject({ total_time_spent: 0, human_total_time_spent: null });
      expect(gl.timelogs).toEqual([expect.objectContaining({ issueId: 1001, seconds: -5400 })]);
    });

    it('forbids time tracking in a Guest project but allows a to-do there', async () => {
      for (const action of ['add_spent_time?duration=1h', 'time_estimate?duration=1h', 'reset_time_estimate', 'reset_spent_time']) {
        const answer = await api(`/projects/partners%2Fguest-portal/issues/1/${action}`, { method: 'POST' });
        expect(answer.status, action).toBe(403);
        expect(answer.json).toEqual({ message: '403 Forbidden' });
      }
      expect((await api('/projects/partners%2Fguest-portal/issues/1/todo', { method: 'POST' })).status).toBe(201);
    });
  });

  describe('to-dos', () => {
    it('creates a to-do (201), then answers 304 with an empty body while it is pending', async () => {
      const first = await api('/projects/acme%2Fweb/issues/1/todo', { method: 'POST' });
      expect(first.status).toBe(201);
      expect(first.json).toMatchObject({
        project: { id: 1, path_with_namespace: 'acme/web' },
        action_name: 'marked',
        target_type: 'Issue',
        target: { iid: 1, title: 'Fix login redirect loop' },
        target_url: `${gl.url}/acme/web/-/issues/1`,
        state: 'pending',
      });
      const second = await api('/projects/acme%2Fweb/issues/1/todo', { method: 'POST' });
      expect(second.status).toBe(304);
      expect(second.text).toBe('');

      const todoId = (first.json as { id: number }).id;
      const done = await api(`/todos/${todoId}/mark_as_done`, { method: 'POST' });
      expect(done.json).toMatchObject({ id: todoId, state: 'done' });
      expect((await api('/projects/acme%2Fweb/issues/1/todo', { method: 'POST' })).status).toBe(201);
    });

    it('lists pending to-dos with pagination and marks all done', async () => {
      const list = await api('/todos');
      expect(list.headers.get('x-total')).toBe('3');
      expect((list.json as Array<{ state: string; target_type: string }>).every((t) => t.state === 'pending' && t.target_type === 'Issue')).toBe(true);
      const all = await api('/todos/mark_as_done', { method: 'POST' });
      expect(all.status).toBe(204);
      expect((await api('/todos')).json).toEqual([]);
    });
  });

  describe('faults', () => {
    it('answers 500 twice, then succeeds', async () => {
      gl.fail('GET', '/api/v4/user', { kind: 'status', status: 500, times: 2 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await api('/user')).status);
      expect(statuses).toEqual([500, 500, 200]);
      expect(gl.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    });

    it('rate-limits with Retry-After', async () => {
      gl.fail('*', /\/issues$/, { kind: 'rate-limit', retryAfterSeconds: 7, times: 1 });
      const limited = await api('/issues?scope=assigned_to_me');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(limited.headers.get('access-control-expose-headers')).toContain('Retry-After');
      expect((await api('/issues?scope=assigned_to_me')).status).toBe(200);
    });

    it('drop-after applies the change but loses the answer', async () => {
      gl.fail('POST', '/api/v4/projects/acme/web/issues/1/add_spent_time', { kind: 'drop-after', times: 1 });
      await expect(api('/projects/acme%2Fweb/issues/1/add_spent_time', postJson({ duration: '15m' }))).rejects.toThrow();
      expect(gl.issue('acme/web', 1)?.totalTimeSpent).toBe(5400 + 900);
      expect(gl.requests.at(-1)).toMatchObject({ method: 'POST', status: 0, body: { duration: '15m' } });
      expect(gl.timelogs).toHaveLength(1);
    });

    it('status-after applies the change, then answers the error', async () => {
      gl.fail('POST', '/api/v4/projects/acme/web/issues/1/add_spent_time', { kind: 'status-after', status: 500, times: 1 });
      const res = await api('/projects/acme%2Fweb/issues/1/add_spent_time', postJson({ duration: '15m' }));
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ message: '500 Internal Server Error' });
      expect(gl.issue('acme/web', 1)?.totalTimeSpent).toBe(5400 + 900);
      expect(gl.timelogs).toHaveLength(1);
    });

    it('drop-before leaves state untouched', async () => {
      gl.fail('POST', /add_spent_time$/, { kind: 'drop-before', times: 1 });
      await expect(api('/projects/1/issues/1/add_spent_time', postJson({ duration: '15m' }))).rejects.toThrow();
      expect(gl.issue(1, 1)?.totalTimeSpent).toBe(5400);
      expect(gl.requests.at(-1)?.status).toBe(0);
      expect((await api('/projects/1/issues/1/add_spent_time', postJson({ duration: '15m' }))).status).toBe(201);
    });

    it('delays answers with latency', async () => {
      gl.fail('GET', '/api/v4/version', { kind: 'latency', ms: 150, times: 1 });
      const started = Date.now();
      expect((await api('/version')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('clearFaults and reset drop pending faults', async () => {
      gl.fail('GET', '/api/v4/user', { kind: 'status', status: 502, times: 5 });
      gl.clearFaults();
      expect((await api('/user')).status).toBe(200);
    });
  });

  describe('CORS', () => {
    it('answers preflight and exposes pagination headers', async () => {
      const preflight = await fetch(`${gl.url}/api/v4/issues`, {
        method: 'OPTIONS',
        headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'private-token' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/PRIVATE-TOKEN/i);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      const answer = await api('/issues', { headers: { Origin: 'chrome-extension://abc' } });
      expect(answer.headers.get('access-control-expose-headers')).toMatch(/X-Total.*X-Next-Page.*Link/);
      expect(gl.requests.at(-1)?.origin).toBe('chrome-extension://abc');
    });
  });

  describe('pages', () => {
    it('renders the 17.x work item page with data-page and the title', async () => {
      const page = await call(gl.url, '/acme/web/-/issues/1', { token: null });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.text).toContain('data-page="projects:issues:show"');
      expect(page.text).toContain('<h1 data-testid="work-item-title" class="work-item-title">Fix login redirect loop</h1>');
      expect(page.text).toContain('data-project-full-path="acme/web"');
      expect(page.text).toContain('Spent 1h 30m · Estimate 3h 30m');
      expect(page.text).not.toMatch(/\{\{[A-Z_]+\}\}/);
      const workItem = await call(gl.url, '/acme/web/-/work_items/1', { token: null });
      expect(workItem.text).toContain('data-page="projects:work_items:show"');
    });

    it('renders the legacy sidebar page for the nested project, and reflects API changes', async () => {
      await api('/projects/3/issues/1/add_spent_time', postJson({ duration: '2h' }));
      const page = await call(gl.url, '/acme/platform/infra/-/issues/1', { token: null });
      expect(page.text).toContain('data-page="projects:issues:show"');
      expect(page.text).toContain('"id":3001,"iid":1,"fullPath":"acme/platform/infra"');
      expect(page.text).toContain('"canCreateTimelogs":true');
      expect(page.text).toContain('Spent: 2h · Estimate: 1d');
    });

    it('renders the Guest project issue page', async () => {
      const page = await call(gl.url, '/partners/guest-portal/-/issues/1', { token: null });
      expect(page.text).toContain('Update partner onboarding docs');
    });

    it('serves other GitLab pages without an issue and 404s unknown issues', async () => {
      const project = await call(gl.url, '/acme/web', { token: null });
      expect(project.text).toContain('data-page="projects:show"');
      expect(project.text).toContain('href="/acme/web/-/issues/1"');
      expect((await call(gl.url, '/acme/web/-/issues', { token: null })).text).toContain('data-page="projects:issues:index"');
      expect((await call(gl.url, '/', { token: null })).text).toContain('data-page="root:index"');
      const missing = await call(gl.url, '/acme/web/-/issues/9999', { token: null });
      expect(missing.status).toBe(404);
      expect(missing.text).not.toContain('data-page');
      expect((await fetch(`${gl.origin}/favicon.ico`)).status).toBe(204);
    });

    it('lists and boards open issues in a drawer: one waiting per item, and ?show= (any project) rendered open', async () => {
      const show = Buffer.from(JSON.stringify({ iid: '1', full_path: 'partners/guest-portal', id: 4001 })).toString('base64');
      const list = await call(gl.url, `/acme/web/-/issues?show=${encodeURIComponent(show)}`, { token: null });
      expect(list.text).toContain('data-page="projects:issues:index"');
      expect(list.text).toMatch(/<a href="\/acme\/web\/-\/issues\/1" data-show="[^"]+">Fix login redirect loop<\/a>/);
      expect(list.text).toContain('<aside class="gl-drawer gl-drawer-default work-item-drawer" data-testid="work-item-drawer"');
      expect(list.text).toContain('Update partner onboarding docs');
      const board = await call(gl.url, '/acme/web/-/boards/1', { token: null });
      expect(board.text).toContain('data-page="projects:boards:show"');
      expect(board.text).toContain('<template data-show=');
      const group = await call(gl.url, '/groups/acme/-/issues', { token: null });
      expect(group.text).toContain('data-page="groups:issues"');
      expect(group.text).toContain('acme/platform/infra#1');
    });

    it('work item pages link related issues for client-side navigation, and carry the behaviour script', async () => {
      const page = await call(gl.url, '/acme/web/-/issues/1', { token: null });
      expect(page.text).toContain('<a href="/acme/web/-/issues/2" data-testid="work-item-link" data-client-side>Add dark mode to settings</a>');
      expect(page.text).toContain('rerenderSidebar');
    });

    it('an archived project: the banner on its pages, changes refused with 403', async () => {
      const page = await call(gl.url, '/acme/old-site/-/issues/1', { token: null });
      expect(page.text).toContain('This is an archived project. Repository and other project resources are read-only.');
      expect((await api('/projects/acme%2Fold-site/issues/1/add_spent_time', postJson({ duration: '1h' }))).status).toBe(403);
      expect(((await api('/projects/5')).json as { archived: boolean }).archived).toBe(true);
    });
  });

  describe('control API', () => {
    it('injects faults, reads requests and issue state over HTTP', async () => {
      const control = `${gl.url}/__stand-in`;
      const failed = await fetch(`${control}/fail`, postJson({ method: 'GET', path: '/api/v4/user', fault: { kind: 'status', status: 503, times: 1 } }));
      expect(failed.status).toBe(200);
      expect((await api('/user')).status).toBe(503);
      expect((await api('/user')).status).toBe(200);
      const requests = (await (await fetch(`${control}/requests`)).json()) as Array<{ status: number }>;
      expect(requests.map((r) => r.status)).toEqual([503, 200]);

      await api('/projects/1/issues/1/add_spent_time', postJson({ duration: '30m' }));
      const issue = (await (await fetch(`${control}/issues/acme%2Fweb/1`)).json()) as { totalTimeSpent: number };
      expect(issue.totalTimeSpent).toBe(7200);

      expect((await fetch(`${control}/reset`, { method: 'POST' })).status).toBe(200);
      expect(gl.requests).toEqual([]);
      expect(gl.issue(1, 1)?.totalTimeSpent).toBe(5400);
    });
  });

  it('reset() re-seeds and empties requests and timelogs in place', async () => {
    const requests = gl.requests;
    const timelogs = gl.timelogs;
    await api('/projects/1/issues/1/add_spent_time', postJson({ duration: '1h' }));
    expect(timelogs).toHaveLength(1);
    gl.reset();
    expect(requests).toHaveLength(0);
    expect(timelogs).toHaveLength(0);
    expect(gl.issue('acme%2Fweb', 1)?.totalTimeSpent).toBe(5400);
  });
});

describe('GitLab stand-in under a relative_url_root', () => {
  let gl: StandIn;
  beforeAll(async () => {
    gl = await startStandIn({ basePath: '/gitlab/' });
  });
  afterAll(async () => {
    await gl.close();
  });

  it('serves the API, pages and links under /gitlab', async () => {
    expect(gl.url).toBe(`${gl.origin}/gitlab`);
    const user = await call(gl.url, '/api/v4/user');
    expect(user.status).toBe(200);
    expect(gl.requests.at(-1)?.path).toBe('/api/v4/user');
    expect((await call(gl.origin, '/api/v4/user')).status).toBe(404);

    const issue = await call(gl.url, '/api/v4/projects/acme%2Fweb/issues/1');
    expect((issue.json as IssueJson).web_url).toBe(`${gl.origin}/gitlab/acme/web/-/issues/1`);
    const list = await call(gl.url, '/api/v4/issues?scope=assigned_to_me&state=opened');
    expect(list.headers.get('link')).toContain(`<${gl.origin}/gitlab/api/v4/issues?`);

    const page = await call(gl.url, '/acme/web/-/issues/1', { token: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-page="projects:issues:show"');
    expect(page.text).toContain('Fix login redirect loop');
    expect(page.text).toContain('data-issues-list-path="/gitlab/acme/web/-/issues"');
  });
});

describe('GitLab stand-in options', () => {
  it('empty seed has the user and projects but no issues', async () => {
    const gl = await startStandIn({ seed: 'empty' });
    try {
      const list = await call(gl.url, '/api/v4/issues?scope=assigned_to_me');
      expect(list.json).toEqual([]);
      expect(list.headers.get('x-total')).toBe('0');
      expect(list.headers.get('x-total-pages')).toBe('1');
      expect(((await call(gl.url, '/api/v4/projects/acme%2Fweb')).json as { id: number }).id).toBe(1);
    } finally {
      await gl.close();
    }
  });

  it('honours assignedIssueCount', async () => {
    const gl = await startStandIn({ assignedIssueCount: 25 });
    try {
      const list = await call(gl.url, '/api/v4/issues?scope=assigned_to_me&state=opened');
      expect(list.headers.get('x-total')).toBe('25');
    } finally {
      await gl.close();
    }
  });

  it('honours mergeRequestCount: half assigned to me, half waiting for my review, and refuses a count it cannot hold', async () => {
    const gl = await startStandIn({ mergeRequestCount: 250 });
    try {
      // Two of the fixed three are assigned to the demo user, one waits for their review.
      expect((await call(gl.url, '/api/v4/merge_requests?scope=assigned_to_me&state=opened')).headers.get('x-total')).toBe('127');
      expect((await call(gl.url, '/api/v4/merge_requests?scope=reviews_for_me&state=opened')).headers.get('x-total')).toBe('126');
    } finally {
      await gl.close();
    }
    await expect(startStandIn({ mergeRequestCount: 801 })).rejects.toThrow(RangeError);
    await expect(startStandIn({ mergeRequestCount: 1.5 })).rejects.toThrow(RangeError);
  });

  it('serves HTTPS with the bundled test certificate and uses the Host the client asked for', async () => {
    const certs = new URL('./certs/', import.meta.url);
    const gl = await startStandIn({
      tls: { key: readFileSync(new URL('gitlab.com.key', certs)), cert: readFileSync(new URL('gitlab.com.crt', certs)) },
    });
    try {
      expect(gl.url.startsWith('https://127.0.0.1:')).toBe(true);
      const body = await new Promise<string>((resolve, reject) => {
        const req = https.request(
          `${gl.url}/api/v4/projects/1/issues/1`,
          { headers: { 'PRIVATE-TOKEN': TOKEN, Host: 'gitlab.com' }, rejectUnauthorized: false },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect((JSON.parse(body) as IssueJson).web_url).toBe('https://gitlab.com/acme/web/-/issues/1');
    } finally {
      await gl.close();
    }
  });
});
