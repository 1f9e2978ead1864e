// @vitest-environment node
// The OAuth sign-in's steps against the GitLab stand-in's /oauth/authorize and /oauth/token:
// what launchWebAuthFlow would do in between is done by followAuthorize (load the URL, read
// where it redirects).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { followAuthorize, startStandIn, s256 as standInS256, type StandIn } from '../../tests/fake-gitlab/server';
import { authorizeUrl, codeFromRedirect, createPkce, exchangeCode, newState, OAuthError, refreshAccessToken, s256 } from './oauth';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
let gl: StandIn;
let clock = Date.UTC(2026, 0, 5, 9, 0);
const deps = () => ({ fetch: (...a: Parameters<typeof fetch>) => fetch(...a), now: () => clock });

beforeAll(async () => {
  gl = await startStandIn({ basePath: '/gitlab' });
});
afterAll(() => gl.close());
beforeEach(() => gl.reset());

async function signIn() {
  const pkce = await createPkce();
  const state = newState();
  const back = await followAuthorize(authorizeUrl(gl.url, { clientId: gl.oauthClientId, redirectUri: REDIRECT, state, challenge: pkce.challenge }));
  const code = codeFromRedirect(back, { state, redirectUri: REDIRECT, baseUrl: gl.url });
  return { pkce, code, tokens: await exchangeCode(gl.url, { clientId: gl.oauthClientId, code, verifier: pkce.verifier, redirectUri: REDIRECT }, deps()) };
}

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<OAuthError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthError);
    return error as OAuthError;
  }
  throw new Error('expected an OAuthError');
}

describe('PKCE', () => {
  it('a 43-character unreserved verifier and its S256 challenge, as GitLab computes it', async () => {
    const { verifier, challenge } = await createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(standInS256(verifier));
    expect(await s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect((await createPkce()).verifier).not.toBe(verifier);
  });

  it('the authorize URL asks for a code with the api scope and an S256 challenge, under the sub-path', () => {
    const url = new URL(authorizeUrl(gl.url, { clientId: 'app', redirectUri: REDIRECT, state: 's', challenge: 'c' }));
    expect(url.pathname).toBe('/gitlab/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app',
      redirect_uri: REDIRECT,
      response_type: 'code',
      state: 's',
      scope: 'api',
      code_challenge: 'c',
      code_challenge_method: 'S256',
    });
  });
});

describe('the code exchange', () => {
  it('gives a Bearer token for the API that expires in two hours, and a refresh token', async () => {
    const { tokens } = await signIn();
    expect(tokens.expiresAt).toBe(clock + 7200_000);
    expect(tokens.scopes).toEqual(['api']);
    const me = await fetch(`${gl.url}/api/v4/user`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status).toBe(200);
    const exchange = gl.requests.find((r) => r.path === '/oauth/token')!;
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', client_id: gl.oauthClientId, redirect_uri: REDIRECT });
  });

  it('a redirect with another state, or to another address, is not believed', async () => {
    const state = newState();
    const back = await followAuthorize(authorizeUrl(gl.url, { clientId: gl.oauthClientId, redirectUri: REDIRECT, state, challenge: (await createPkce()).challenge }));
    expect((await failure(() => codeFromRedirect(back, { state: 'other', redirectUri: REDIRECT, baseUrl: gl.url }))).kind).toBe('mismatch');
    const elsewhere = back.replace(REDIRECT, 'https://evil.example/');
    expect((await failure(() => codeFromRedirect(elsewhere, { state, redirectUri: REDIRECT, baseUrl: gl.url }))).kind).toBe('mismatch');
    const denied = `${REDIRECT}?error=access_denied&state=${state}`;
    const error = await failure(() => codeFromRedirect(denied, { state, redirectUri: REDIRECT, baseUrl: gl.url }));
    expect(error.kind).toBe('denied');
    expect(error.message).toMatch(/did not authorize Timekeeper/);
  });

  it('a wrong verifier, a spent code, or an unknown application is refused in words', async () => {
    const { code, pkce } = await signIn();
    const spent = await failure(exchangeCode(gl.url, { clientId: gl.oauthClientId, code, verifier: pkce.verifier, redirectUri: REDIRECT }, deps()));
    expect(spent.kind).toBe('invalid-grant');

    const state = newState();
    const fresh = codeFromRedirect(await followAuthorize(authorizeUrl(gl.url, { clientId: gl.oauthClientId, redirectUri: REDIRECT, state, challenge: pkce.challenge })), { state, redirectUri: REDIRECT, baseUrl: gl.url });
    const wrong = await failure(exchangeCode(gl.url, { clientId: gl.oauthClientId, code: fresh, verifier: (await createPkce()).verifier, redirectUri: REDIRECT }, deps()));
    expect(wrong.kind).toBe('invalid-grant');
    expect(wrong.message).not.toContain(fresh);

    const unknown = await failure(exchangeCode(gl.url, { clientId: 'not-registered', code: 'x', verifier: pkce.verifier, redirectUri: REDIRECT }, deps()));
    expect(unknown.kind).toBe('invalid-client');
    expect(unknown.message).toMatch(/does not know this application id/);
  });

  it('an unreachable server says so', async () => {
    const error = await failure(exchangeCode('http://127.0.0.1:9', { clientId: 'a', code: 'b', verifier: 'c', redirectUri: REDIRECT }, deps()));
    expect(error).toMatchObject({ kind: 'network', message: expect.stringMatching(/Could not reach 127\.0\.0\.1:9/) });
  });
});

describe('refresh', () => {
  it('trades the refresh token for a new pair; the old refresh token is spent', async () => {
    const { tokens } = await signIn();
    clock += 7000_000;
    const next = await refreshAccessToken(gl.url, { clientId: gl.oauthClientId, refreshToken: tokens.refreshToken, redirectUri: REDIRECT }, deps());
    expect(next.accessToken).not.toBe(tokens.accessToken);
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    expect(next.expiresAt).toBe(clock + 7200_000);
    const reused = await failure(refreshAccessToken(gl.url, { clientId: gl.oauthClientId, refreshToken: tokens.refreshToken, redirectUri: REDIRECT }, deps()));
    expect(reused.kind).toBe('invalid-grant');
  });

  it('fails with words asking to sign in again once the application is revoked', async () => {
    const { tokens } = await signIn();
    gl.revokeOAuthGrants();
    const error = await failure(refreshAccessToken(gl.url, { clientId: gl.oauthClientId, refreshToken: tokens.refreshToken, redirectUri: REDIRECT }, deps()));
    expect(error.kind).toBe('invalid-grant');
    expect(error.message).toMatch(/Sign in again/);
    expect(error.message).not.toContain(tokens.refreshToken);
  });
});
