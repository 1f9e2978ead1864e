// @vitest-environment node
/**
 * Connections and tokens, through the background's own services against two in-process GitLab
 * stand-ins with different tokens and WXT's fake browser: what connect records, OAuth sign-in
 * with a fake identity API (launchWebAuthFlow cannot be driven headless; followAuthorize does
 * what it does), token refresh and its failure, read-only tokens, removed page access, and
 * where tokens are (and are not) kept.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { followAuthorize, startStandIn, type StandIn } from '../fake-gitlab/server';
import { clientFor, REFRESH_MARGIN_MS, type BackgroundDeps } from '@/lib/background/token-client';
import { accessAdded, accessRemoved, beginSignIn, connect, finishSignIn, patternCovers, readOnlyReasonFor, restoreAccess } from '@/lib/background/connections';
import { flushOutbox } from '@/lib/background/outbox';
import { targetItem } from '@/lib/background/senders';
import * as timer from '@/lib/background/timer';
import { instancesItem, outboxItem, pendingSignInsItem, tokensItem } from '@/lib/model/storage';
import { GitLabError } from '@/lib/gitlab/client';

const REDIRECT = 'https://extension-id.chromiumapp.org/';
/** An issue as the client addresses it. */
const issue = (iid: number, projectPath = 'acme/web') => ({ projectPath, kind: 'issue' as const, iid });
const MIN = 60_000;
let gl: StandIn;
let other: StandIn;
let clock = Date.UTC(2026, 2, 2, 9, 0);
let granted = true;

function deps(): BackgroundDeps {
  return { browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, mono: () => clock, fetch: (...a) => fetch(...a) };
}

beforeAll(async () => {
  gl = await startStandIn({ basePath: '/gitlab' });
  other = await startStandIn({ token: 'glpat-other-gitlab-0123456789', readonlyToken: 'glpat-other-readonly-0123' });
});
afterAll(async () => {
  await gl.close();
  await other.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  gl.reset();
  other.reset();
  clock = Date.UTC(2026, 2, 2, 9, 0);
  granted = true;
  Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => granted) });
  Object.assign(fakeBrowser.scripting, {
    registerContentScripts: vi.fn(async () => undefined),
    unregisterContentScripts: vi.fn(async () => undefined),
    getRegisteredContentScripts: vi.fn(async () => []),
  });
  Object.assign(fakeBrowser, { identity: { getRedirectURL: () => REDIRECT } });
});

/** The options page's part of OAuth: open the authorize URL (here: follow its redirect), hand back where it led. */
async function signIn(standIn: StandIn, clientId = standIn.oauthClientId) {
  const begun = await beginSignIn(deps(), { baseUrl: standIn.url, clientId });
  if (!begun.ok) throw new Error(begun.error);
  return finishSignIn(deps(), { redirectUrl: await followAuthorize(begun.authorizeUrl) });
}

async function instance(baseUrl: string) {
  return (await instancesItem.getValue()).find((i) => i.baseUrl === baseUrl);
}

describe('connect records what GitLab says', () => {
  it('version, API version, name, avatar, scopes and expiry; an api token is writable', async () => {
    const result = await connect(deps(), { baseUrl: gl.url, token: gl.token });
    expect(result).toMatchObject({
      ok: true,
      instance: {
        baseUrl: gl.url,
        username: 'demo',
        name: 'Demo User',
        avatarUrl: expect.stringContaining('/avatar'),
        gitlabVersion: '17.11.0-ee',
        apiVersion: 'v4',
        auth: 'token',
        scopes: ['api'],
        tokenExpiresOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
        readOnlyReason: null,
        problem: null,
      },
    });
  });

  it('a read_api token: read-only with the reason, and writes are refused before any request', async () => {
    const result = await connect(deps(), { baseUrl: gl.url, token: gl.readonlyToken });
    expect(result).toMatchObject({ ok: true, instance: { scopes: ['read_api'], readOnlyReason: expect.stringMatching(/only the read_api scope, not api/) } });
    const client = (await clientFor(deps(), gl.url))!;
    expect((await client.getTimeStats(issue(1))).total_time_spent).toBe(5400);
    const before = gl.requests.length;
    await expect(client.addSpentTime(issue(1), 3600)).rejects.toMatchObject({ kind: 'insufficient-scope', message: expect.stringMatching(/Read-only/) });
    await expect(client.markTodoDone(1)).rejects.toBeInstanceOf(GitLabError);
    expect(gl.requests.length).toBe(before);
    // Messages that would change an item are refused with the same words.
    const refused = await targetItem({ item: { instanceId: gl.url, projectPath: 'acme/web', kind: 'issue', iid: 1 } }, { kind: 'page', url: 'chrome-extension://x/popup.html' });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', error: expect.stringMatching(/Read-only/) });
  });

  it('where GitLab does not describe the token, its scopes are unknown and writes are left to GitLab', async () => {
    gl.fail('GET', '/api/v4/personal_access_tokens/self', { kind: 'status', status: 404, times: 1 });
    const result = await connect(deps(), { baseUrl: gl.url, token: gl.readonlyToken });
    expect(result).toMatchObject({ ok: true, instance: { scopes: null, tokenExpiresOn: null, readOnlyReason: null } });
    const client = (await clientFor(deps(), gl.url))!;
    await expect(client.addSpentTime(issue(1), 3600)).rejects.toMatchObject({ kind: 'insufficient-scope', message: expect.stringMatching(/lacks the api scope/) });
  });

  it('a token expiring soon is recorded with its day', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    gl.addToken('glpat-expires-soon-0123', { expiresAt: soon });
    expect(await connect(deps(), { baseUrl: gl.url, token: 'glpat-expires-soon-0123' })).toMatchObject({ ok: true, instance: { tokenExpiresOn: soon } });
  });

  it('reconnecting replaces the token of that instance only', async () => {
    await connect(deps(), { baseUrl: gl.url, token: gl.readonlyToken });
    await connect(deps(), { baseUrl: other.url, token: other.token });
    await connect(deps(), { baseUrl: gl.url, token: gl.token });
    expect((await instancesItem.getValue()).map((i) => i.baseUrl).sort()).toEqual([gl.url, other.url].sort());
    expect(await tokensItem.getValue()).toEqual({ [gl.url]: { token: gl.token, type: 'private' }, [other.url]: { token: other.token, type: 'private' } });
    expect((await instance(gl.url))?.readOnlyReason).toBeNull();
  });

  it('readOnlyReasonFor', () => {
    expect(readOnlyReasonFor('https://gitlab.com', ['api'])).toBeNull();
    expect(readOnlyReasonFor('https://gitlab.com', null)).toBeNull();
    expect(readOnlyReasonFor('https://gitlab.com', ['read_api', 'read_user'])).toMatch(/only the read_api, read_user scopes, not api/);
  });
});

describe('tokens go only where they belong, and are kept only in the background', () => {
  it('two GitLabs with different tokens: each sees only its own', async () => {
    await connect(deps(), { baseUrl: gl.url, token: gl.token });
    await connect(deps(), { baseUrl: other.url, token: other.token });
    for (const standIn of [gl, other]) {
      const client = (await clientFor(deps(), standIn.url))!;
      await client.listAssignedIssues();
      await client.getTimeStats(issue(1));
    }
    expect(gl.requests.length).toBeGreaterThan(3);
    expect(other.requests.length).toBeGreaterThan(3);
    expect(gl.requests.every((r) => r.authToken === gl.token)).toBe(true);
    expect(other.requests.every((r) => r.authToken === other.token)).toBe(true);
  });

  it('instances (which views see) carry no token; nothing is in storage.sync', async () => {
    await connect(deps(), { baseUrl: gl.url, token: gl.token });
    await signIn(other);
    const tokens = JSON.stringify(await tokensItem.getValue());
    const views = JSON.stringify(await instancesItem.getValue());
    expect(views).not.toContain(gl.token);
    for (const secret of Object.values(await tokensItem.getValue()).flatMap((t) => [t.token, t.refreshToken ?? ''].filter(Boolean))) {
      expect(views).not.toContain(secret);
      expect(tokens).toContain(secret);
    }
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });
});

describe('OAuth sign-in through the background', () => {
  it('connects with an access token that is sent as Bearer, and keeps the refresh token', async () => {
    const result = await signIn(other);
    expect(result).toMatchObject({ ok: true, instance: { baseUrl: other.url, username: 'demo', auth: 'oauth', oauthClientId: other.oauthClientId, scopes: ['api'], readOnlyReason: null } });
    const stored = (await tokensItem.getValue())[other.url]!;
    expect(stored).toMatchObject({ type: 'oauth', clientId: other.oauthClientId, redirectUri: REDIRECT, expiresAt: clock + 7200_000, refreshToken: expect.any(String) });
    expect(other.requests.find((r) => r.path === '/api/v4/user')?.authToken).toBe(stored.token);
    // The PKCE verifier is forgotten once used.
    expect(await pendingSignInsItem.getValue()).toEqual([]);
  });

  it('a redirect this background did not start, or one used twice, is refused', async () => {
    expect(await finishSignIn(deps(), { redirectUrl: `${REDIRECT}?code=abc&state=forged` })).toMatchObject({ ok: false, error: expect.stringMatching(/not started here/) });
    const begun = await beginSignIn(deps(), { baseUrl: other.url, clientId: other.oauthClientId });
    if (!begun.ok) throw new Error(begun.error);
    const back = await followAuthorize(begun.authorizeUrl);
    expect((await finishSignIn(deps(), { redirectUrl: back })).ok).toBe(true);
    expect(await finishSignIn(deps(), { redirectUrl: back })).toMatchObject({ ok: false });
  });

  it('an application id GitLab does not know is explained', async () => {
    const begun = await beginSignIn(deps(), { baseUrl: other.url, clientId: 'unknown-app' });
    if (!begun.ok) throw new Error(begun.error);
    // GitLab shows its own error page instead of redirecting; the user closes the window.
    const authorize = await fetch(begun.authorizeUrl, { redirect: 'manual' });
    expect(authorize.status).toBe(401);
  });
});

describe('token refresh', () => {
  const tokenRequests = () => other.requests.filter((r) => r.path === '/oauth/token' && r.body.grant_type === 'refresh_token');

  it('refreshes shortly before expiry, and uses the new token', async () => {
    await signIn(other);
    const first = (await tokensItem.getValue())[other.url]!;
    clock = first.expiresAt! - REFRESH_MARGIN_MS + 1;
    await (await clientFor(deps(), other.url))!.getTimeStats(issue(1));
    const second = (await tokensItem.getValue())[other.url]!;
    expect(tokenRequests()).toHaveLength(1);
    expect(second.token).not.toBe(first.token);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(other.requests.at(-1)?.authToken).toBe(second.token);
  });

  it('refreshes once on a 401 invalid_token and repeats the request', async () => {
    await signIn(other);
    other.expireOAuthTokens();
    const stats = await (await clientFor(deps(), other.url))!.getTimeStats(issue(1));
    expect(stats.total_time_spent).toBe(5400);
    const calls = other.requests.filter((r) => r.path.endsWith('/time_stats'));
    expect(calls.map((r) => r.status)).toEqual([401, 200]);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('many requests at once share one refresh (GitLab rotates refresh tokens), also one whose 401 comes late', async () => {
    await signIn(other);
    other.expireOAuthTokens();
    other.fail('GET', /issues\/2\/time_stats$/, { kind: 'latency', ms: 400, times: 1 });
    const client = (await clientFor(deps(), other.url))!;
    await Promise.all([client.getTimeStats(issue(1)), client.getTimeStats(issue(2)), client.listTodos()]);
    expect(tokenRequests()).toHaveLength(1);
    // Later requests of the same client carry the new token at once.
    const fresh = (await tokensItem.getValue())[other.url]!.token;
    await client.getTimeStats(issue(3));
    expect(other.requests.at(-1)).toMatchObject({ authToken: fresh, status: 200 });
  });

  it('when refresh fails the user is asked to sign in again, and the waiting log is kept, then sent after the new sign-in', async () => {
    await signIn(other);
    other.expireOAuthTokens();
    other.revokeOAuthGrants();
    await timer.start(deps(), { instanceId: other.url, projectPath: 'acme/web', kind: 'issue', iid: 1 }, null);
    clock += 20 * MIN;
    const stopped = await timer.stop(deps(), null);
    expect(stopped.ok).toBe(true);
    const [log] = await outboxItem.getValue();
    expect(log).toMatchObject({ status: 'needs-attention', seconds: 1200 });
    expect(log!.lastError).toMatch(/refused the access token/);
    // Refreshing was tried (and refused) before the user was asked.
    expect(tokenRequests().length).toBeGreaterThan(0);
    expect((await instance(other.url))?.problem).toMatchObject({ kind: 'sign-in', message: expect.stringMatching(/Sign in again in the options; time logs waiting to be sent are kept/) });
    expect(other.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400);

    expect((await signIn(other)).ok).toBe(true);
    expect((await instance(other.url))?.problem).toBeNull();
    await vi.waitFor(async () => expect(await outboxItem.getValue()).toEqual([]));
    expect(other.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 1200);
  });

  it('an access token GitLab expired early is refreshed on the outbox’s first read (GraphQL) too, and the log lands', async () => {
    await signIn(other);
    other.expireOAuthTokens();
    await timer.start(deps(), { instanceId: other.url, projectPath: 'acme/web', kind: 'issue', iid: 1 }, null);
    clock += 20 * MIN;
    expect(await timer.stop(deps(), null)).toMatchObject({ ok: true, log: { status: 'landed', seconds: 1200 } });
    expect(tokenRequests()).toHaveLength(1);
    expect((await instance(other.url))?.problem).toBeNull();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(other.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 1200);
  });

  it('GitLab unreachable for the refresh: the log waits to be retried, not for the user', async () => {
    await signIn(other);
    other.expireOAuthTokens();
    other.fail('POST', '/oauth/token', { kind: 'status', status: 503, times: 5 });
    await timer.start(deps(), { instanceId: other.url, projectPath: 'acme/web', kind: 'issue', iid: 1 }, null);
    clock += 20 * MIN;
    await timer.stop(deps(), null);
    expect((await outboxItem.getValue())[0]).toMatchObject({ status: "pending" });
    expect((await instance(other.url))?.problem).toBeNull();
    other.clearFaults();
    clock = (await outboxItem.getValue())[0]!.nextAttemptAt;
    expect((await flushOutbox(deps())).delivered).toHaveLength(1);
  });

  it('a personal token GitLab stops taking marks the instance for reconnecting', async () => {
    await connect(deps(), { baseUrl: gl.url, token: gl.token });
    gl.revokeToken(gl.token);
    await expect((await clientFor(deps(), gl.url))!.listTodos()).rejects.toMatchObject({ kind: 'unauthorized', message: expect.stringMatching(/Reconnect in the options/) });
    expect((await instance(gl.url))?.problem).toMatchObject({ kind: 'sign-in', message: expect.stringMatching(/refused the access token/) });
  });
});

describe('page access removed in the browser', () => {
  it('disconnects the instance it covered; access back reconnects it', async () => {
    await connect(deps(), { baseUrl: gl.url, token: gl.token });
    await connect(deps(), { baseUrl: other.url, token: other.token });
    granted = false;
    await accessRemoved(deps(), { origins: ['http://127.0.0.1/*'] });
    expect((await instance(gl.url))?.problem).toMatchObject({ kind: 'disconnected', message: expect.stringMatching(/access to 127\.0\.0\.1:\d+ was removed/) });
    expect(await clientFor(deps(), gl.url)).toBeNull();
    expect(await restoreAccess(deps(), gl.url)).toMatchObject({ ok: false });

    granted = true;
    await accessAdded(deps(), { origins: ['http://127.0.0.1/*'] });
    expect((await instance(gl.url))?.problem).toBeNull();
    expect(await clientFor(deps(), gl.url)).not.toBeNull();
  });

  it('a removal elsewhere leaves it alone', async () => {
    await connect(deps(), { baseUrl: gl.url, token: gl.token });
    await accessRemoved(deps(), { origins: ['https://git.example.com/*'] });
    expect((await instance(gl.url))?.problem).toBeNull();
  });

  it.each([
    ['http://127.0.0.1/*', 'http://127.0.0.1:3300/gitlab', true],
    ['https://127.0.0.1/*', 'http://127.0.0.1:3300', false],
    ['*://*.example.com/*', 'https://git.example.com', true],
    ['https://*/*', 'https://gitlab.com', true],
    ['https://gitlab.com/*', 'https://gitlab.com.evil.example', false],
    ['<all_urls>', 'https://gitlab.com', true],
  ])('%s covers %s: %s', (pattern, baseUrl, covers) => {
    expect(patternCovers(pattern, baseUrl)).toBe(covers);
  });
});
