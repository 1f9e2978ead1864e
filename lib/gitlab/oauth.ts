/**
 * Signing in to a GitLab with OAuth 2: the authorization code grant with PKCE (RFC 7636), for
 * a non-confidential application the user registers on that GitLab (no client secret, so there
 * is none to leak from an extension anyone can unpack). Access tokens live two hours; the refresh
 * token buys the next one, and GitLab rotates it on every use.
 *
 * Plain functions over `fetch` and Web Crypto: the background drives them around
 * `browser.identity.launchWebAuthFlow`, and unit tests drive them against the GitLab stand-in.
 * Errors are GitLabErrors-like in spirit: fixed words for a person, never a token or a code,
 * never the server's own text (a server could echo anything back).
 */
import * as v from 'valibot';
import { t } from '../model/i18n';

/** What the extension asks for: `api` (time tracking writes need it; it includes reading). */
export const OAUTH_SCOPE = 'api';
/** GitLab's access token lifetime when the answer leaves `expires_in` out. */
const DEFAULT_LIFETIME_SECONDS = 7200;
const TIMEOUT_MS = 15_000;

export type OAuthErrorKind = 'cancelled' | 'denied' | 'mismatch' | 'invalid-grant' | 'invalid-client' | 'network' | 'malformed' | 'server';

export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    readonly kind: OAuthErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token stops working. */
  expiresAt: number;
  scopes: string[];
}

export interface OAuthDeps {
  fetch: typeof fetch;
  now: () => number;
}

export interface PkcePair {
  /** 43 characters from 32 random bytes: the secret only the token request reveals. */
  verifier: string;
  /** BASE64URL(SHA256(verifier)): what the authorize request shows. */
  challenge: string;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomToken(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function s256(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export async function createPkce(): Promise<PkcePair> {
  const verifier = randomToken(32);
  return { verifier, challenge: await s256(verifier) };
}

/** The `state` parameter: ties the redirect that comes back to the sign-in we started. */
export function newState(): string {
  return randomToken(16);
}

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

export function authorizeUrl(
  baseUrl: string,
  input: { clientId: string; redirectUri: string; state: string; challenge: string; scope?: string },
): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/oauth/authorize`);
  url.search = new URLSearchParams({
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    response_type: 'code',
    state: input.state,
    scope: input.scope ?? OAUTH_SCOPE,
    code_challenge: input.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/**
 * The authorization code from the URL GitLab redirected to, after checking it is our redirect
 * URL and carries our `state` (anything else may be a forged or replayed redirect).
 */
export function codeFromRedirect(redirectUrl: string, expected: { state: string; redirectUri: string; baseUrl: string }): string {
  const host = hostOf(expected.baseUrl);
  let url: URL;
  let want: URL;
  try {
    url = new URL(redirectUrl);
    want = new URL(expected.redirectUri);
  } catch {
    throw new OAuthError('mismatch', t('oauthMismatch', host));
  }
  if (url.origin !== want.origin || url.pathname !== want.pathname || url.searchParams.get('state') !== expected.state) {
    throw new OAuthError('mismatch', t('oauthMismatch', host));
  }
  const error = url.searchParams.get('error');
  if (error === 'access_denied') throw new OAuthError('denied', t('oauthDenied', host));
  if (error) {
    const code = /^[a-z_]{1,64}$/.test(error) ? ` (${error})` : '';
    throw new OAuthError('server', t('oauthRefused', [host, code]));
  }
  const code = url.searchParams.get('code');
  if (!code) throw new OAuthError('malformed', t('oauthNoCode', host));
  return code;
}

const TokenAnswerSchema = v.object({
  access_token: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  token_type: v.pipe(v.string(), v.regex(/^bearer$/i)),
  expires_in: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  refresh_token: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  scope: v.optional(v.string(), ''),
});

const ErrorAnswerSchema = v.object({ error: v.string() });

async function tokenRequest(baseUrl: string, params: Record<string, string>, deps: OAuthDeps): Promise<OAuthTokens> {
  const host = hostOf(baseUrl);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response: Response;
  let text: string;
  try {
    response = await deps.fetch(`${baseUrl.replace(/\/+$/, '')}/oauth/token`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
      credentials: 'omit',
      // A redirect would carry the code or refresh token to wherever it points.
      redirect: 'error',
      signal: controller.signal,
    });
    text = await response.text();
  } catch {
    throw new OAuthError('network', t('oauthNetwork', host));
  } finally {
    clearTimeout(timer);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = v.safeParse(ErrorAnswerSchema, data);
    const code = error.success ? error.output.error : null;
    if (code === 'invalid_grant') throw new OAuthError('invalid-grant', t('oauthInvalidGrant', host));
    if (code === 'invalid_client') throw new OAuthError('invalid-client', t('oauthInvalidClient', host));
    throw new OAuthError('server', t('oauthServer', [host, response.status]));
  }
  const answer = v.safeParse(TokenAnswerSchema, data);
  if (!answer.success) throw new OAuthError('malformed', t('oauthMalformed', host));
  const { access_token, refresh_token, expires_in, scope } = answer.output;
  return {
    accessToken: access_token,
    refreshToken: refresh_token,
    expiresAt: deps.now() + (expires_in ?? DEFAULT_LIFETIME_SECONDS) * 1000,
    scopes: scope.split(/\s+/).filter(Boolean),
  };
}

/** Step 3 of the flow: the code and the PKCE verifier for the first tokens. */
export function exchangeCode(
  baseUrl: string,
  input: { clientId: string; code: string; verifier: string; redirectUri: string },
  deps: OAuthDeps,
): Promise<OAuthTokens> {
  return tokenRequest(
    baseUrl,
    { grant_type: 'authorization_code', client_id: input.clientId, code: input.code, code_verifier: input.verifier, redirect_uri: input.redirectUri },
    deps,
  );
}

/** A new access token (and a new refresh token: the old one is spent once this succeeds). */
export function refreshAccessToken(
  baseUrl: string,
  input: { clientId: string; refreshToken: string; redirectUri: string },
  deps: OAuthDeps,
): Promise<OAuthTokens> {
  return tokenRequest(
    baseUrl,
    { grant_type: 'refresh_token', client_id: input.clientId, refresh_token: input.refreshToken, redirect_uri: input.redirectUri },
    deps,
  );
}
