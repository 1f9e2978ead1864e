/**
 * Connecting GitLabs, each with its own token: a personal access token pasted on the options
 * page, or OAuth 2 (authorization code with PKCE). Either way the token is checked against
 * `GET /user`, and from then on lives only in the background's storage. On connect the
 * instance records what GitLab says about itself and the token (version, scopes, expiry), so
 * the views can flag a token about to expire and disable writes a `read_api` token cannot make.
 *
 * Page access: self-hosted GitLabs get a host permission for their pages at Connect (the
 * options page asks inside the click). When the user removes it in the browser, the instance is
 * marked disconnected: nothing is sent to it and no script runs on its pages until access comes
 * back (then it reconnects by itself, with the token it kept) or the user disconnects it.
 */
import { createGitLabClient, GitLabError, normaliseBaseUrl } from '../gitlab/client';
import { detectServer } from '../gitlab/server-facts';
import { MESSAGES } from '../gitlab/errors';
import { authorizeUrl, codeFromRedirect, createPkce, exchangeCode, newState, OAuthError } from '../gitlab/oauth';
import type { Result } from '../model/protocol';
import { forgetInstanceLists } from '../model/lists-cache';
import { forgetInstanceTimesheet } from '../model/timesheet-store';
import { instancesItem, outboxItem, pendingSignInsItem, tokensItem, type Instance, type StoredToken } from '../model/storage';
import { errorCode, errorMessage, setProblem, type BackgroundDeps } from './token-client';
import { originPattern, syncContentScripts } from './content-scripts';
import { resumeHeldLogs } from './outbox';
import { storage } from 'wxt/utils/storage';
import { plural, t } from '../model/i18n';

/** A sign-in left unfinished this long is forgotten. */
const SIGN_IN_TTL_MS = 10 * 60_000;

type Connected = Result<{ instance: Instance; pageAccess: boolean }>;

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

function connectError(error: unknown, baseUrl: string, auth: Instance['auth']): string {
  if (!(error instanceof GitLabError)) return errorMessage(error);
  const host = hostOf(baseUrl);
  switch (error.kind) {
    case 'unauthorized':
      return auth === 'oauth'
        ? t('signInRefused', host)
        : t('connectTokenRefused', host);
    case 'not-found':
    case 'malformed':
      return t('notAGitLab', host);
    case 'not-gitlab':
      return error.message === MESSAGES.redirected(host) ? error.message : t('notAGitLab', host);
    case 'network':
    case 'timeout':
      return t('couldNotReach', host);
    default:
      return error.message;
  }
}

/** Why nothing can be changed through a token with these scopes; null when it can (or nobody said). */
export function readOnlyReasonFor(baseUrl: string, scopes: string[] | null): string | null {
  if (scopes === null || scopes.includes('api')) return null;
  const host = hostOf(baseUrl);
  return scopes.length ? plural('readOnlyScopes', scopes.length, host, scopes.join(', ')) : t('readOnlyNoScopes', host);
}

/** GitLab says `2026-03-01`; anything else is not trusted as a date. */
function expiryDay(value: string | null | undefined): string | null {
  const day = value?.slice(0, 10) ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) ? day : null;
}

/**
 * Checks the credentials with `GET /user`, reads what GitLab tells about itself and the token,
 * and stores the instance (replacing an earlier connection to it) and its token.
 */
async function finishConnect(
  deps: BackgroundDeps,
  baseUrl: string,
  stored: StoredToken,
  meta: { auth: 'token' | 'oauth'; oauthClientId?: string; scopes?: string[] },
): Promise<Connected> {
  const auth = { baseUrl, token: stored.token, tokenType: stored.type };
  // Which API and version (v3 on 8.x and GitSwarm); unknown keeps v4, whose /user says what is wrong.
  const server = await detectServer((apiVersion) => createGitLabClient(auth, { fetch: deps.fetch, apiVersion }));
  const client = createGitLabClient(auth, { fetch: deps.fetch, apiVersion: server?.apiVersion ?? 'v4' });
  let user;
  try {
    user = await client.getUser();
  } catch (error) {
    return { ok: false, error: connectError(error, baseUrl, meta.auth), code: errorCode(error) };
  }
  const [version, tokenInfo] = await Promise.all([
    server ? Promise.resolve(server.gitlabVersion) : client.getVersion().then((v) => v.version, () => null),
    // Older servers (and OAuth tokens) do not describe the token: its scopes stay unknown.
    stored.type === 'private' ? client.getTokenInfo().catch(() => null) : Promise.resolve(null),
  ]);
  const scopes = meta.scopes ?? tokenInfo?.scopes ?? null;
  const instance: Instance = {
    baseUrl,
    userId: user.id,
    username: user.username,
    name: user.name,
    avatarUrl: user.avatar_url,
    connectedAt: deps.now(),
    gitlabVersion: version,
    apiVersion: server?.apiVersion ?? 'v4',
    hasTimeTracking: server?.hasTimeTracking ?? true,
    auth: meta.auth,
    ...(meta.oauthClientId ? { oauthClientId: meta.oauthClientId } : {}),
    scopes,
    tokenExpiresOn: expiryDay(tokenInfo?.expires_at),
    readOnlyReason: readOnlyReasonFor(baseUrl, scopes),
    problem: null,
  };
  const [instances, tokens] = await Promise.all([instancesItem.getValue(), tokensItem.getValue()]);
  await storage.setItems([
    { item: instancesItem, value: [...instances.filter((i) => i.baseUrl !== baseUrl), instance] },
    { item: tokensItem, value: { ...tokens, [baseUrl]: stored } },
  ]);
  const missing = await syncContentScripts(deps.browser, [...instances.map((i) => i.baseUrl), baseUrl]).catch(() => [baseUrl]);
  await sendHeldLogs(deps, baseUrl);
  return { ok: true, instance, pageAccess: !missing.includes(baseUrl) };
}

/**
 * Time logs that waited while the connection was broken (GitLab refused the old token) go out
 * once it is fixed. The outbox looks for an earlier copy of each first, so none lands twice; and
 * a log made as another account than the one now connected waits for the user to say.
 */
async function sendHeldLogs(deps: BackgroundDeps, baseUrl: string): Promise<void> {
  await resumeHeldLogs(deps, baseUrl);
}

export async function connect(deps: BackgroundDeps, input: { baseUrl: string; token: string }): Promise<Connected> {
  const normalised = normaliseBaseUrl(input.baseUrl);
  if (!normalised.ok) return { ok: false, error: normalised.error, code: 'bad-input' };
  // No host-permission precondition: GitLab's API answers cross-origin requests (CORS), so the
  // popup works even if the user declines page access; only the issue-page widget needs it.
  return finishConnect(deps, normalised.baseUrl, { token: input.token.trim(), type: 'private' }, { auth: 'token' });
}

/**
 * OAuth, step 1: a PKCE pair and a state, kept here; the options page gets only the URL to open
 * with `identity.launchWebAuthFlow` (it lives as long as the user takes to sign in, which a
 * service worker may not).
 */
export async function beginSignIn(deps: BackgroundDeps, input: { baseUrl: string; clientId: string }): Promise<Result<{ authorizeUrl: string }>> {
  const normalised = normaliseBaseUrl(input.baseUrl);
  if (!normalised.ok) return { ok: false, error: normalised.error, code: 'bad-input' };
  const baseUrl = normalised.baseUrl;
  const redirectUri = deps.browser.identity.getRedirectURL();
  const { verifier, challenge } = await createPkce();
  const state = newState();
  const now = deps.now();
  const pending = (await pendingSignInsItem.getValue()).filter((p) => now - p.startedAt < SIGN_IN_TTL_MS).slice(-4);
  await pendingSignInsItem.setValue([...pending, { state, verifier, baseUrl, clientId: input.clientId, redirectUri, startedAt: now }]);
  return { ok: true, authorizeUrl: authorizeUrl(baseUrl, { clientId: input.clientId, redirectUri, state, challenge }) };
}

/** OAuth, step 2: the redirect GitLab sent back; its code and our verifier buy the tokens. */
export async function finishSignIn(deps: BackgroundDeps, input: { redirectUrl: string }): Promise<Connected> {
  let state: string | null = null;
  try {
    state = new URL(input.redirectUrl).searchParams.get('state');
  } catch {
    // handled below: no sign-in matches
  }
  const now = deps.now();
  const all = await pendingSignInsItem.getValue();
  const pending = all.find((p) => p.state === state && now - p.startedAt < SIGN_IN_TTL_MS);
  // Each sign-in is finished at most once.
  await pendingSignInsItem.setValue(all.filter((p) => p !== pending && now - p.startedAt < SIGN_IN_TTL_MS));
  if (!pending) return { ok: false, error: t('signInNotStarted'), code: 'refused' };
  try {
    const code = codeFromRedirect(input.redirectUrl, pending);
    const tokens = await exchangeCode(pending.baseUrl, { clientId: pending.clientId, code, verifier: pending.verifier, redirectUri: pending.redirectUri }, deps);
    return await finishConnect(
      deps,
      pending.baseUrl,
      { token: tokens.accessToken, type: 'oauth', refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt, clientId: pending.clientId, redirectUri: pending.redirectUri },
      { auth: 'oauth', oauthClientId: pending.clientId, scopes: tokens.scopes },
    );
  } catch (error) {
    if (error instanceof OAuthError) return { ok: false, error: error.message, code: error.kind === 'network' ? 'offline' : 'unauthorized' };
    throw error;
  }
}

export async function disconnect(deps: BackgroundDeps, baseUrl: string): Promise<Result> {
  const [instances, tokens] = await Promise.all([instancesItem.getValue(), tokensItem.getValue()]);
  const rest = instances.filter((i) => i.baseUrl !== baseUrl);
  const { [baseUrl]: _token, ...otherTokens } = tokens;
  await storage.setItems([
    { item: instancesItem, value: rest },
    { item: tokensItem, value: otherTokens },
  ]);
  // After the instance is gone: the background lists only connected instances anyway.
  await forgetInstanceLists(baseUrl);
  await forgetInstanceTimesheet(baseUrl);
  await syncContentScripts(deps.browser, rest.map((i) => i.baseUrl)).catch(() => []);
  return { ok: true };
}

/** Whether a granted or removed permission pattern (`https://host/*`, `*://*.example.com/*`) covers a base URL. */
export function patternCovers(pattern: string, baseUrl: string): boolean {
  if (pattern === '<all_urls>') return true;
  const match = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
  if (!match) return false;
  const url = new URL(baseUrl);
  const [, scheme, host] = match as unknown as [string, string, string];
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  // Patterns carry no port (see content-scripts.ts): they cover every port of the host.
  const hostname = host.replace(/:\d+$/, '');
  if (hostname === '*') return true;
  if (hostname.startsWith('*.')) return url.hostname === hostname.slice(2) || url.hostname.endsWith(hostname.slice(1));
  return url.hostname === hostname;
}

async function resync(deps: BackgroundDeps): Promise<void> {
  const instances = await instancesItem.getValue();
  await syncContentScripts(deps.browser, instances.filter((i) => i.problem?.kind !== 'disconnected').map((i) => i.baseUrl)).catch(() => []);
}

/** The user removed host access in the browser: the instances it covered are disconnected. */
export async function accessRemoved(deps: BackgroundDeps, removed: { origins?: string[] }): Promise<void> {
  const origins = removed.origins ?? [];
  for (const instance of await instancesItem.getValue()) {
    if (!origins.some((pattern) => patternCovers(pattern, instance.baseUrl))) continue;
    await setProblem(instance.baseUrl, {
      kind: 'disconnected',
      message: t('accessRemoved', hostOf(instance.baseUrl)),
    });
  }
  await resync(deps);
}

/** Host access came back (granted in the browser, or from the options page): those instances reconnect. */
export async function accessAdded(deps: BackgroundDeps, added: { origins?: string[] }): Promise<void> {
  const origins = added.origins ?? [];
  for (const instance of await instancesItem.getValue()) {
    if (instance.problem?.kind === 'disconnected' && origins.some((pattern) => patternCovers(pattern, instance.baseUrl))) {
      await setProblem(instance.baseUrl, null);
    }
  }
  await resync(deps);
}

/** The options page's "Allow access" for a disconnected instance, after the browser granted it. */
export async function restoreAccess(deps: BackgroundDeps, baseUrl: string): Promise<Result<{ instance: Instance }>> {
  const pattern = originPattern(baseUrl);
  if (!(await deps.browser.permissions.contains({ origins: [pattern] }))) {
    return { ok: false, error: t('noHostAccess', hostOf(baseUrl)), code: 'refused' };
  }
  await accessAdded(deps, { origins: [pattern] });
  const instance = (await instancesItem.getValue()).find((i) => i.baseUrl === baseUrl);
  return instance ? { ok: true, instance } : { ok: false, error: t('gitLabNotConnected'), code: 'not-connected' };
}

/**
 * Chrome lets content scripts read `storage.local` unless told otherwise; ours never need to, so
 * a compromised GitLab tab cannot read stored tokens there. Firefox (and older Chromes) support
 * this only for session storage, which is extension-only already.
 */
export async function keepStorageFromPages(deps: BackgroundDeps): Promise<void> {
  const local = deps.browser.storage.local as { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };
  try {
    await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    // Not supported for this storage area here.
  }
}
