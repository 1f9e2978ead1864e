/**
 * Connecting GitLabs. The token arrives once from the options page, is checked against
 * `GET /user`, and from then on lives only in the background's storage.
 */
import { createGitLabClient, GitLabError, normaliseBaseUrl, type AssignedIssue } from '../gitlab/client';
import { parseIssueUrl } from '../gitlab/page';
import type { AssignedIssueRow, InstanceIssues, Result } from '../messaging';
import { instancesItem, tokensItem, type Instance } from '../storage';
import { clientFor, errorCode, errorMessage, type BackgroundDeps } from './context';
import { syncContentScripts } from './content-scripts';
import { storage } from 'wxt/utils/storage';

export const assignedCacheItem = storage.defineItem<Record<string, InstanceIssues>>('local:assignedCache', { fallback: {}, version: 1 });

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
  const [instances, tokens, cache] = await Promise.all([instancesItem.getValue(), tokensItem.getValue(), assignedCacheItem.getValue()]);
  const rest = instances.filter((i) => i.baseUrl !== baseUrl);
  const { [baseUrl]: _token, ...otherTokens } = tokens;
  const { [baseUrl]: _cache, ...otherCache } = cache;
  await storage.setItems([
    { item: instancesItem, value: rest },
    { item: tokensItem, value: otherTokens },
    { item: assignedCacheItem, value: otherCache },
  ]);
  await syncContentScripts(deps.browser, rest.map((i) => i.baseUrl)).catch(() => []);
  return { ok: true };
}

function projectPathOf(issue: AssignedIssue, baseUrl: string): string | null {
  const full = issue.references?.full;
  if (full && full.includes('#')) return full.slice(0, full.lastIndexOf('#'));
  return parseIssueUrl(issue.web_url, { basePath: new URL(baseUrl).pathname.replace(/\/$/, '') })?.fullPath ?? null;
}

export function toRow(instanceId: string, issue: AssignedIssue): AssignedIssueRow | null {
  const projectPath = projectPathOf(issue, instanceId);
  if (!projectPath) return null;
  return {
    instanceId,
    id: issue.id,
    iid: issue.iid,
    projectPath,
    reference: `${projectPath}#${issue.iid}`,
    title: issue.title,
    webUrl: issue.web_url,
    labels: issue.labels,
    dueDate: issue.due_date,
    updatedAt: issue.updated_at,
    timeEstimate: issue.time_stats.time_estimate,
    totalTimeSpent: issue.time_stats.total_time_spent,
    humanTimeEstimate: issue.time_stats.human_time_estimate,
    humanTotalTimeSpent: issue.time_stats.human_total_time_spent,
  };
}

/** Each instance's open assigned issues; one failing instance shows its error and hides no other. */
export async function assignedIssues(deps: BackgroundDeps, refresh: boolean): Promise<InstanceIssues[]> {
  const instances = await instancesItem.getValue();
  const cache = await assignedCacheItem.getValue();
  if (!refresh && instances.every((i) => cache[i.baseUrl])) {
    return instances.map((i) => cache[i.baseUrl]!);
  }
  const results = await Promise.all(
    instances.map(async (instance): Promise<InstanceIssues> => {
      const client = await clientFor(deps, instance.baseUrl);
      try {
        if (!client) throw new Error('not connected');
        const issues = await client.listAssignedIssues({ state: 'opened' });
        const rows = issues.map((i) => toRow(instance.baseUrl, i)).filter((r): r is AssignedIssueRow => r !== null);
        return { instance, issues: rows, error: null, fetchedAt: deps.now() };
      } catch (error) {
        const previous = cache[instance.baseUrl];
        return { instance, issues: previous?.issues ?? [], error: errorMessage(error), fetchedAt: previous?.fetchedAt ?? 0 };
      }
    }),
  );
  const fresh = Object.fromEntries(results.filter((r) => !r.error).map((r) => [r.instance.baseUrl, r]));
  await assignedCacheItem.setValue({ ...cache, ...fresh });
  return results;
}
