import { describe, expect, it } from 'vitest';
import { createGitLabClient } from './client';
import { assignedIssuesQuery, detectServer, listsOverGraphql, serverFacts, takesTimelogSummary } from './server-facts';

type Route = [status: number, body?: unknown];
/** A fake server: path → answer; everything else 404 as GitLab's router says it. */
function server(routes: Record<string, Route>) {
  const asked: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    asked.push(url.pathname);
    const [status, body] = routes[url.pathname] ?? [404, { error: '404 Not Found' }];
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof globalThis.fetch;
  const detect = () => detectServer((apiVersion) => createGitLabClient({ baseUrl: 'https://git.example.com', token: 'glpat-x' }, { fetch, apiVersion }));
  return { asked, detect };
}
const user = { id: 1, username: 'root', name: 'Administrator', avatar_url: null, web_url: 'https://git.example.com/root' };

describe('detectServer', () => {
  it('17.x: /api/v4/version answers, one request', async () => {
    const s = server({ '/api/v4/version': [200, { version: '17.11.0-ee', revision: 'abc' }] });
    expect(await s.detect()).toEqual({ apiVersion: 'v4', gitlabVersion: '17.11.0-ee', hasTimeTracking: true });
    expect(s.asked).toEqual(['/api/v4/version']);
  });
  it('10.x speaks both: v4 is chosen', async () => {
    const s = server({ '/api/v4/version': [200, { version: '10.8.7', revision: 'x' }], '/api/v3/version': [200, { version: '10.8.7', revision: 'x' }] });
    expect(await s.detect()).toEqual({ apiVersion: 'v4', gitlabVersion: '10.8.7', hasTimeTracking: true });
  });
  it('8.16: no v4, v3 /version says 8.16 (time tracking)', async () => {
    const s = server({ '/api/v3/version': [200, { version: '8.16.4', revision: 'x' }] });
    expect(await s.detect()).toEqual({ apiVersion: 'v3', gitlabVersion: '8.16.4', hasTimeTracking: true });
    expect(s.asked).toEqual(['/api/v4/version', '/api/v3/version']);
  });
  it('8.13-8.15: v3 with a version, no time tracking', async () => {
    const s = server({ '/api/v3/version': [200, { version: '8.15.2', revision: 'x' }] });
    expect(await s.detect()).toEqual({ apiVersion: 'v3', gitlabVersion: '8.15.2', hasTimeTracking: false });
  });
  it('8.12 and GitSwarm: no /version at all, /api/v3/user answers', async () => {
    const s = server({ '/api/v3/user': [200, user] });
    expect(await s.detect()).toEqual({ apiVersion: 'v3', gitlabVersion: null, hasTimeTracking: false });
    expect(s.asked).toEqual(['/api/v4/version', '/api/v3/version', '/api/v3/user']);
  });
  it('11.0+ where v3 is gone (410) still reads as v4 when v4 answers', async () => {
    const s = server({ '/api/v4/version': [200, { version: '11.0.0', revision: 'x' }], '/api/v3/user': [410, { error: '410 Gone' }] });
    expect((await s.detect())?.apiVersion).toBe('v4');
  });
  it('a refused token or an unreachable server: unknown, no guessing', async () => {
    expect(await server({ '/api/v4/version': [401, { message: '401 Unauthorized' }] }).detect()).toBeNull();
    expect(await server({}).detect()).toBeNull();
    const down = detectServer((apiVersion) => createGitLabClient({ baseUrl: 'https://git.example.com', token: 't' }, { apiVersion, fetch: async () => { throw new TypeError('offline'); } }));
    expect(await down).toBeNull();
  });
});

describe('what a version tells', () => {
  it.each([
    ['v3', null, false],
    ['v3', '8.15.9', false],
    ['v3', '8.16.0', true],
    ['v3', '2016.3', false], // GitSwarm numbers by year
    ['v4', '9.0.0', true],
    ['v4', null, true],
  ] as const)('%s %s → time tracking %s', (api, version, expected) => {
    expect(serverFacts(api, version).hasTimeTracking).toBe(expected);
  });

  it.each([
    ['9.0.0', { assignee_id: '7' }],
    ['9.4.5', { assignee_id: '7' }],
    ['9.5.0', { scope: 'assigned-to-me' }],
    ['10.8.7', { scope: 'assigned-to-me' }],
    ['11.0.0', { scope: 'assigned_to_me' }],
    ['17.11.0-ee', { scope: 'assigned_to_me' }],
    [null, null],
  ] as const)('assigned issues on %s: %j', (version, query) => {
    expect(assignedIssuesQuery(version, 7)).toEqual(query);
  });

  it('summary goes to 14.2+ and to servers that do not say', () => {
    expect(takesTimelogSummary('14.1.0')).toBe(false);
    expect(takesTimelogSummary('14.2.0')).toBe(true);
    expect(takesTimelogSummary(null)).toBe(true);
  });

  it('the popup lists over GraphQL from 15.6 on a v4 server of known version; older or unknown ones over REST', () => {
    expect(listsOverGraphql('v4', '15.5.9')).toBe(false);
    expect(listsOverGraphql('v4', '15.6.0')).toBe(true);
    expect(listsOverGraphql(undefined, '17.11.0-ee')).toBe(true);
    expect(listsOverGraphql('v4', null)).toBe(false);
    expect(listsOverGraphql('v3', '16.0.0')).toBe(false);
  });
});
