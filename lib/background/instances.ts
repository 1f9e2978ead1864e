/**
 * Connecting GitLabs. The token arrives once from the options page, is checked against
 * `GET /user`, and from then on lives only in the background's storage.
 */
import { createGitLabClient, GitLabError, normaliseBaseUrl } from '../gitlab/client';
import type { Result } from '../messaging';
import { forgetInstanceLists } from '../popup/storage';
import { instancesItem, tokensItem, type Instance } from '../storage';
import { errorCode, errorMessage, type BackgroundDeps } from './context';
import { syncContentScripts } from './content-scripts';
import { storage } from 'wxt/utils/storage';

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

function connectError(error: unknown, baseUrl: string): string {
  if (!(error instanceof GitLabError)) return errorMessage(error);
  const host = hostOf(baseUrl);
  switch (error.kind) {
    case 'unauthorized':
      return `${host} refused this access token: it is wrong, expired or revoked. Create a personal access token with the api scope and paste it again.`;
    case 'not-found':
    case 'not-gitlab':
    case 'malformed':
      return `${host} does not look like a GitLab server: it did not answer GitLab's API. Check the URL.`;
    case 'network':
    case 'timeout':
      return `Could not reach ${host}. Check the URL, your connection or VPN, and try again.`;
    default:
      return error.message;
  }
}

export async function connect(
  deps: BackgroundDeps,
  input: { baseUrl: string; token: string },
): Promise<Result<{ instance: Instance; pageAccess: boolean }>> {
  const normalised = normaliseBaseUrl(input.baseUrl);
  if (!normalised.ok) return { ok: false, error: normalised.error, code: 'bad-input' };
  const baseUrl = normalised.baseUrl;
  // No host-permission precondition: GitLab's API answers cross-origin requests (CORS), so the
  // popup works even if the user declines page access; only the issue-page widget needs it.
  const token = input.token.trim();
  const client = createGitLabClient({ baseUrl, token }, { fetch: deps.fetch });
  let user;
  try {
    user = await client.getUser();
  } catch (error) {
    return { ok: false, error: connectError(error, baseUrl), code: errorCode(error) };
  }
  const version = await client.getVersion().then((v) => v.version, () => null);
  const instance: Instance = {
    baseUrl,
    userId: user.id,
    username: user.username,
    name: user.name,
    avatarUrl: user.avatar_url,
    connectedAt: deps.now(),
    gitlabVersion: version,
  };
  const [instances, tokens] = await Promise.all([instancesItem.getValue(), tokensItem.getValue()]);
  await storage.setItems([
    { item: instancesItem, value: [...instances.filter((i) => i.baseUrl !== baseUrl), instance] },
    { item: tokensItem, value: { ...tokens, [baseUrl]: { token, type: 'private' } } },
  ]);
  const missing = await syncContentScripts(deps.browser, [...instances.map((i) => i.baseUrl), baseUrl]).catch(() => [baseUrl]);
  return { ok: true, instance, pageAccess: !missing.includes(baseUrl) };
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
  await syncContentScripts(deps.browser, rest.map((i) => i.baseUrl)).catch(() => []);
  return { ok: true };
}
