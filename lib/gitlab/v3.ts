/**
 * API v3: GitLab 8.x and GitSwarm (Perforce's GitLab 8.x). The same client methods as v4, spoken
 * in v3's words (the seed documents in ../shared/seeds/):
 * - issue and merge request paths take the global `id`, not the `iid` a page URL shows: the id
 *   comes from `GET /projects/:id/issues?iid=N` (`merge_requests?iid=N`), once per item (ids never
 *   change, so they are cached);
 * - `GET /issues` lists only issues the user authored: assigned issues are found by listing the
 *   member projects (`GET /projects`, cached a few minutes) and their open issues, filtered on the
 *   singular `assignee`; lists embed no `time_stats`, so they are asked per issue (8.16+);
 * - time tracking exists from 8.16 only, and never takes a `summary`;
 * - a to-do is created with 201 (GitSwarm: 200) or 304, and done with `DELETE /todos/:id`;
 * - there is no GraphQL.
 */
import * as v from 'valibot';
import type { Answer, Call } from './transport';
import { MESSAGES, type GitLabError, type GitLabErrorInit } from './errors';
import { noteEntry, NoteSchema, TimeStatsSchema } from './schemas';
import type { AssignedIssue, GitLabClient, GitLabErrorKind, ItemRef, ProjectRef, TimeStats } from './types';

export interface V3Transport {
  baseUrl: string;
  send(call: Call): Promise<Answer>;
  call<S extends v.GenericSchema>(schema: S, call: Call): Promise<v.InferOutput<S>>;
  listAll<S extends v.GenericSchema>(schema: S, path: string, query: Record<string, string>, subject?: Call['subject']): Promise<v.InferOutput<S>[]>;
  fail(kind: GitLabErrorKind, message: string, init?: GitLabErrorInit): GitLabError;
  projectId(project: ProjectRef): string;
  itemIid(iid: number): string;
  wireDuration(seconds: number, allowNegative: boolean): string;
}

const id = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const person = v.object({ id });

const V3IssueSchema = v.object({
  id,
  iid: id,
  project_id: id,
  title: v.string(),
  // GitSwarm's lists leave web_url out: it is built from the project's.
  web_url: v.optional(v.string()),
  state: v.string(),
  labels: v.optional(v.array(v.string()), []),
  due_date: v.optional(v.nullable(v.string()), null),
  updated_at: v.string(),
  assignee: v.optional(v.nullable(person), null),
  // Not in v3; read in case a 9.x-10.x server answers v3 with v4's shapes.
  assignees: v.optional(v.array(person), []),
});
type V3Issue = v.InferOutput<typeof V3IssueSchema>;

const V3ProjectSchema = v.object({ id, path_with_namespace: v.string(), web_url: v.optional(v.string()) });
type V3Project = v.InferOutput<typeof V3ProjectSchema>;

/** Member projects are asked again after this long: a new project's issues show within minutes. */
export const PROJECTS_TTL_MS = 10 * 60_000;
const TIME_STATS_CONCURRENCY = 6;

// Module-level: the background makes a client per request, and these outlive each one.
const itemIds = new Map<string, number>();
const memberProjects = new Map<string, { at: number; projects: V3Project[] }>();

/** For tests. */
export function forgetV3Caches(): void {
  itemIds.clear();
  memberProjects.clear();
}

const NO_TIME: TimeStats = { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null };

export function createV3Methods(t: V3Transport, deps: { hasTimeTracking?: boolean; userId?: number | null }): Partial<GitLabClient> {
  const hasTimeTracking = deps.hasTimeTracking ?? true;
  let me: number | null = deps.userId ?? null;

  /** The item's global id, which v3 paths take. */
  async function globalId(item: ItemRef): Promise<number> {
    const projectKey = t.projectId(item.projectPath);
    const collection = collectionOf(item);
    const key = `${t.baseUrl} ${projectKey.toLowerCase()} ${collection} ${t.itemIid(item.iid)}`;
    const known = itemIds.get(key);
    if (known !== undefined) return known;
    const found = await t.call(v.array(v.object({ id, iid: id })), {
      method: 'GET',
      path: `/projects/${projectKey}/${collection}`,
      query: { iid: t.itemIid(item.iid) },
      subject: item.kind,
    });
    // Servers before `iid` was a filter answer with every item: pick the right one.
    const match = found.find((i) => i.iid === item.iid);
    if (!match) throw t.fail('not-found', `GitLab cannot find this ${item.kind === 'merge_request' ? 'merge request' : 'issue'}, or this account cannot see it.`, { status: 404 });
    itemIds.set(key, match.id);
    return match.id;
  }

  const itemPath = async (item: ItemRef, suffix: string) => `/projects/${t.projectId(item.projectPath)}/${collectionOf(item)}/${await globalId(item)}${suffix}`;

  function needsTimeTracking(): void {
    if (!hasTimeTracking) throw t.fail('not-found', MESSAGES.noTimeTracking, { status: 404 });
  }

  const timeStatsWrite = async (item: ItemRef, suffix: string, body?: Record<string, string>): Promise<TimeStats> => {
    needsTimeTracking();
    return t.call(TimeStatsSchema, { method: 'POST', path: await itemPath(item, suffix), subject: item.kind, ...(body ? { body } : {}) });
  };

  async function userId(): Promise<number> {
    if (me === null) {
      const answer = await t.call(v.object({ id }), { method: 'GET', path: '/user', subject: 'identity' });
      me = answer.id;
    }
    return me;
  }

  async function projects(user: number): Promise<V3Project[]> {
    const key = `${t.baseUrl} ${user}`;
    const cached = memberProjects.get(key);
    if (cached && Date.now() - cached.at < PROJECTS_TTL_MS) return cached.projects;
    const list = await t.listAll(V3ProjectSchema, '/projects', { order_by: 'id', sort: 'asc' });
    memberProjects.set(key, { at: Date.now(), projects: list });
    return list;
  }

  const noGraphql = async (): Promise<never> => {
    throw t.fail('not-found', 'This GitLab is too old for time logs on a chosen day (GraphQL, GitLab 15.3+).', { status: 404 });
  };

  return {
    getTimeStats: async (item) => {
      needsTimeTracking();
      return t.call(TimeStatsSchema, { method: 'GET', path: await itemPath(item, '/time_stats'), subject: item.kind });
    },
    setTimeEstimate: async (item, seconds) => timeStatsWrite(item, '/time_estimate', { duration: t.wireDuration(seconds, false) }),
    resetTimeEstimate: async (item) => timeStatsWrite(item, '/reset_time_estimate'),
    // v3 never took a summary.
    addSpentTime: async (item, seconds) => timeStatsWrite(item, '/add_spent_time', { duration: t.wireDuration(seconds, true) }),
    resetSpentTime: async (item) => timeStatsWrite(item, '/reset_spent_time'),

    addTodo: async (item) => {
      const answer = await t.send({ method: 'POST', path: await itemPath(item, '/todo'), subject: item.kind });
      return { created: answer.status !== 304 };
    },

    getItemId: async (item) => globalId(item),

    // v3 takes no order: every page is read (items rarely have many notes), newest first.
    itemNotes: async (item) => (await t.listAll(NoteSchema, await itemPath(item, '/notes'), {}, item.kind)).map(noteEntry).sort((a, b) => b.id - a.id),

    // API v3 lists merge requests only per project: the popup's list is for newer servers.
    listMyMergeRequests: async () => null,

    listAssignedIssues: async (opts = {}) => {
      const user = await userId();
      const state = opts.state ?? 'opened';
      const perProject = await Promise.all(
        (await projects(user)).map(async (project) => {
          const issues = await t.listAll(V3IssueSchema, `/projects/${project.id}/issues`, state === 'all' ? {} : { state });
          return issues
            .filter((issue) => issue.assignee?.id === user || issue.assignees.some((a) => a.id === user))
            .map((issue) => ({ issue, project }));
        }),
      );
      const found = perProject.flat();
      const stats = hasTimeTracking
        ? await mapLimit(found, TIME_STATS_CONCURRENCY, ({ issue, project }) =>
            t.call(TimeStatsSchema, { method: 'GET', path: `/projects/${project.id}/issues/${issue.id}/time_stats`, subject: 'issue' }),
          )
        : found.map(() => NO_TIME);
      return found.map(({ issue, project }, i) => toAssignedIssue(issue, project, stats[i] ?? NO_TIME));
    },

    markTodoDone: async (todoId) => {
      if (!Number.isSafeInteger(todoId) || todoId <= 0) throw t.fail('bad-request', MESSAGES.badTodo);
      await t.send({ method: 'DELETE', path: `/todos/${todoId}`, subject: 'todo' });
    },

    itemTimelogs: noGraphql,
    createTimelog: noGraphql,
    deleteTimelog: noGraphql,
    userTimelogs: noGraphql,
    getTokenInfo: async () => {
      throw t.fail('not-found', 'This GitLab does not describe its tokens.', { status: 404 });
    },
  };
}

function collectionOf(item: ItemRef): 'issues' | 'merge_requests' {
  return item.kind === 'merge_request' ? 'merge_requests' : 'issues';
}

function toAssignedIssue(issue: V3Issue, project: V3Project, timeStats: TimeStats): AssignedIssue {
  const projectUrl = project.web_url?.replace(/\/+$/, '');
  return {
    id: issue.id,
    iid: issue.iid,
    project_id: issue.project_id,
    title: issue.title,
    web_url: issue.web_url ?? `${projectUrl ?? ''}/issues/${issue.iid}`,
    state: issue.state,
    labels: issue.labels,
    due_date: issue.due_date,
    updated_at: issue.updated_at,
    references: { full: `${project.path_with_namespace}#${issue.iid}`, short: `#${issue.iid}`, relative: `#${issue.iid}` },
    time_stats: timeStats,
  };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
