/**
 * The one place that turns a stored token into a GitLab client.
 *
 * `clientFor` is where a token is used, so it is where the rules about tokens live:
 * - requests go to the instance's own origin only;
 * - an OAuth access token is refreshed shortly before it expires, and once more when GitLab
 *   answers 401 `invalid_token`; when refreshing fails, the instance is marked for sign-in and
 *   the request fails with a 401 (the outbox keeps its logs for after the reconnect);
 * - a connection GitLab will not take changes through (a `read_api` token) refuses writes
 *   itself, with the reason, before anything is sent;
 * - an instance whose page access the browser removed gets no client at all.
 */
import type { BackgroundDeps } from './deps';
import { createGitLabClient, GitLabError, type GitLabClient } from '../gitlab/client';
import { OAuthError, refreshAccessToken } from '../gitlab/oauth';
import type { ErrorCode } from '../model/protocol';
import { instancesItem, tokensItem, type Instance, type StoredToken } from '../model/storage';
import { redetectServer } from './redetect';
import { t } from '../model/i18n';

export type { BackgroundDeps };

/** Refresh this long before the access token expires, so a request never leaves with a dying one. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export async function findInstance(instanceId: string): Promise<Instance | undefined> {
  return (await instancesItem.getValue()).find((i) => i.baseUrl === instanceId);
}

/** Records (or clears, with null) what the user must do about an instance. */
export async function setProblem(instanceId: string, problem: Instance['problem']): Promise<void> {
  const instances = await instancesItem.getValue();
  const current = instances.find((i) => i.baseUrl === instanceId);
  if (!current || JSON.stringify(current.problem ?? null) === JSON.stringify(problem ?? null)) return;
  await instancesItem.setValue(instances.map((i) => (i.baseUrl === instanceId ? { ...i, problem } : i)));
}

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

export function signInProblem(instance: Pick<Instance, 'baseUrl' | 'auth'>): NonNullable<Instance['problem']> {
  const host = hostOf(instance.baseUrl);
  return {
    kind: 'sign-in',
    message:
      instance.auth === 'oauth'
        ? t('signInEnded', host)
        : t('tokenRefused', host),
  };
}

/**
 * GitLab rotates refresh tokens: two refreshes at once would spend the same one twice and the
 * second would fail. So one refresh per instance at a time, shared by everyone who needs it.
 */
const refreshes = new Map<string, Promise<StoredToken | 'failed' | 'unavailable'>>();

/**
 * A fresh access token for an OAuth instance. `failed`: GitLab refused the refresh token (the
 * instance is marked for sign-in); `unavailable`: GitLab could not be asked just now.
 */
function refreshed(deps: BackgroundDeps, instance: Instance, spent: StoredToken): Promise<StoredToken | 'failed' | 'unavailable'> {
  const key = instance.baseUrl;
  let running = refreshes.get(key);
  if (!running) {
    running = refreshNow(deps, instance, spent).finally(() => refreshes.delete(key));
    refreshes.set(key, running);
  }
  return running;
}

async function refreshNow(deps: BackgroundDeps, instance: Instance, spent: StoredToken): Promise<StoredToken | 'failed' | 'unavailable'> {
  const latest = (await tokensItem.getValue())[instance.baseUrl];
  if (!latest) return 'failed';
  // Someone refreshed since this token was read: theirs is the one to use.
  if (latest.token !== spent.token) return latest;
  if (!latest.refreshToken || !latest.clientId || !latest.redirectUri) {
    await setProblem(instance.baseUrl, signInProblem(instance));
    return 'failed';
  }
  try {
    const next = await refreshAccessToken(
      instance.baseUrl,
      { clientId: latest.clientId, refreshToken: latest.refreshToken, redirectUri: latest.redirectUri },
      { fetch: deps.fetch, now: deps.now },
    );
    const stored: StoredToken = { ...latest, token: next.accessToken, refreshToken: next.refreshToken, expiresAt: next.expiresAt };
    const tokens = await tokensItem.getValue();
    // Disconnected meanwhile: the new tokens are not kept.
    if (tokens[instance.baseUrl]?.refreshToken !== latest.refreshToken) return 'failed';
    await tokensItem.setValue({ ...tokens, [instance.baseUrl]: stored });
    await setProblem(instance.baseUrl, null);
    return stored;
  } catch (error) {
    if (error instanceof OAuthError && (error.kind === 'invalid-grant' || error.kind === 'invalid-client')) {
      await setProblem(instance.baseUrl, signInProblem(instance));
      return 'failed';
    }
    return 'unavailable';
  }
}

async function isInvalidToken(response: Response): Promise<boolean> {
  if (/invalid_token/.test(response.headers.get('WWW-Authenticate') ?? '')) return true;
  const body = await response
    .clone()
    .json()
    .catch(() => null);
  if (typeof body !== 'object' || body === null) return false;
  // REST says `invalid_token`; GraphQL answers 401 `{"errors":[{"message":"Invalid token"}]}`.
  const { error, errors } = body as { error?: unknown; errors?: Array<{ message?: unknown }> };
  return error === 'invalid_token' || (Array.isArray(errors) && errors.some((e) => e?.message === 'Invalid token'));
}

/** Thrown into the client, which reports it as an unreachable GitLab: worth retrying later. */
function unavailable(): TypeError {
  return new TypeError('GitLab could not be asked for a new access token.');
}

/** Which client calls change something in GitLab. Every method must be named here (fail closed). */
const ACCESS: Record<keyof GitLabClient, 'read' | 'write'> = {
  getUser: 'read',
  getVersion: 'read',
  getTokenInfo: 'read',
  getTimeStats: 'read',
  listAssignedIssues: 'read',
  listMyMergeRequests: 'read',
  listMyWork: 'read',
  listTodos: 'read',
  getItemId: 'read',
  itemTimelogs: 'read',
  listTimes: 'read',
  itemNotes: 'read',
  userTimelogs: 'read',
  setTimeEstimate: 'write',
  resetTimeEstimate: 'write',
  addSpentTime: 'write',
  resetSpentTime: 'write',
  addTodo: 'write',
  markTodoDone: 'write',
  createTimelog: 'write',
  deleteTimelog: 'write',
};

/** A client whose writes fail with the reason, without a request. */
export function readOnlyClient(client: GitLabClient, reason: string): GitLabClient {
  const refuse = async () => {
    throw new GitLabError('insufficient-scope', reason);
  };
  return Object.fromEntries(
    Object.entries(client).map(([name, method]) => [name, ACCESS[name as keyof GitLabClient] === 'read' ? method : refuse]),
  ) as unknown as GitLabClient;
}

export async function clientFor(deps: BackgroundDeps, instanceId: string): Promise<GitLabClient | null> {
  const instance = await findInstance(instanceId);
  if (!instance || instance.problem?.kind === 'disconnected') return null;
  let stored = (await tokensItem.getValue())[instanceId];
  if (!stored) return null;
  if (stored.type === 'oauth' && (stored.expiresAt ?? 0) - deps.now() < REFRESH_MARGIN_MS) {
    const fresh = await refreshed(deps, instance, stored);
    if (typeof fresh === 'object') stored = fresh;
  }

  let current = stored;
  const origin = new URL(instanceId).origin;
  // An OAuth client outlives a refresh (a list of many pages, say): each request carries the
  // newest access token, and a 401 is answered for the token that request actually used.
  const withToken = (init: RequestInit | undefined, token: StoredToken): RequestInit | undefined => {
    if (token.type !== 'oauth') return init;
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token.token}`);
    return { ...init, headers };
  };
  const fetchForInstance = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // The client builds every URL from the base URL; this makes it a rule rather than a habit.
    if (new URL(input instanceof Request ? input.url : String(input)).origin !== origin) {
      throw new TypeError('Timekeeper sends a GitLab token only to that GitLab.');
    }
    const used = current;
    let response = await deps.fetch(input, withToken(init, used));
    if (response.status === 401 && used.type === 'oauth' && (await isInvalidToken(response))) {
      const fresh = await refreshed(deps, instance, used);
      if (fresh === 'unavailable') throw unavailable();
      if (fresh !== 'failed') {
        current = fresh;
        response = await deps.fetch(input, withToken(init, fresh));
      }
    }
    if (response.status === 401) await setProblem(instanceId, signInProblem(instance));
    else if (response.ok && instance.problem?.kind === 'sign-in') await setProblem(instanceId, null);
    return response;
  };
  const client = createGitLabClient(
    { baseUrl: instanceId, token: stored.token, tokenType: stored.type },
    {
      fetch: fetchForInstance,
      // The API and version found at connect (lib/gitlab/detect.ts): the client speaks the server's era.
      apiVersion: instance.apiVersion === 'v3' ? 'v3' : 'v4',
      gitlabVersion: instance.gitlabVersion,
      userId: instance.userId,
      hasTimeTracking: instance.hasTimeTracking ?? true,
      onServerChanged: () => void redetectServer(deps, instanceId),
    },
  );
  return instance.readOnlyReason ? readOnlyClient(client, instance.readOnlyReason) : client;
}

export function errorCode(error: unknown): ErrorCode {
  if (!(error instanceof GitLabError)) return 'server';
  switch (error.kind) {
    case 'unauthorized':
      return 'unauthorized';
    case 'forbidden':
    case 'insufficient-scope':
      return 'forbidden';
    case 'not-found':
      return 'not-found';
    case 'bad-request':
      return 'bad-input';
    case 'network':
    case 'timeout':
      return 'offline';
    default:
      return 'server';
  }
}

/** Words for a person. GitLabError messages are written for people and never carry a token. */
export function errorMessage(error: unknown): string {
  if (error instanceof GitLabError) return error.message;
  return t('internalError');
}
