// Who is calling the stand-in's API: the tokens it accepts, as GitLab keeps them. Personal
// access tokens (sent as PRIVATE-TOKEN or Bearer) have scopes and an expiry day; OAuth access
// tokens (Bearer only, issued by oauth.ts) expire after two hours. Each stand-in has its own
// tokens, so two stand-ins in one test accept different ones and a token sent to the wrong
// GitLab is refused there (and shows in that stand-in's request log).

import type { ApiResult } from './api';

export type TokenScheme = 'private-token' | 'bearer';

export interface TokenRecord {
  id: number;
  /** Whose token it is (seed user id): 1 the demo user, 2 the colleague. */
  userId: number;
  name: string;
  kind: 'personal' | 'oauth';
  scopes: string[];
  /** Personal tokens: the last day they work (`YYYY-MM-DD`), null for no expiry. */
  expiresAt: string | null;
  /** OAuth access tokens: epoch ms from which GitLab answers `invalid_token`. */
  expiresAtMs?: number;
  revoked: boolean;
  createdAt: string;
}

export interface TokenStore {
  readonly tokens: Map<string, TokenRecord>;
  nextId: number;
}

export interface PersonalTokenOptions {
  scopes?: string[];
  /** `YYYY-MM-DD`; default a year from now, as GitLab 16+ requires an expiry. */
  expiresAt?: string | null;
  name?: string;
  /** The user the token belongs to; default 1 (the demo user). */
  userId?: number;
}

export function createTokenStore(token: string, readonlyToken: string, colleagueToken?: string): TokenStore {
  const store: TokenStore = { tokens: new Map(), nextId: 1 };
  addPersonalToken(store, token, { scopes: ['api'], name: 'Timekeeper' });
  addPersonalToken(store, readonlyToken, { scopes: ['read_api'], name: 'Timekeeper (read only)' });
  // The colleague (seed user 2, alex.rivera) logs and deletes time on the same issues.
  if (colleagueToken) addPersonalToken(store, colleagueToken, { scopes: ['api'], name: 'Colleague', userId: 2 });
  return store;
}

function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function addPersonalToken(store: TokenStore, token: string, opts: PersonalTokenOptions = {}): TokenRecord {
  const record: TokenRecord = {
    id: store.nextId++,
    userId: opts.userId ?? 1,
    name: opts.name ?? 'Personal token',
    kind: 'personal',
    scopes: opts.scopes ?? ['api'],
    expiresAt: opts.expiresAt === undefined ? dayFromNow(365) : opts.expiresAt,
    revoked: false,
    createdAt: new Date().toISOString(),
  };
  store.tokens.set(token, record);
  return record;
}

export function addOAuthToken(store: TokenStore, token: string, scopes: string[], lifetimeSeconds: number): TokenRecord {
  const record: TokenRecord = {
    id: store.nextId++,
    userId: 1,
    name: 'OAuth access token',
    kind: 'oauth',
    scopes,
    expiresAt: null,
    expiresAtMs: Date.now() + lifetimeSeconds * 1000,
    revoked: false,
    createdAt: new Date().toISOString(),
  };
  store.tokens.set(token, record);
  return record;
}

const unauthorized = (): ApiResult => ({ status: 401, body: { message: '401 Unauthorized' } });

/** GitLab's answer to an OAuth token it no longer takes (Doorkeeper's words). */
function invalidToken(description: string): ApiResult {
  return {
    status: 401,
    body: { error: 'invalid_token', error_description: description },
    headers: { 'WWW-Authenticate': `Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="${description}"` },
  };
}

/** The token behind a request, or GitLab's 401 answer. */
export function authenticate(store: TokenStore, token: string | null, scheme: TokenScheme | null): TokenRecord | ApiResult {
  const record = token === null ? undefined : store.tokens.get(token);
  if (!record) return unauthorized();
  if (record.kind === 'oauth') {
    // OAuth tokens work only as `Authorization: Bearer`.
    if (scheme !== 'bearer') return unauthorized();
    if (record.revoked) return invalidToken('Token was revoked. You have to re-authorize from the user.');
    if (Date.now() >= (record.expiresAtMs ?? 0)) return invalidToken('Token is expired. You can either do re-authorization or token refresh.');
    return record;
  }
  if (record.revoked) return unauthorized();
  if (record.expiresAt !== null && record.expiresAt < new Date().toISOString().slice(0, 10)) return unauthorized();
  return record;
}

export function isAuthError(value: TokenRecord | ApiResult): value is ApiResult {
  return 'status' in value;
}

/** `GET /personal_access_tokens/self` (newer GitLabs): the presented personal token itself. */
export function personalTokenJson(record: TokenRecord): Record<string, unknown> {
  return {
    id: record.id,
    name: record.name,
    revoked: record.revoked,
    created_at: record.createdAt,
    description: '',
    scopes: record.scopes,
    user_id: record.userId,
    last_used_at: new Date().toISOString(),
    active: !record.revoked,
    expires_at: record.expiresAt,
  };
}
