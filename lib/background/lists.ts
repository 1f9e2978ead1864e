/**
 * What is waiting for the user on every connected GitLab: open issues assigned to them, open
 * merge requests assigned to them or waiting for their review, and pending to-dos. Each list is fetched per instance, in parallel, and cached in storage, where the
 * popup reads it to paint at once. One failing instance keeps its last good list and its own
 * error, and hides no other.
 */
import { itemLink, itemReference, sameOriginHttp } from '../model/item';
import { GitLabError, type GitLabClient, type Todo } from '../gitlab/client';
import type { MyWorkIssue, MyWorkMergeRequest } from '../gitlab/types';
import { listsOverGraphql } from '../gitlab/server-facts';
import { parseIssueUrl } from '../gitlab/page';
import type { AssignedIssueRow, ErrorCode, InstanceIssues, InstanceMergeRequests, InstanceTodos, MergeRequestRow, Result, TodoRow } from '../model/protocol';
import { assignedCacheItem, isFresh, mergeRequestsCacheItem, todosCacheItem, type JsonItem } from '../model/lists-cache';
import { instancesItem, outboxItem, type Instance } from '../model/storage';
import { clientFor, errorCode, errorMessage, findInstance, type BackgroundDeps } from './token-client';
import { t } from '../model/i18n';

function projectPathOf(issue: MyWorkIssue, baseUrl: string): string | null {
  const full = issue.references?.full;
  if (full && full.includes('#')) return full.slice(0, full.lastIndexOf('#'));
  return parseIssueUrl(issue.web_url, { basePath: new URL(baseUrl).pathname.replace(/\/$/, '') })?.fullPath ?? null;
}

export function toRow(instanceId: string, issue: MyWorkIssue): AssignedIssueRow | null {
  const projectPath = projectPathOf(issue, instanceId);
  if (!projectPath) return null;
  return {
    instanceId,
    id: issue.id,
    iid: issue.iid,
    projectPath,
    reference: `${projectPath}#${issue.iid}`,
    title: issue.title,
    // Links from the server lead only to pages of that GitLab (http(s), same origin).
    webUrl: itemLink({ instanceId, projectPath, kind: 'issue', iid: issue.iid, webUrl: issue.web_url }),
    labels: issue.labels,
    dueDate: issue.due_date,
    updatedAt: issue.updated_at,
    timeEstimate: issue.time_stats.time_estimate,
    totalTimeSpent: issue.time_stats.total_time_spent,
    humanTimeEstimate: issue.time_stats.human_time_estimate,
    humanTotalTimeSpent: issue.time_stats.human_total_time_spent,
  };
}

function mergeRequestPathOf(mr: MyWorkMergeRequest, baseUrl: string): string | null {
  const full = mr.references?.full;
  if (full && full.includes('!')) return full.slice(0, full.lastIndexOf('!'));
  const ref = parseIssueUrl(mr.web_url, { basePath: new URL(baseUrl).pathname.replace(/\/$/, '') });
  return ref?.kind === 'merge_request' && ref.iid === mr.iid ? ref.fullPath : null;
}

/** One merge request as the popup lists it; null when GitLab gives nothing to tell its project by. */
export function toMergeRequestRow(instanceId: string, mr: MyWorkMergeRequest, role: { assigned: boolean; reviewing: boolean }): MergeRequestRow | null {
  const projectPath = mergeRequestPathOf(mr, instanceId);
  if (!projectPath) return null;
  return {
    instanceId,
    id: mr.id,
    iid: mr.iid,
    projectPath,
    reference: itemReference({ projectPath, kind: 'merge_request', iid: mr.iid }),
    title: mr.title,
    // Links from the server lead only to pages of that GitLab (http(s), same origin).
    webUrl: itemLink({ instanceId, projectPath, kind: 'merge_request', iid: mr.iid, webUrl: mr.web_url }),
    updatedAt: mr.updated_at,
    ...role,
    timeEstimate: mr.time_stats.time_estimate,
    totalTimeSpent: mr.time_stats.total_time_spent,
    humanTimeEstimate: mr.time_stats.human_time_estimate,
    humanTotalTimeSpent: mr.time_stats.human_total_time_spent,
  };
}

/** Assigned and waiting for review in one list: a merge request in both is listed once, with both roles. */
export function mergeRequestRows(instanceId: string, assigned: MyWorkMergeRequest[], reviewing: MyWorkMergeRequest[]): MergeRequestRow[] {
  const byId = new Map<number, { mr: MyWorkMergeRequest; assigned: boolean; reviewing: boolean }>();
  for (const mr of assigned) byId.set(mr.id, { mr, assigned: true, reviewing: false });
  for (const mr of reviewing) {
    const known = byId.get(mr.id);
    if (known) known.reviewing = true;
    else byId.set(mr.id, { mr, assigned: false, reviewing: true });
  }
  return [...byId.values()].map(({ mr, ...role }) => toMergeRequestRow(instanceId, mr, role)).filter((r): r is MergeRequestRow => r !== null);
}

/** GitLab's reference sigils: `#` issues (and work items), `!` merge requests, `&` epics. */
const SIGIL: Record<string, string> = { Issue: '#', WorkItem: '#', MergeRequest: '!', Epic: '&' };

export function toTodoRow(instanceId: string, todo: Todo): TodoRow {
  const path = todo.project?.path_with_namespace ?? null;
  const iid = todo.target?.iid;
  const sigil = SIGIL[todo.target_type];
  const reference = path && sigil && iid !== undefined ? `${path}${sigil}${iid}` : path;
  return {
    instanceId,
    id: todo.id,
    actionName: todo.action_name,
    targetType: todo.target_type,
    reference,
    title: todo.target?.title?.trim() || todo.body.trim() || todo.target_type,
    // Some targets (deleted ones, some group-level ones) come without a URL: the to-do list itself still shows them.
    webUrl: sameOriginHttp(todo.target_url, instanceId) ? todo.target_url : `${instanceId}/dashboard/todos`,
    createdAt: todo.created_at,
  };
}

interface PerInstance {
  instance: Instance;
  error: string | null;
  errorCode?: ErrorCode;
  fetchedAt: number;
}

/** One list kind: where it is cached, how to fetch it, what an instance without any looks like. */
interface ListSource<E extends PerInstance> {
  name: string;
  cache: JsonItem<Record<string, E>>;
  fetch(client: GitLabClient, instance: Instance, deps: BackgroundDeps): Promise<Omit<E, keyof PerInstance>>;
  empty: Omit<E, keyof PerInstance>;
  /**
   * Instances whose cached list is known to be out of date, and so is not reused however fresh.
   * Kept in memory: a new worker falls back to the one-minute freshness.
   */
  stale: Set<string>;
}

function listOf<E extends PerInstance>(entry: E): Omit<E, keyof PerInstance> {
  const { instance: _instance, error: _error, errorCode: _code, fetchedAt: _fetchedAt, ...list } = entry;
  return list;
}

/** Fetches in flight, by list and instance: a second popup (or a quick reopen) shares them. */
const inFlight = new Map<string, Promise<PerInstance>>();

async function fetchOne<E extends PerInstance>(deps: BackgroundDeps, source: ListSource<E>, instance: Instance, previous: E | undefined): Promise<E> {
  const key = `${source.name} ${instance.baseUrl}`;
  let pending = inFlight.get(key) as Promise<E> | undefined;
  if (!pending) {
    pending = (async (): Promise<E> => {
      try {
        const client = await clientFor(deps, instance.baseUrl);
        if (!client) return { ...source.empty, instance, error: t('listNotConnected', instance.baseUrl), errorCode: 'not-connected', fetchedAt: 0 } as E;
        const data = await source.fetch(client, instance, deps);
        return { ...data, instance, error: null, fetchedAt: deps.now() } as E;
      } catch (error) {
        // The last good list stays on screen, dated, beside the error.
        const kept = previous ? listOf(previous) : source.empty;
        return { ...kept, instance, error: errorMessage(error), errorCode: errorCode(error), fetchedAt: previous?.fetchedAt ?? 0 } as E;
      } finally {
        inFlight.delete(key);
      }
    })();
    inFlight.set(key, pending);
  }
  return pending;
}

/**
 * Every connected instance's list. `refresh: false` reuses what was fetched under a minute ago
 * without an error; `true` fetches everything again.
 */
async function listAll<E extends PerInstance>(deps: BackgroundDeps, source: ListSource<E>, refresh: boolean): Promise<E[]> {
  const [instances, cache] = await Promise.all([instancesItem.getValue(), source.cache.getValue()]);
  const now = deps.now();
  const results = await Promise.all(
    instances.map((instance) => {
      const cached = cache[instance.baseUrl];
      if (!refresh && cached && !cached.error && isFresh(cached.fetchedAt, now) && !source.stale.has(instance.baseUrl)) return { ...cached, instance };
      source.stale.delete(instance.baseUrl);
      return fetchOne(deps, source, instance, cached);
    }),
  );
  // Re-read before writing: another list kind or a disconnect may have written meanwhile, and
  // only instances still connected are kept.
  const connected = new Set((await instancesItem.getValue()).map((i) => i.baseUrl));
  const latest = await source.cache.getValue();
  const next: Record<string, E> = {};
  for (const [baseUrl, entry] of Object.entries(latest)) if (connected.has(baseUrl)) next[baseUrl] = entry;
  for (const entry of results) if (connected.has(entry.instance.baseUrl)) next[entry.instance.baseUrl] = entry;
  await source.cache.setValue(next);
  return results.filter((r) => connected.has(r.instance.baseUrl));
}

/**
 * An instance's issues and merge requests from one set of GraphQL requests; null: ask REST. A
 * list that is null was not listed to the end (nobody wanted it any more, or GitLab has no root
 * `issues`): its asker lists it itself.
 */
type MyWork = { issues: AssignedIssueRow[] | null; mergeRequests: MergeRequestRow[] | null } | null;
type Kind = 'issues' | 'mergeRequests';

/**
 * The GraphQL fetch of both lists, by instance: the issue list and the merge request list each
 * ask for it, and the one that comes second takes the first one's answer (the popup asks for both
 * at once) rather than asking again. Each list takes an answer once, and only while it is on its
 * way or a moment after. A list nobody has claimed by the time it needs a second page is left
 * (one page more of merge requests than needed, never three of issues); then it cannot be taken.
 */
interface Shared { promise: Promise<MyWork>; settledAt: number | null; takenBy: Set<Kind>; dropped: Set<Kind> }
const together = new Map<string, Shared>();
const SHARED_FOR_MS = 2_000;

function myWork(deps: BackgroundDeps, client: GitLabClient, instance: Instance, list: Kind): Promise<MyWork> {
  const key = instance.baseUrl;
  const known = together.get(key);
  if (known && !known.takenBy.has(list) && !known.dropped.has(list) && (known.settledAt === null || deps.now() - known.settledAt < SHARED_FOR_MS)) {
    known.takenBy.add(list);
    if (known.takenBy.size >= 2) together.delete(key);
    return known.promise;
  }
  const entry: Shared = { promise: Promise.resolve(null), settledAt: null, takenBy: new Set([list]), dropped: new Set() };
  const keepGoing = (kind: Kind) => {
    if (entry.takenBy.has(kind)) return true;
    entry.dropped.add(kind);
    return false;
  };
  entry.promise = (async (): Promise<MyWork> => {
    try {
      const work = await client.listMyWork(instance.username, keepGoing);
      return {
        issues: work.issues && work.issues.map((i) => toRow(instance.baseUrl, i)).filter((r): r is AssignedIssueRow => r !== null),
        mergeRequests: work.mergeRequests && mergeRequestRows(instance.baseUrl, work.mergeRequests.assigned, work.mergeRequests.reviewing),
      };
    } catch (error) {
      // GitLab refused the query itself (a field this release lacks): REST lists both, as before 15.6.
      if (error instanceof GitLabError && error.kind === 'bad-request') return null;
      throw error;
    } finally {
      entry.settledAt = deps.now();
    }
  })();
  together.set(key, entry);
  return entry.promise;
}

/** Whether this instance's issues and merge requests come from GraphQL together. */
const overGraphql = (instance: Instance): boolean => !!instance.username && listsOverGraphql(instance.apiVersion, instance.gitlabVersion);

const assignedSource: ListSource<InstanceIssues> = {
  name: 'assigned',
  cache: assignedCacheItem,
  empty: { issues: [] },
  stale: new Set(),
  async fetch(client, instance, deps) {
    const work = overGraphql(instance) ? await myWork(deps, client, instance, 'issues') : null;
    if (work?.issues) return { issues: work.issues };
    const issues = await client.listAssignedIssues({ state: 'opened' });
    return { issues: issues.map((i) => toRow(instance.baseUrl, i)).filter((r): r is AssignedIssueRow => r !== null) };
  },
};

const todosSource: ListSource<InstanceTodos> = {
  name: 'todos',
  cache: todosCacheItem,
  empty: { todos: [] },
  stale: new Set(),
  async fetch(client, instance) {
    return { todos: (await client.listTodos()).map((t) => toTodoRow(instance.baseUrl, t)) };
  },
};

/** What an older GitLab cannot list, in the user's language (kept with the list it was said of). */
export const noReviewers = () => t('mrNoReviewers');
export const noMergeRequestList = () => t('mrNoList');

const mergeRequestsSource: ListSource<InstanceMergeRequests> = {
  name: 'mergeRequests',
  cache: mergeRequestsCacheItem,
  empty: { mergeRequests: [], limit: null },
  stale: new Set(),
  async fetch(client, instance, deps) {
    const work = overGraphql(instance) ? await myWork(deps, client, instance, 'mergeRequests') : null;
    // 15.6+ has reviewers: nothing to say about the list.
    if (work?.mergeRequests) return { mergeRequests: work.mergeRequests, limit: null };
    const mine = await client.listMyMergeRequests();
    if (!mine) return { mergeRequests: [], limit: noMergeRequestList() };
    return { mergeRequests: mergeRequestRows(instance.baseUrl, mine.assigned, mine.reviewing ?? []), limit: mine.reviewing ? null : noReviewers() };
  },
};

/**
 * A time log that left the outbox (delivered, usually) moved an issue's spent time: that
 * instance's list is refetched the next time the popup opens. Call once when the worker starts.
 */
export function watchLoggedTime(): void {
  outboxItem.watch((next, previous) => {
    const still = new Set((next ?? []).map((l) => l.id));
    for (const log of previous ?? []) {
      if (still.has(log.id)) continue;
      (log.item.kind === 'merge_request' ? mergeRequestsSource : assignedSource).stale.add(log.item.instanceId);
    }
  });
}

/** Each instance's open assigned issues. */
export function assignedIssues(deps: BackgroundDeps, refresh: boolean): Promise<InstanceIssues[]> {
  return listAll(deps, assignedSource, refresh);
}

/** Each instance's open merge requests assigned to the user or waiting for the user's review. */
export function myMergeRequests(deps: BackgroundDeps, refresh: boolean): Promise<InstanceMergeRequests[]> {
  return listAll(deps, mergeRequestsSource, refresh);
}

/** Each instance's pending to-dos. */
export function todos(deps: BackgroundDeps, refresh: boolean): Promise<InstanceTodos[]> {
  return listAll(deps, todosSource, refresh);
}

/** Marks one to-do done on its GitLab and drops it from the cache. */
export async function markTodoDone(deps: BackgroundDeps, instanceId: string, id: number): Promise<Result> {
  const client = (await findInstance(instanceId)) ? await clientFor(deps, instanceId) : null;
  if (!client) return { ok: false, error: t('gitLabNotConnected'), code: 'not-connected' };
  try {
    await client.markTodoDone(id);
  } catch (error) {
    // 404: done already (elsewhere, or a second click); what the user wanted is true.
    if (!(error instanceof GitLabError && error.kind === 'not-found')) return { ok: false, error: errorMessage(error), code: errorCode(error) };
  }
  const cache = await todosCacheItem.getValue();
  const entry = cache[instanceId];
  if (entry) await todosCacheItem.setValue({ ...cache, [instanceId]: { ...entry, todos: entry.todos.filter((t) => t.id !== id) } });
  return { ok: true };
}
