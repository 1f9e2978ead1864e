// GitLab as an OAuth 2 provider, the slice a browser extension uses: the authorization code
// grant with PKCE (S256) for a non-confidential application, and refresh tokens.
// - `GET /oauth/authorize` skips the consent screen (the user is taken to have clicked
//   Authorize) and redirects to `redirect_uri` with `code` and `state`, or with `error`.
// - `POST /oauth/token` exchanges a code (checking `code_verifier` against the challenge) or a
//   refresh token for an access token that expires in 7200 s and a new refresh token; the old
//   pair stops working, as in GitLab (Doorkeeper with refresh token rotation).
// Issued access tokens go into the stand-in's token store (auth.ts) and work as Bearer tokens.

import { createHash, randomBytes } from 'node:crypto';
import type { ApiResult } from './api';
import { addOAuthToken, type TokenStore } from './auth';

/** The demo application's id, registered on every stand-in. */
export const DEMO_OAUTH_CLIENT_ID = 'a5e1c0ffee0ddba11deadbeef0123456789abcdef0123456789abcdef0123456';
export const ACCESS_TOKEN_SECONDS = 7200;
const CODE_SECONDS = 600;

export interface OAuthApplication {
  clientId: string;
  /** The registered callback URL; null accepts any (an extension's differs per browser and install). */
  redirectUri: string | null;
  scopes: string[];
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  expiresAtMs: number;
}

interface RefreshGrant {
  clientId: string;
  scopes: string[];
  accessToken: string;
}

export interface OAuthStore {
  apps: Map<string, OAuthApplication>;
  codes: Map<string, CodeGrant>;
  refreshTokens: Map<string, RefreshGrant>;
}

export function createOAuthStore(): OAuthStore {
  const store: OAuthStore = { apps: new Map(), codes: new Map(), refreshTokens: new Map() };
  registerOAuthApp(store, { clientId: DEMO_OAUTH_CLIENT_ID, redirectUri: null, scopes: ['api', 'read_api', 'read_user'] });
  return store;
}

export function registerOAuthApp(store: OAuthStore, app: OAuthApplication): void {
  store.apps.set(app.clientId, { ...app, scopes: [...app.scopes] });
}

/** The user revoked the application in GitLab: every token it holds stops working. */
export function revokeOAuthGrants(oauth: OAuthStore, auth: TokenStore): void {
  for (const grant of oauth.refreshTokens.values()) {
    const access = auth.tokens.get(grant.accessToken);
    if (access) access.revoked = true;
  }
  oauth.refreshTokens.clear();
  oauth.codes.clear();
}

/** Two hours passed: every OAuth access token is expired (refresh tokens still work). */
export function expireOAuthAccessTokens(auth: TokenStore): void {
  for (const record of auth.tokens.values()) if (record.kind === 'oauth') record.expiresAtMs = Date.now() - 1;
}

export interface OAuthRequest {
  method: string;
  /** Below `/oauth/`, e.g. `authorize`. */
  route: string;
  /** Query merged with the form or JSON body. */
  params: Record<string, unknown>;
}

const text = (status: number, body: string): ApiResult => ({ status, body });
const oauthError = (status: number, error: string, description: string): ApiResult => ({ status, body: { error, error_description: description } });
const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

function str(params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function secret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('hex')}`;
}

/** RFC 7636: BASE64URL(SHA256(ASCII(code_verifier))), no padding. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function redirectTo(redirectUri: string, params: Record<string, string>): ApiResult {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return { status: 302, headers: { Location: target.toString() } };
}

function authorize(store: OAuthStore, params: Record<string, unknown>): ApiResult {
  const app = store.apps.get(str(params, 'client_id') ?? '');
  // Doorkeeper shows these two on its own error page rather than redirecting anywhere.
  if (!app) return text(401, 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.');
  const redirectUri = str(params, 'redirect_uri');
  if (!redirectUri || (app.redirectUri !== null && redirectUri !== app.redirectUri) || !URL.canParse(redirectUri)) {
    return text(400, 'The redirect URI included is not valid.');
  }
  const state = str(params, 'state');
  const fail = (error: string, description: string) => redirectTo(redirectUri, { error, error_description: description, ...(state ? { state } : {}) });
  if (str(params, 'response_type') !== 'code') return fail('unsupported_response_type', 'The authorization server does not support this response type.');
  const challenge = str(params, 'code_challenge');
  if (!challenge) return fail('invalid_request', 'Code challenge is required.');
  if (str(params, 'code_challenge_method') !== 'S256') return fail('invalid_request', 'Code challenge method must be S256.');
  const scopes = (str(params, 'scope') ?? 'api').split(/[\s+]+/).filter(Boolean);
  if (!scopes.every((s) => app.scopes.includes(s))) return fail('invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
  const code = secret('');
  store.codes.set(code, { clientId: app.clientId, redirectUri, challenge, scopes, expiresAtMs: Date.now() + CODE_SECONDS * 1000 });
  return redirectTo(redirectUri, { code, ...(state ? { state } : {}) });
}

function issue(oauth: OAuthStore, auth: TokenStore, clientId: string, scopes: string[]): ApiResult {
  const accessToken = secret('');
  const refreshToken = secret('');
  addOAuthToken(auth, accessToken, scopes, ACCESS_TOKEN_SECONDS);
  oauth.refreshTokens.set(refreshToken, { clientId, scopes, accessToken });
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
      scope: scopes.join(' '),
      created_at: Math.floor(Date.now() / 1000),
    },
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  };
}

function token(oauth: OAuthStore, auth: TokenStore, params: Record<string, unknown>): ApiResult {
  const clientId = str(params, 'client_id') ?? '';
  if (!oauth.apps.has(clientId)) return oauthError(401, 'invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.');
  const grantType = str(params, 'grant_type');

  if (grantType === 'authorization_code') {
    const code = str(params, 'code') ?? '';
    const grant = oauth.codes.get(code);
    // A code is good for one attempt, right or wrong.
    oauth.codes.delete(code);
    if (!grant || grant.expiresAtMs <= Date.now() || grant.clientId !== clientId || grant.redirectUri !== str(params, 'redirect_uri')) {
      return oauthError(400, 'invalid_grant', INVALID_GRANT);
    }
    const verifier = str(params, 'code_verifier');
    if (!verifier) return oauthError(400, 'invalid_request', 'The request is missing a required parameter: code_verifier.');
    if (s256(verifier) !== grant.challenge) return oauthError(400, 'invalid_grant', INVALID_GRANT);
    return issue(oauth, auth, clientId, grant.scopes);
  }

  if (grantType === 'refresh_token') {
    const refreshToken = str(params, 'refresh_token') ?? '';
    const grant = oauth.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== clientId) return oauthError(400, 'invalid_grant', INVALID_GRANT);
    // Rotation: the refresh token and its access token are spent.
    oauth.refreshTokens.delete(refreshToken);
    const old = auth.tokens.get(grant.accessToken);
    if (old) old.revoked = true;
    return issue(oauth, auth, clientId, grant.scopes);
  }

  return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
}

/** Answers one `/oauth/...` request. */
export function handleOAuth(oauth: OAuthStore, auth: TokenStore, req: OAuthRequest): ApiResult {
  if (req.route === 'authorize') return req.method === 'GET' ? authorize(oauth, req.params) : text(405, 'Method Not Allowed');
  if (req.route === 'token') return req.method === 'POST' ? token(oauth, auth, req.params) : text(405, 'Method Not Allowed');
  return text(404, 'Not Found');
}

/**
 * What `browser.identity.launchWebAuthFlow` does with the stand-in, for tests that run without a
 * browser: load the authorize URL and hand back where GitLab redirected to.
 */
export async function followAuthorize(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
  return location;
}
