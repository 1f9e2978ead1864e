// The GitLab REST (v4) client. Only the background uses it: it is the one place
// that holds the token. Every answer is validated; every failure is a GitLabError.
import * as v from 'valibot';
import { durationParam } from './duration';
import { idNumber } from './global-id';
import { t } from '../model/i18n';
import { GitLabError, MESSAGES, errorFromResponse, type GitLabErrorInit, type Subject } from './errors';
import {
  AssignedIssueSchema,
  MyMergeRequestSchema,
  GraphqlEnvelopeSchema,
  ItemIdSchema,
  ItemTimelogsSchema,
  ListTimesSchema,
  MyWorkPageSchema,
  NoteSchema,
  noteEntry,
  TimelogCreateSchema,
  TimelogMutationSchema,
  TimesheetPageSchema,
  timeStatsOf,
  TimeStatsSchema,
  TodoSchema,
  TokenInfoSchema,
  UserSchema,
  VersionSchema,
} from './schemas';
import type { GitLabAuth, GitLabClient, GitLabErrorKind, ItemRef, MyWorkIssue, MyWorkMergeRequest, ProjectRef, UserTimelog } from './types';
import { assignedIssuesQuery, hasReviewers, myMergeRequestsScope, takesTimelogSummary, type ApiVersion } from './server-facts';
import type { Answer, Call } from './transport';
import { createV3Methods } from './v3';

export type { Answer, Call } from './transport';

export type * from './types';
export { GitLabError, isGitLabError } from './errors';

export interface GitLabClientDeps {
  fetch?: typeof fetch;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  /**
   * The REST API the server speaks (lib/gitlab/detect.ts): `v4` (default) or `v3` (GitLab 8.x and
   * GitSwarm, lib/gitlab/v3.ts). The client's methods are the same either way.
   */
  apiVersion?: ApiVersion;
  /** The server's version where known: picks the assigned-issues query and whether `summary` is sent. */
  gitlabVersion?: string | null;
  /** The signed-in user's id where known (9.0-9.4 and v3 find assigned issues by it). */
  userId?: number | null;
  /** False on servers without the time tracking API (8.15 and older, GitSwarm): v3 lists then skip time_stats. */
  hasTimeTracking?: boolean;
  /**
   * Called when GitLab answers as if the API or a route were gone (410, or a 404 for the route
   * itself rather than a project or issue): the server may have been upgraded or replaced.
   */
  onServerChanged?: () => void;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const PER_PAGE = 100;
const PAGE_CONCURRENCY = 4;
/** 10,000 items; a guard against a server that never stops offering a next page. */
const MAX_PAGES = 100;


const NOT_JSON = Symbol('not JSON');


/**
 * The popup's lists in one query (`listMyWork`): the root `issues` (15.6+; `assigneeUsernames`,
 * `state: IssuableState`) and the current user's merge request lists (`state: MergeRequestState`),
 * each left out with `@include` once it has no next page. Names from GitLab's schema
 * (tests/fake-gitlab/graphql/gitlab-schema.graphql, which the stand-in checks queries against).
 */
const MY_WORK_ITEM = 'id iid title webUrl reference(full: true) updatedAt timeEstimate totalTimeSpent humanTimeEstimate humanTotalTimeSpent';
const MY_WORK_PAGE = `pageInfo { hasNextPage endCursor } nodes { ${MY_WORK_ITEM}`;
const MY_WORK_QUERY = [
  'query PopupLists($username: String!, $withIssues: Boolean!, $issuesAfter: String, $withAssigned: Boolean!, $assignedAfter: String, $withReviews: Boolean!, $reviewsAfter: String) {',
  `  issues(assigneeUsernames: [$username], state: opened, first: 100, after: $issuesAfter) @include(if: $withIssues) { ${MY_WORK_PAGE} dueDate labels(first: 100) { nodes { title } } } }`,
  '  currentUser {',
  `    assignedMergeRequests(state: opened, first: 100, after: $assignedAfter) @include(if: $withAssigned) { ${MY_WORK_PAGE} } }`,
  `    reviewRequestedMergeRequests(state: opened, first: 100, after: $reviewsAfter) @include(if: $withReviews) { ${MY_WORK_PAGE} } }`,
  '  }',
  '}',
].join('\n');

export function createGitLabClient(auth: GitLabAuth, deps: GitLabClientDeps = {}): GitLabClient {
  const baseUrl = auth.baseUrl.replace(/\/+$/, '');
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Called through a wrapper: a bare reference to window.fetch throws "Illegal invocation".
  const doFetch: typeof fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const host = hostOf(baseUrl);
  const apiVersion: ApiVersion = deps.apiVersion ?? 'v4';

  function fail(kind: GitLabErrorKind, message: string, init: GitLabErrorInit = {}): GitLabError {
    return redact(new GitLabError(kind, message, init), auth.token);
  }

  function authHeaders(): Record<string, string> {
    return auth.tokenType === 'oauth' ? { Authorization: `Bearer ${auth.token}` } : { 'PRIVATE-TOKEN': auth.token };
  }

  async function send(call: Call): Promise<Answer> {
    const url = new URL(call.graphql ? `${baseUrl}/api/graphql` : `${baseUrl}/api/${apiVersion}${call.path}`);
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders() };
    if (call.body) headers['Content-Type'] = 'application/json';
    const write = call.method !== 'GET';

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url.toString(), {
        method: call.method,
        headers,
        ...(call.body ? { body: JSON.stringify(call.body) } : {}),
        credentials: 'omit',
        // A redirect could lead anywhere, and fetch would carry PRIVATE-TOKEN along.
        redirect: 'manual',
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      // Once a write has left, a lost answer does not mean GitLab did nothing.
      // The cause is not kept: its text is outside our control and errors get logged.
      if (controller.signal.aborted || isAbort(cause)) {
        throw fail('timeout', MESSAGES.timeout(host, timeoutMs), { ambiguous: write });
      }
      throw fail('network', MESSAGES.network(host), { ambiguous: write });
    } finally {
      clearTimeout(timer);
    }

    // Browsers answer a redirect with an opaque status-0 response; Node shows the 3xx itself.
    if (response.type === 'opaqueredirect' || [301, 302, 303, 307, 308].includes(response.status)) {
      throw fail('not-gitlab', MESSAGES.redirected(host), { status: response.status });
    }
    const data = parseBody(text);
    if (response.status >= 400) {
      if (isRouteGone(response.status, data)) deps.onServerChanged?.();
      const error = errorFromResponse(response.status, response.headers, data === NOT_JSON ? undefined : data, {
        host,
        subject: call.subject,
        write,
      });
      throw redact(error, auth.token);
    }
    return { status: response.status, headers: response.headers, data };
  }

  function validate<S extends v.GenericSchema>(schema: S, answer: Answer, call: Call): v.InferOutput<S> {
    const write = call.method !== 'GET';
    const result = v.safeParse(schema, answer.data);
    if (!result.success) {
      // A login page or another service's JSON at /api/v4/user: not a GitLab API.
      if (call.subject === 'identity') throw fail('not-gitlab', MESSAGES.notGitLab(host), { status: answer.status });
      // A 2xx on a write means GitLab probably applied it; the caller must check before retrying.
      throw fail('malformed', write ? MESSAGES.malformedWrite : MESSAGES.malformed, {
        status: answer.status,
        ambiguous: write,
      });
    }
    return result.output;
  }

  async function call<S extends v.GenericSchema>(schema: S, c: Call): Promise<v.InferOutput<S>> {
    return validate(schema, await send(c), c);
  }

  async function listAll<S extends v.GenericSchema>(schema: S, path: string, query: Record<string, string>, subject: Subject = 'account'): Promise<v.InferOutput<S>[]> {
    const getPage = async (pageQuery: Record<string, string>) => {
      const c: Call = { method: 'GET', path, query: pageQuery, subject };
      const answer = await send(c);
      return { items: validate(v.array(schema), answer, c) as v.InferOutput<S>[], headers: answer.headers };
    };

    const firstQuery = { ...query, per_page: String(PER_PAGE), page: '1' };
    const first = await getPage(firstQuery);
    const totalPages = positiveInt(first.headers.get('X-Total-Pages'));
    if (totalPages !== null) {
      const rest = range(2, Math.min(totalPages, MAX_PAGES));
      const pages = await mapLimit(rest, PAGE_CONCURRENCY, (page) => getPage({ ...firstQuery, page: String(page) }));
      return [first, ...pages].flatMap((p) => p.items);
    }

    // gitlab.com leaves out X-Total(-Pages) on large sets: walk X-Next-Page or Link.
    const items = [...first.items];
    let current = first;
    let currentPage = 1;
    for (let fetched = 1; fetched < MAX_PAGES; fetched++) {
      const next = nextPageQuery(current.headers, firstQuery, currentPage);
      if (next === null) break;
      current = await getPage(next);
      currentPage = positiveInt(next.page ?? null) ?? currentPage + 1;
      items.push(...current.items);
    }
    return items;
  }

  /** `/projects/:id/issues/:iid…` or `/projects/:id/merge_requests/:iid…`. */
  function itemPath(item: ItemRef, suffix: string): string {
    return `/projects/${projectId(item.projectPath)}/${item.kind === 'merge_request' ? 'merge_requests' : 'issues'}/${itemIid(item.iid)}${suffix}`;
  }

  function projectId(project: ProjectRef): string {
    if (typeof project === 'number') {
      if (Number.isSafeInteger(project) && project > 0) return String(project);
    } else if (typeof project === 'string') {
      const path = project.trim().replace(/^\/+|\/+$/g, '');
      if (path !== '') return encodeURIComponent(path);
    }
    throw fail('bad-request', t('errBadProject'));
  }

  function itemIid(iid: number): string {
    if (Number.isSafeInteger(iid) && iid > 0) return String(iid);
    throw fail('bad-request', t('errBadIid'));
  }

  /** Seconds as GitLab's `duration` parameter; what GitLab would refuse never leaves. */
  function wireDuration(seconds: number, allowNegative: boolean): string {
    const text = durationParam(seconds);
    if (text === null || (seconds < 0 && !allowNegative)) throw fail('bad-request', t('errBadDuration'));
    return text;
  }

  /** GitLab answers GraphQL errors with 200: they are turned into GitLabErrors here. */
  async function graphql<S extends v.GenericSchema>(operationName: string, query: string, variables: Record<string, unknown>, schema: S, write: boolean | 'get') {
    // GitLab takes queries by GET too (graphql_controller.rb; mutations are refused there): a
    // read that is a GET is a read to anyone watching the traffic, the read-only checks included.
    const c: Call =
      write === 'get'
        ? { method: 'GET', path: '/api/graphql', graphql: true, query: { operationName, query, variables: JSON.stringify(variables) }, subject: 'issue' }
        : { method: 'POST', path: '/api/graphql', graphql: true, body: { operationName, query, variables }, subject: 'issue' };
    const answer = await send(c);
    const top = v.safeParse(GraphqlEnvelopeSchema, answer.data);
    if (top.success && top.output.errors?.length) {
      throw fail('bad-request', MESSAGES.refused(top.output.errors.map((e) => e.message).join('; ')), { status: answer.status });
    }
    return validate(schema, { ...answer, data: top.success ? top.output.data : undefined }, { ...c, method: write === true ? 'POST' : 'GET' });
  }

  const timeStatsWrite = async (item: ItemRef, suffix: string, body?: Record<string, string>) =>
    call(TimeStatsSchema, { method: 'POST', path: itemPath(item, suffix), subject: item.kind, ...(body ? { body } : {}) });

  // Every method is async so that bad arguments reject like any other failure.
  const v4: GitLabClient = {
    getUser: async () => call(UserSchema, { method: 'GET', path: '/user', subject: 'identity' }),

    getVersion: async () => call(VersionSchema, { method: 'GET', path: '/version', subject: 'identity' }),

    getTokenInfo: async () => call(TokenInfoSchema, { method: 'GET', path: '/personal_access_tokens/self', subject: 'account' }),

    getTimeStats: async (item) => call(TimeStatsSchema, { method: 'GET', path: itemPath(item, '/time_stats'), subject: item.kind }),

    setTimeEstimate: async (item, seconds) => timeStatsWrite(item, '/time_estimate', { duration: wireDuration(seconds, false) }),

    resetTimeEstimate: async (item) => timeStatsWrite(item, '/reset_time_estimate'),

    addSpentTime: async (item, seconds, summary) => {
      const body: Record<string, string> = { duration: wireDuration(seconds, true) };
      // `summary` arrived in about 14.2: older servers are not sent it.
      if (summary?.trim() && takesTimelogSummary(deps.gitlabVersion)) body.summary = summary.trim();
      return timeStatsWrite(item, '/add_spent_time', body);
    },

    resetSpentTime: async (item) => timeStatsWrite(item, '/reset_spent_time'),

    addTodo: async (item) => {
      const answer = await send({ method: 'POST', path: itemPath(item, '/todo'), subject: item.kind });
      // 304 Not Modified: the user already has a to-do for this issue.
      return { created: answer.status !== 304 };
    },

    listAssignedIssues: async (opts = {}) => {
      const query = { state: opts.state ?? 'opened' };
      // A known version is asked in its own words; an unknown one as today's servers, then as 9.5-10.x.
      const known = assignedIssuesQuery(deps.gitlabVersion, deps.userId ?? null);
      if (known) return listAll(AssignedIssueSchema, '/issues', { ...query, ...known });
      try {
        return await listAll(AssignedIssueSchema, '/issues', { ...query, scope: 'assigned_to_me' });
      } catch (error) {
        // 9.5-10.x only know the hyphenated spelling and answer 400 to the other.
        if (error instanceof GitLabError && error.kind === 'bad-request') {
          return listAll(AssignedIssueSchema, '/issues', { ...query, scope: 'assigned-to-me' });
        }
        throw error;
      }
    },

    listMyMergeRequests: async () => {
      const scope = myMergeRequestsScope(deps.gitlabVersion);
      if (scope === null) return null;
      const opened = { state: 'opened' };
      const reviewer = hasReviewers(deps.gitlabVersion) ? (deps.userId ?? (await v4.getUser()).id) : null;
      const [assigned, reviewing] = await Promise.all([
        listAll(MyMergeRequestSchema, '/merge_requests', { ...opened, scope }),
        reviewer === null ? null : listAll(MyMergeRequestSchema, '/merge_requests', { ...opened, scope: 'all', reviewer_id: String(reviewer) }),
      ]);
      return { assigned, reviewing };
    },

    listTodos: async () => listAll(TodoSchema, '/todos', {}),

    listMyWork: async (username, keepGoing = () => true) => {
      type Page = v.InferOutput<typeof MyWorkPageSchema>;
      type ItemNode = NonNullable<NonNullable<NonNullable<Page['currentUser']>['assignedMergeRequests']>['nodes']>[number];
      // Each list's cursor while it has more; null once done (or not asked for).
      const after: Record<'issues' | 'assigned' | 'reviews', string | null | undefined> = { issues: undefined, assigned: undefined, reviews: undefined };
      const issues: MyWorkIssue[] = [];
      const assigned: MyWorkMergeRequest[] = [];
      const reviewing: MyWorkMergeRequest[] = [];
      let issuesListed = true;
      let mergeRequestsListed = true;
      const common = (n: NonNullable<ItemNode>) => ({
        id: idNumber(n.id),
        iid: Number(n.iid),
        title: n.title,
        web_url: n.webUrl ?? '',
        state: 'opened',
        updated_at: n.updatedAt,
        time_stats: timeStatsOf(n),
      });
      const sigilled = (n: NonNullable<ItemNode>, sigil: string) => ({ full: n.reference, short: `${sigil}${n.iid}`, relative: `${sigil}${n.iid}` });
      const next = (page: { pageInfo: { hasNextPage: boolean; endCursor?: string | null | undefined } } | null | undefined) =>
        page?.pageInfo.hasNextPage && page.pageInfo.endCursor ? page.pageInfo.endCursor : null;
      for (let request = 0; request < MAX_PAGES && Object.values(after).some((c) => c !== null); request++) {
        // Past the first request, a list nobody wants any more is dropped, not followed.
        if (request > 0 && after.issues !== null && !keepGoing('issues')) {
          after.issues = null;
          issuesListed = false;
        }
        if (request > 0 && (after.assigned !== null || after.reviews !== null) && !keepGoing('mergeRequests')) {
          after.assigned = after.reviews = null;
          mergeRequestsListed = false;
        }
        if (Object.values(after).every((c) => c === null)) break;
        const variables = {
          username,
          withIssues: after.issues !== null, issuesAfter: after.issues ?? null,
          withAssigned: after.assigned !== null, assignedAfter: after.assigned ?? null,
          withReviews: after.reviews !== null, reviewsAfter: after.reviews ?? null,
        };
        const data: Page = await graphql('PopupLists', MY_WORK_QUERY, variables, MyWorkPageSchema, false);
        if (variables.withIssues) {
          if (data.issues === null || data.issues === undefined) issuesListed = false;
          for (const n of data.issues?.nodes ?? []) {
            if (n) issues.push({ ...common(n), labels: (n.labels?.nodes ?? []).flatMap((l) => (l ? [l.title] : [])), due_date: n.dueDate ? n.dueDate.slice(0, 10) : null, references: sigilled(n, '#') });
          }
          after.issues = next(data.issues);
        }
        const user = data.currentUser;
        if ((variables.withAssigned || variables.withReviews) && !user) throw fail('malformed', MESSAGES.malformed, { status: 200 });
        if (variables.withAssigned) {
          for (const n of user?.assignedMergeRequests?.nodes ?? []) if (n) assigned.push({ ...common(n), references: sigilled(n, '!') });
          after.assigned = next(user?.assignedMergeRequests);
        }
        if (variables.withReviews) {
          for (const n of user?.reviewRequestedMergeRequests?.nodes ?? []) if (n) reviewing.push({ ...common(n), references: sigilled(n, '!') });
          after.reviews = next(user?.reviewRequestedMergeRequests);
        }
      }
      return { issues: issuesListed ? issues : null, mergeRequests: mergeRequestsListed ? { assigned, reviewing } : null };
    },

    getItemId: async (item) => (await call(ItemIdSchema, { method: 'GET', path: itemPath(item, ''), subject: item.kind })).id,

    itemTimelogs: async (item) => {
      const field = item.kind === 'merge_request' ? 'mergeRequest' : 'issue';
      const data = await graphql(
        'ItemTimelogs',
        `query ItemTimelogs($fullPath: ID!, $iid: String!) { project(fullPath: $fullPath) { item: ${field}(iid: $iid) { id timeEstimate totalTimeSpent humanTimeEstimate humanTotalTimeSpent timelogs(last: 100) { nodes { id timeSpent spentAt summary user { username } } } } } }`,
        { fullPath: item.projectPath, iid: itemIid(item.iid) },
        ItemTimelogsSchema,
        false,
      );
      const found = data.project?.item;
      if (!found) throw fail('not-found', t('errItemNotFound'), { status: 404 });
      return {
        timelogs: found.timelogs.nodes.map((n) => ({ id: n.id, seconds: n.timeSpent, spentAt: n.spentAt, summary: n.summary ?? null, username: n.user?.username ?? null })),
        timeStats: {
          time_estimate: found.timeEstimate,
          total_time_spent: found.totalTimeSpent,
          human_time_estimate: found.humanTimeEstimate ?? null,
          human_total_time_spent: found.humanTotalTimeSpent ?? null,
        },
      };
    },

    listTimes: async (items) => {
      const byProject = new Map<string, { issue: string[]; merge_request: string[] }>();
      for (const item of items) {
        const entry = byProject.get(item.projectPath) ?? { issue: [], merge_request: [] };
        byProject.set(item.projectPath, entry);
        if (entry[item.kind].length < 100) entry[item.kind].push(itemIid(item.iid));
      }
      if (byProject.size === 0) return [];
      // One aliased project per path; paths and iids travel as variables, never in the query text.
      const projects = [...byProject];
      const fields = 'nodes { iid timeEstimate totalTimeSpent }';
      const parts = projects.map(([, e], n) => `p${n}: project(fullPath: $p${n}) { ${e.issue.length ? `issues(iids: $i${n}, first: 100) { ${fields} } ` : ''}${e.merge_request.length ? `mergeRequests(iids: $m${n}, first: 100) { ${fields} }` : ''} }`);
      const params = projects.flatMap(([, e], n) => [`$p${n}: ID!`, ...(e.issue.length ? [`$i${n}: [String!]`] : []), ...(e.merge_request.length ? [`$m${n}: [String!]`] : [])]);
      const variables: Record<string, unknown> = {};
      projects.forEach(([path, e], n) => {
        variables[`p${n}`] = path;
        if (e.issue.length) variables[`i${n}`] = e.issue;
        if (e.merge_request.length) variables[`m${n}`] = e.merge_request;
      });
      const data = await graphql('ListTimes', `query ListTimes(${params.join(', ')}) { ${parts.join(' ')} }`, variables, ListTimesSchema, false);
      return projects.flatMap(([projectPath], n) => {
        const project = data[`p${n}`];
        const of = (kind: ItemRef['kind'], nodes: Array<{ iid: string; timeEstimate: number; totalTimeSpent: number } | null> | null | undefined) =>
          (nodes ?? []).flatMap((node) => (node ? [{ projectPath, kind, iid: Number(node.iid), timeEstimate: node.timeEstimate, totalTimeSpent: node.totalTimeSpent }] : []));
        return project ? [...of('issue', project.issues?.nodes), ...of('merge_request', project.mergeRequests?.nodes)] : [];
      });
    },

    itemNotes: async (item) =>
      (await call(v.array(NoteSchema), { method: 'GET', path: itemPath(item, '/notes'), query: { order_by: 'created_at', sort: 'desc', per_page: '100' }, subject: item.kind })).map(noteEntry),

    createTimelog: async ({ item, itemId, seconds, spentAt, summary }) => {
      const type = item.kind === 'merge_request' ? 'MergeRequest' : 'Issue';
      const data = await graphql(
        'TimelogCreate',
        `mutation TimelogCreate($input: TimelogCreateInput!) { timelogCreate(input: $input) { timelog { id ${type === 'Issue' ? 'issue' : 'mergeRequest'} { timeEstimate totalTimeSpent humanTimeEstimate humanTotalTimeSpent } } errors } }`,
        // GitLab requires `summary` (an empty one is a log without a summary).
        { input: { issuableId: `gid://gitlab/${type}/${itemId}`, timeSpent: wireDuration(seconds, true), spentAt, summary: summary?.trim() ?? '' } },
        TimelogCreateSchema,
        true,
      );
      const result = data.timelogCreate;
      if (!result.timelog) throw fail('forbidden', MESSAGES.refused(result.errors.join('; ') || t('errTimelogNotCreated')));
      const numbers = result.timelog.issue ?? result.timelog.mergeRequest;
      return { id: result.timelog.id, timeStats: numbers ? timeStatsOf(numbers) : null };
    },

    deleteTimelog: async (id) => {
      const data = await graphql(
        'TimelogDelete',
        `mutation TimelogDelete($id: TimelogID!) { timelogDelete(input: { id: $id }) { timelog { id } errors } }`,
        { id },
        TimelogMutationSchema('timelogDelete'),
        true,
      );
      if (!data.timelogDelete.timelog) throw fail('forbidden', MESSAGES.refused(data.timelogDelete.errors.join('; ') || t('errTimelogNotDeleted')));
    },

    userTimelogs: async ({ username, startTime, endTime }) => {
      // `Query.timelogs` (app/graphql/resolvers/timelog_resolver.rb): a non-admin may list logs
      // across projects only for their own username; startTime/endTime are exact and inclusive.
      // 100 a page is GitLab's largest; `Issue` has no `project`, so the path comes from the
      // full reference.
      const query = `query Timesheet($username: String!, $startTime: Time!, $endTime: Time!, $after: String) { timelogs(username: $username, startTime: $startTime, endTime: $endTime, first: ${PER_PAGE}, after: $after, sort: SPENT_AT_ASC) { pageInfo { hasNextPage endCursor } nodes { id spentAt timeSpent summary issue { iid title webUrl reference(full: true) } mergeRequest { iid title webUrl reference(full: true) } } } }`;
      const timelogs: UserTimelog[] = [];
      let after: string | null = null;
      let requests = 0;
      for (; requests < MAX_PAGES; ) {
        requests += 1;
        const data: v.InferOutput<typeof TimesheetPageSchema> = await graphql('Timesheet', query, { username, startTime, endTime, after }, TimesheetPageSchema, 'get');
        const connection = data.timelogs;
        if (!connection) break;
        for (const node of connection.nodes) if (node) timelogs.push(userTimelog(node));
        if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor || connection.pageInfo.endCursor === after) break;
        after = connection.pageInfo.endCursor;
      }
      return { timelogs, requests };
    },

    markTodoDone: async (id) => {
      if (!Number.isSafeInteger(id) || id <= 0) throw fail('bad-request', MESSAGES.badTodo);
      await send({ method: 'POST', path: `/todos/${id}/mark_as_done`, subject: 'todo' });
    },
  };
  if (apiVersion === 'v4') return v4;
  return {
    ...v4,
    ...createV3Methods({ baseUrl, send, call, listAll, fail, projectId, itemIid, wireDuration }, deps),
  };
}

type TimesheetNode = NonNullable<NonNullable<v.InferOutput<typeof TimesheetPageSchema>['timelogs']>['nodes'][number]>;

/** `group/sub/project#12` → the project's path; null for anything else. */
function projectOfReference(reference: string, sigil: '#' | '!', iid: string): string | null {
  const suffix = `${sigil}${iid}`;
  return reference.endsWith(suffix) && reference.length > suffix.length ? reference.slice(0, -suffix.length) : null;
}

function userTimelog(node: TimesheetNode): UserTimelog {
  const found = node.issue ? { kind: 'issue' as const, sigil: '#' as const, value: node.issue } : node.mergeRequest ? { kind: 'merge_request' as const, sigil: '!' as const, value: node.mergeRequest } : null;
  const iid = found ? Number(found.value.iid) : NaN;
  const projectPath = found ? projectOfReference(found.value.reference, found.sigil, found.value.iid) : null;
  return {
    id: node.id,
    seconds: node.timeSpent,
    spentAt: node.spentAt ?? null,
    summary: node.summary ?? null,
    item:
      found && projectPath && Number.isSafeInteger(iid) && iid > 0
        ? { kind: found.kind, projectPath, iid, title: found.value.title, webUrl: found.value.webUrl ?? null }
        : null,
  };
}

/** GitLab's answer for a route it does not have (`{"error":"404 Not Found"}`), or 410 Gone (v3 on 11.0+). */
function isRouteGone(status: number, data: unknown): boolean {
  if (status === 410) return true;
  return status === 404 && typeof data === 'object' && data !== null && (data as { error?: unknown }).error === '404 Not Found';
}

/**
 * Cleans what a person typed as their GitLab address down to the instance base
 * URL: `gitlab.example.com/` → `https://gitlab.example.com`, `…/api/v4` stripped,
 * a sub-path (`https://host/gitlab`) kept.
 */
export function normaliseBaseUrl(input: string): { ok: true; baseUrl: string } | { ok: false; error: string } {
  const example = t('urlExample');
  const notAnAddress = `${t('urlNotAnAddress')} ${example}`;
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return { ok: false, error: example };
  if (/\s/.test(text)) return { ok: false, error: notAnAddress };

  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return { ok: false, error: notAnAddress };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `${t('urlOnlyHttp')} ${example}` };
  }
  if (url.hostname === '') return { ok: false, error: notAnAddress };
  if (url.username || url.password) {
    return { ok: false, error: t('urlNoCredentials') };
  }

  const segments = url.pathname.split('/').filter(Boolean);
  const api = segments.indexOf('api');
  let kept = api === -1 ? segments : segments.slice(0, api);
  const dash = kept.indexOf('-');
  if (dash !== -1) {
    // Pages under '/-/' directly after the root (profile, settings) tell where the
    // instance is; after a project path they cannot (the project path has no
    // marked start), so ask rather than guess.
    if (dash > 1) {
      return {
        ok: false,
        error: t('urlPageInside', url.origin),
      };
    }
    kept = kept.slice(0, dash);
  }
  const path = kept.length ? `/${kept.join('/')}` : '';
  return { ok: true, baseUrl: `${url.origin}${path}` };
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl || 'the GitLab server';
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function redact(error: GitLabError, token: string): GitLabError {
  if (token.length < 4) return error;
  const hides = (s: string | undefined) => s !== undefined && s.includes(token);
  if (!hides(error.message) && !hides(error.detail)) return error;
  const scrub = (s: string) => s.split(token).join('[token]');
  return new GitLabError(error.kind, scrub(error.message), {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.detail === undefined ? {} : { detail: scrub(error.detail) }),
    ambiguous: error.ambiguous,
  });
}

function positiveInt(text: string | null): number | null {
  if (text === null || !/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The query for the next page, from `X-Next-Page` or a `Link: <…>; rel="next"` header; null at the end. */
function nextPageQuery(headers: Headers, query: Record<string, string>, currentPage: number): Record<string, string> | null {
  const nextPage = positiveInt(headers.get('X-Next-Page'));
  if (nextPage !== null) return nextPage > currentPage ? { ...query, page: String(nextPage) } : null;

  for (const match of (headers.get('Link') ?? '').matchAll(/<([^>]*)>\s*;([^,]*)/g)) {
    const rel = /rel\s*=\s*"?([^";]*)"?/i.exec(match[2] ?? '')?.[1] ?? '';
    if (!rel.split(/\s+/).includes('next')) continue;
    let link: URL;
    try {
      link = new URL(match[1] ?? '');
    } catch {
      return null;
    }
    // Take only the query: the Link host is GitLab's external_url, which may
    // not be the address this extension was given (a proxy, a sub-path).
    const next = Object.fromEntries(link.searchParams);
    const page = positiveInt(next.page ?? null);
    if (page !== null && page <= currentPage) return null;
    return next;
  }
  return null;
}
