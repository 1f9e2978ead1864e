// @vitest-environment node
// The stand-in's tokens and its OAuth provider, spoken to in raw HTTP: what the extension's
// tests rely on when they say "GitLab refused that token" or "only this server took it".
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_OAUTH_CLIENT_ID, s256, startStandIn, type StandIn } from './server';

let gl: StandIn;
let other: StandIn;

beforeAll(async () => {
  gl = await startStandIn({ basePath: '/gitlab' });
  other = await startStandIn({ token: 'glpat-other-server-token', readonlyToken: 'glpat-other-readonly' });
});
afterAll(async () => {
  await gl.close();
  await other.close();
});
beforeEach(() => {
  gl.reset();
  other.reset();
});

const get = (base: string, path: string, headers: Record<string, string>) => fetch(`${base}/api/v4${path}`, { headers });

describe('tokens', () => {
  it('each stand-in accepts its own token only', async () => {
    expect(other.token).toBe('glpat-other-server-token');
    expect((await get(other.url, '/user', { 'PRIVATE-TOKEN': other.token })).status).toBe(200);
    expect((await get(other.url, '/user', { 'PRIVATE-TOKEN': gl.token })).status).toBe(401);
    expect((await get(gl.url, '/user', { 'PRIVATE-TOKEN': other.token })).status).toBe(401);
    expect(other.requests.map((r) => r.authToken)).toEqual([other.token, gl.token]);
  });

  it('GET /personal_access_tokens/self describes the token presented', async () => {
    const api = await (await get(gl.url, '/personal_access_tokens/self', { 'PRIVATE-TOKEN': gl.token })).json();
    expect(api).toMatchObject({ scopes: ['api'], active: true, revoked: false, expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    const readOnly = await (await get(gl.url, '/personal_access_tokens/self', { Authorization: `Bearer ${gl.readonlyToken}` })).json();
    expect(readOnly).toMatchObject({ scopes: ['read_api'], active: true });
  });

  it('a read_api token reads but may not write', async () => {
    const headers = { 'PRIVATE-TOKEN': gl.readonlyToken, 'Content-Type': 'application/json' };
    expect((await get(gl.url, '/projects/acme%2Fweb/issues/1/time_stats', headers)).status).toBe(200);
    const write = await fetch(`${gl.url}/api/v4/projects/acme%2Fweb/issues/1/add_spent_time`, { method: 'POST', headers, body: '{"duration":"1h"}' });
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ error: 'insufficient_scope' });
  });

  it('added, expired and revoked tokens', async () => {
    const today = new Date().toISOString().slice(0, 10);
    gl.addToken('glpat-expires-today', { expiresAt: today });
    gl.addToken('glpat-expired', { expiresAt: '2020-01-01' });
    expect((await get(gl.url, '/user', { 'PRIVATE-TOKEN': 'glpat-expires-today' })).status).toBe(200);
    expect((await get(gl.url, '/user', { 'PRIVATE-TOKEN': 'glpat-expired' })).status).toBe(401);
    gl.revokeToken(gl.token);
    expect((await get(gl.url, '/user', { 'PRIVATE-TOKEN': gl.token })).status).toBe(401);
    gl.reset();
    expect((await get(gl.url, '/user', { 'PRIVATE-TOKEN': gl.token })).status).toBe(200);
  });
});

describe('OAuth provider', () => {
  const redirectUri = 'https://abcdef.chromiumapp.org/';
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

  async function authorize(params: Record<string, string>): Promise<URL> {
    const query = new URLSearchParams({ client_id: DEMO_OAUTH_CLIENT_ID, redirect_uri: redirectUri, response_type: 'code', state: 'st', scope: 'api', code_challenge: s256(verifier), code_challenge_method: 'S256', ...params });
    const response = await fetch(`${gl.url}/oauth/authorize?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!);
  }
  const token = (params: Record<string, string>) =>
    fetch(`${gl.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ client_id: DEMO_OAUTH_CLIENT_ID, redirect_uri: redirectUri, ...params }) });

  it('RFC 7636 appendix B: the S256 challenge of the example verifier', () => {
    expect(s256(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('authorize redirects with a code and the state; the code and verifier buy a Bearer token', async () => {
    const back = await authorize({});
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('st');
    const answer = await token({ grant_type: 'authorization_code', code: back.searchParams.get('code')!, code_verifier: verifier });
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 7200, scope: 'api', refresh_token: expect.any(String) });
    expect((await get(gl.url, '/user', { Authorization: `Bearer ${body.access_token}` })).status).toBe(200);
    // OAuth tokens are not personal tokens: PRIVATE-TOKEN does not take them.
    expect((await get(gl.url, '/user', { 'PRIVATE-TOKEN': body.access_token })).status).toBe(401);
  });

  it('refuses a wrong verifier, and a code used twice', async () => {
    const code = (await authorize({})).searchParams.get('code')!;
    const wrong = await token({ grant_type: 'authorization_code', code, code_verifier: 'x'.repeat(43) });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const again = await token({ grant_type: 'authorization_code', code, code_verifier: verifier });
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses authorize without PKCE, with plain PKCE, or for an unknown application', async () => {
    expect((await authorize({ code_challenge: '' })).searchParams.get('error')).toBe('invalid_request');
    expect((await authorize({ code_challenge_method: 'plain' })).searchParams.get('error')).toBe('invalid_request');
    const unknown = await fetch(`${gl.url}/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code`, { redirect: 'manual' });
    expect(unknown.status).toBe(401);
  });

  it('refresh rotates both tokens; expiry gives invalid_token; revoking the app ends refresh', async () => {
    const code = (await authorize({})).searchParams.get('code')!;
    const first = await (await token({ grant_type: 'authorization_code', code, code_verifier: verifier })).json();
    gl.expireOAuthTokens();
    const expired = await get(gl.url, '/user', { Authorization: `Bearer ${first.access_token}` });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: 'invalid_token' });
    expect(expired.headers.get('www-authenticate')).toMatch(/invalid_token/);

    const second = await (await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).json();
    expect((await get(gl.url, '/user', { Authorization: `Bearer ${second.access_token}` })).status).toBe(200);
    expect(await (await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).json()).toMatchObject({ error: 'invalid_grant' });

    gl.revokeOAuthGrants();
    expect((await get(gl.url, '/user', { Authorization: `Bearer ${second.access_token}` })).status).toBe(401);
    expect(await (await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token })).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('logs OAuth requests beside API calls', async () => {
    await authorize({});
    expect(gl.requests.map((r) => r.path)).toContain('/oauth/authorize');
  });
});
