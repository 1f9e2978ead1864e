// GitLab REST API v4 behaviour of the stand-in. Handlers are synchronous and only
// compute a result (mutating state as GitLab would); the transport in server.ts decides
// whether that result is written, delayed or lost, which is what fault injection needs.

import { authenticate, isAuthError, personalTokenJson, type TokenRecord, type TokenScheme, type TokenStore } from './auth';
import { humanDuration, parseDuration } from './duration';
import { accessLevelOf, type StandInData, type IssueRecord, type MergeRequestRecord, type StandInProject, type StandInTodo, type StandInUser } from './seed';
import type { Era } from './eras';
import { addSystemNote, noteJsonV4, sortedNotes, timeNoteBody, type TimeNoteEvent } from './notes';

export const DEMO_TOKEN = 'glpat-demo-token-0123456789';
export const READONLY_TOKEN = 'glpat-readonly-token-0123456789';
/** The colleague's personal token (user 2, alex.rivera, api scope). */
export const COLLEAGUE_TOKEN = 'glpat-colleague-token-0123456789';

export const GITLAB_VERSION = { version: '17.11.0-ee', revision: 'abc123' } as const;

export interface Timelog {
  /** GraphQL `gid://gitlab/Timelog/<id>`. */
  id: number;
  /** The tracked item's global id: the issue's, or the merge request's when `mergeRequestId` is set (ids are disjoint). */
  issueId: number;
  /** Set on a merge request's timelog (its global id); absent or null on an issue's. */
  mergeRequestId?: number | null;
  /** Who logged it (seed user id). */
  userId: number;
  /** Negative when time was subtracted or reset. */
  seconds: number;
  summary: string | null;
  /** ISO time the entry was recorded. */
  at: string;
  projectId: number;
  /** The item's iid (issue or merge request). */
  iid: number;
  /** The day the work was done (GraphQL `spentAt`); REST logs use the time they arrive. */
  spentAt: string;
}

/** Writes a time tracking system note in the era's wording (notes.ts), authored by `authorId`. */
export function timeTrackingNote(state: ApiState, noteable: { type: 'Issue' | 'MergeRequest'; id: number }, authorId: number, event: TimeNoteEvent, at: string): void {
  addSystemNote(state.data, { noteableType: noteable.type, noteableId: noteable.id }, authorId, timeNoteBody(state.era, event), at);
}

export function nextTimelogId(state: ApiState): number {
  return state.timelogs.reduce((max, t) => Math.max(max, t.id), state.deletedTimelogs ?? 0) + 1;
}

export interface ApiState {
  data: StandInData;
  timelogs: Timelog[];
  /** Highest id of a deleted timelog, so ids are never reused. */
  deletedTimelogs?: number;
  /** The tokens this GitLab accepts (auth.ts); only the API needs them, pages render without. */
  auth?: TokenStore;
  /** The GitLab era played (eras.ts); absent: 17.x. */
  era?: Era;
}

export interface ApiRequest {
  method: string;
  /** Path below `/api/v4`, split on `/` before decoding so `acme%2Fweb` stays one segment. */
  segments: string[];
  /** Raw request path without basePath and query, e.g. `/api/v4/issues`; used to build Link URLs. */
  path: string;
  query: URLSearchParams;
  /** Query string merged with the JSON or form body (body wins), like Grape's `params`. */
  params: Record<string, unknown>;
  /** Token presented in PRIVATE-TOKEN or `Authorization: Bearer`. */
  token: string | null;
  /** Which of the two carried it (OAuth tokens count only as Bearer). */
  tokenScheme?: TokenScheme | null;
  /** `scheme://host[:port]` + basePath as the client addressed the server. */
  publicBase: string;
}

export interface ApiResult {
  status: number;
  /** undefined = empty body (204, 304). */
  body?: unknown;
  headers?: Record<string, string>;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): ApiResult => ({ status, body, headers });
const notFound = (what: string): ApiResult => json(404, { message: `404 ${what} Not Found` });
const badRequest = (error: string): ApiResult => json(400, { error });
const baseError = (message: string): ApiResult => json(400, { message: { base: [message] } });

type Route = { method: string; pattern: readonly string[]; handle: (ctx: Ctx, args: string[]) => ApiResult };

interface Ctx {
  state: ApiState;
  req: ApiRequest;
  user: StandInUser;
  token: TokenRecord;
}

function param(req: ApiRequest, key: string): string | undefined {
  const value = req.params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

// ---------------------------------------------------------------------------
// JSON shapes (as in the GitLab 10.x v4 examples, plus fields newer servers add)

export function userJson(user: StandInUser, publicBase: string): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: 'active',
    locked: false,
    avatar_url: `${publicBase}/uploads/-/system/user/avatar/${user.id}/avatar.png`,
    web_url: `${publicBase}/${user.username}`,
  };
}

export interface TimeStats {
  time_estimate: number;
  total_time_spent: number;
  human_time_estimate: string | null;
  human_total_time_spent: string | null;
}

/** What carries time: an issue or a merge request (their time fields are the same). */
export type TrackedRecord = IssueRecord | MergeRequestRecord;
export type TrackedType = 'Issue' | 'MergeRequest';

export function timeStatsJson(issue: TrackedRecord): TimeStats {
  return {
    time_estimate: issue.timeEstimate,
    total_time_spent: issue.totalTimeSpent,
    human_time_estimate: humanDuration(issue.timeEstimate),
    human_total_time_spent: humanDuration(issue.totalTimeSpent),
  };
}

function projectOf(state: ApiState, issue: TrackedRecord): StandInProject {
  const project = state.data.projects.find((p) => p.id === issue.projectId);
  if (!project) throw new Error(`issue ${issue.id} has no project`);
  return project;
}

export function userById(state: ApiState, id: number): StandInUser {
  const user = state.data.users.find((u) => u.id === id);
  if (!user) throw new Error(`unknown user ${id}`);
  return user;
}

/** A merge request's page: `/<project>/merge_requests/<iid>` before 12.x, like issues before 12.9. */
export function mergeRequestWebPath(project: StandInProject, mr: MergeRequestRecord, era?: Era): string {
  return era?.oldIssueUrls ? `/${project.fullPath}/merge_requests/${mr.iid}` : `/${project.fullPath}/-/merge_requests/${mr.iid}`;
}

/**
 * REST's merge request (`MergeRequestBasic`, lib/api/entities/merge_request_basic.rb): the fields
 * the extension reads, `time_stats` and `references` included (the latter 12.7+).
 */
function mergeRequestJson(state: ApiState, mr: MergeRequestRecord, publicBase: string): Record<string, unknown> {
  const project = projectOf(state, mr);
  const user = (id: number) => userJson(userById(state, id), publicBase);
  const assignees = mr.assigneeIds.map(user);
  const shape: Record<string, unknown> = {
    id: mr.id,
    iid: mr.iid,
    project_id: mr.projectId,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    created_at: mr.createdAt,
    updated_at: mr.updatedAt,
    merged_at: null,
    author: user(mr.authorId),
    assignee: assignees[0] ?? null,
    assignees,
    reviewers: mr.reviewerIds.map(user),
    source_branch: mr.sourceBranch,
    target_branch: mr.targetBranch,
    labels: [],
    milestone: null,
    draft: false,
    user_notes_count: 0,
    web_url: `${publicBase}${mergeRequestWebPath(project, mr, state.era)}`,
    references: { short: `!${mr.iid}`, relative: `!${mr.iid}`, full: `${project.fullPath}!${mr.iid}` },
    time_stats: timeStatsJson(mr),
  };
  if (state.era && !state.era.references) delete shape.references;
  return shape;
}

export function issueWebPath(project: StandInProject, issue: IssueRecord, era?: Era): string {
  // Before 12.9 issue URLs had no `/-/`.
  return era?.oldIssueUrls ? `/${project.fullPath}/issues/${issue.iid}` : `/${project.fullPath}/-/issues/${issue.iid}`;
}

function issueJson(state: ApiState, issue: IssueRecord, publicBase: string): Record<string, unknown> {
  const project = projectOf(state, issue);
  const assignees = issue.assigneeIds.map((id) => userJson(userById(state, id), publicBase));
  const apiBase = `${publicBase}/api/v4/projects/${project.id}`;
  const shape: Record<string, unknown> = {
    id: issue.id,
    iid: issue.iid,
    project_id: issue.projectId,
    title: issue.title,
    description: issue.description,
    state: issue.state,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    closed_by: issue.state === 'closed' ? userJson(userById(state, issue.assigneeIds[0] ?? issue.authorId), publicBase) : null,
    labels: issue.labels,
    milestone: issue.milestone
      ? {
          id: issue.milestone.id,
          iid: issue.milestone.iid,
          project_id: issue.milestone.projectId,
          title: issue.milestone.title,
          description: '',
          state: 'active',
          created_at: project.createdAt,
          updated_at: project.createdAt,
          due_date: issue.milestone.dueDate,
          start_date: null,
          web_url: `${publicBase}/${project.fullPath}/-/milestones/${issue.milestone.iid}`,
        }
      : null,
    assignees,
    assignee: assignees[0] ?? null,
    author: userJson(userById(state, issue.authorId), publicBase),
    type: 'ISSUE',
    issue_type: 'issue',
    user_notes_count: issue.userNotesCount,
    merge_requests_count: 0,
    upvotes: 0,
    downvotes: 0,
    due_date: issue.dueDate,
    confidential: false,
    discussion_locked: null,
    web_url: `${publicBase}${issueWebPath(project, issue, state.era)}`,
    time_stats: timeStatsJson(issue),
    task_completion_status: { count: 0, completed_count: 0 },
    has_tasks: false,
    references: { short: `#${issue.iid}`, relative: `#${issue.iid}`, full: `${project.fullPath}#${issue.iid}` },
    severity: 'UNKNOWN',
    _links: {
      self: `${apiBase}/issues/${issue.iid}`,
      notes: `${apiBase}/issues/${issue.iid}/notes`,
      award_emoji: `${apiBase}/issues/${issue.iid}/award_emoji`,
      project: apiBase,
    },
  };
  // `references` arrived in 12.7.
  if (state.era && !state.era.references) delete shape.references;
  return shape;
}

function namespaceName(project: StandInProject): string {
  return [...project.namespace.fullPath.split('/').map(titleCase), project.name].join(' / ');
}

function titleCase(segment: string): string {
  return segment.charAt(0).toUpperCase() + segment.slice(1);
}

function projectJson(project: StandInProject, publicBase: string): Record<string, unknown> {
  return {
    id: project.id,
    description: project.description,
    name: project.name,
    name_with_namespace: namespaceName(project),
    path: project.path,
    path_with_namespace: project.fullPath,
    created_at: project.createdAt,
    default_branch: 'main',
    web_url: `${publicBase}/${project.fullPath}`,
    visibility: 'private',
    issues_enabled: true,
    archived: project.archived === true,
    namespace: {
      id: project.namespace.id,
      name: project.namespace.name,
      path: project.namespace.path,
      kind: 'group',
      full_path: project.namespace.fullPath,
      web_url: `${publicBase}/groups/${project.namespace.fullPath}`,
    },
    permissions: { project_access: { access_level: project.accessLevel, notification_level: 3 }, group_access: null },
  };
}

function todoJson(state: ApiState, todo: StandInTodo, publicBase: string): Record<string, unknown> {
  const onMergeRequest = todo.targetType === 'MergeRequest';
  const issue = onMergeRequest ? state.data.mergeRequests.find((m) => m.id === todo.issueId) : state.data.issues.find((i) => i.id === todo.issueId);
  if (!issue) throw new Error(`todo ${todo.id} points at a missing ${onMergeRequest ? 'merge request' : 'issue'}`);
  const project = projectOf(state, issue);
  return {
    id: todo.id,
    project: {
      id: project.id,
      name: project.name,
      name_with_namespace: namespaceName(project),
      path: project.path,
      path_with_namespace: project.fullPath,
    },
    author: userJson(userById(state, todo.authorId), publicBase),
    action_name: todo.actionName,
    ...('reviewerIds' in issue
      ? { target_type: 'MergeRequest', target: mergeRequestJson(state, issue, publicBase), target_url: `${publicBase}${mergeRequestWebPath(project, issue, state.era)}` }
      : { target_type: 'Issue', target: issueJson(state, issue, publicBase), target_url: `${publicBase}${issueWebPath(project, issue, state.era)}` }),
    body: todo.body,
    state: todo.state,
    created_at: todo.createdAt,
    updated_at: todo.updatedAt,
  };
}

// ---------------------------------------------------------------------------
// Pagination

interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

function positiveInt(raw: string | undefined, fallback: number): number | 'invalid' {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) return 'invalid';
  return Number(raw);
}

function paginate<T>(req: ApiRequest, all: T[]): Page<T> | ApiResult {
  const rawPage = positiveInt(param(req, 'page'), 1);
  if (rawPage === 'invalid') return badRequest('page is invalid');
  const rawPerPage = positiveInt(param(req, 'per_page'), 20);
  if (rawPerPage === 'invalid') return badRequest('per_page is invalid');
  const page = Math.max(1, rawPage);
  // GitLab clamps per_page to 1..100 rather than rejecting it.
  const perPage = Math.min(100, Math.max(1, rawPerPage));
  const total = all.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const next = page < totalPages ? page + 1 : null;
  const prev = page > 1 ? Math.min(page - 1, totalPages) : null;

  const linkTo = (target: number): string => {
    const query = new URLSearchParams(req.query);
    query.set('page', String(target));
    query.set('per_page', String(perPage));
    return `${req.publicBase}${req.path}?${query.toString()}`;
  };
  const links: string[] = [];
  if (prev !== null) links.push(`<${linkTo(prev)}>; rel="prev"`);
  if (next !== null) links.push(`<${linkTo(next)}>; rel="next"`);
  links.push(`<${linkTo(1)}>; rel="first"`, `<${linkTo(totalPages)}>; rel="last"`);

  return {
    items,
    headers: {
      'X-Total': String(total),
      'X-Total-Pages': String(totalPages),
      'X-Page': String(page),
      'X-Per-Page': String(perPage),
      'X-Next-Page': next === null ? '' : String(next),
      'X-Prev-Page': prev === null ? '' : String(prev),
      Link: links.join(', '),
    },
  };
}

function isPage<T>(value: Page<T> | ApiResult): value is Page<T> {
  return 'items' in value;
}

// ---------------------------------------------------------------------------
// Issue listing

const ISSUE_SCOPES = ['assigned_to_me', 'assigned-to-me', 'created_by_me', 'created-by-me', 'all'] as const;
const ORDER_BY = ['created_at', 'updated_at', 'due_date', 'title', 'priority', 'relative_position', 'label_priority', 'milestone_due', 'popularity'] as const;

function listIssues(ctx: Ctx, pool: IssueRecord[], defaultScope: string): ApiResult {
  const { req, user } = ctx;
  const givenScope = param(req, 'scope');
  const scopes: readonly string[] = ctx.state.era?.issueScopes ?? ISSUE_SCOPES;
  if (givenScope !== undefined && !scopes.includes(givenScope)) return badRequest('scope does not have a valid value');
  const scope = givenScope ?? defaultScope;
  const state = param(req, 'state') ?? 'all';
  if (!['opened', 'closed', 'all'].includes(state)) return badRequest('state does not have a valid value');
  const orderBy = param(req, 'order_by') ?? 'created_at';
  if (!(ORDER_BY as readonly string[]).includes(orderBy)) return badRequest('order_by does not have a valid value');
  const sort = param(req, 'sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') return badRequest('sort does not have a valid value');

  const iids = req.query.getAll('iids[]').map(Number);
  const assigneeId = param(req, 'assignee_id');
  const authorId = param(req, 'author_id');
  const search = param(req, 'search')?.toLowerCase();

  let issues = pool.filter((issue) => {
    if (scope.startsWith('assigned') && !issue.assigneeIds.includes(user.id)) return false;
    if (scope.startsWith('created') && issue.authorId !== user.id) return false;
    if (state !== 'all' && issue.state !== state) return false;
    if (iids.length > 0 && !iids.includes(issue.iid)) return false;
    if (assigneeId !== undefined) {
      if (assigneeId.toLowerCase() === 'none' ? issue.assigneeIds.length > 0 : !issue.assigneeIds.includes(Number(assigneeId))) return false;
    }
    if (authorId !== undefined && issue.authorId !== Number(authorId)) return false;
    if (search && !`${issue.title}\n${issue.description}`.toLowerCase().includes(search)) return false;
    return true;
  });

  const key = (issue: IssueRecord): string => {
    switch (orderBy) {
      case 'updated_at': return issue.updatedAt;
      case 'due_date': return issue.dueDate ?? '';
      case 'title': return issue.title.toLowerCase();
      default: return issue.createdAt;
    }
  };
  const direction = sort === 'asc' ? 1 : -1;
  issues = [...issues].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (orderBy === 'due_date' && (ka === '') !== (kb === '')) return ka === '' ? 1 : -1; // no due date last
    if (ka !== kb) return ka < kb ? -direction : direction;
    return (a.id - b.id) * direction;
  });

  const page = paginate(req, issues);
  if (!isPage(page)) return page;
  return json(200, page.items.map((issue) => issueJson(ctx.state, issue, req.publicBase)), page.headers);
}

// ---------------------------------------------------------------------------
// Merge request listing (`GET /merge_requests`, 9.5+; lib/api/merge_requests.rb): default scope
// created_by_me, `assigned_to_me`, `reviews_for_me`/`reviewer_username` where the era has reviewers
// or `reviewer_id` (13.7+), `state`, `iids[]`, paginated.

function listMergeRequests(ctx: Ctx, pool: MergeRequestRecord[], defaultScope = 'created_by_me'): ApiResult {
  const { req, user } = ctx;
  const reviewers = ctx.state.era?.reviewers ?? true;
  const scopes = [...(ctx.state.era?.issueScopes ?? ISSUE_SCOPES), ...(reviewers ? ['reviews_for_me'] : [])];
  const givenScope = param(req, 'scope');
  if (givenScope !== undefined && !scopes.includes(givenScope)) return badRequest('scope does not have a valid value');
  const scope = givenScope ?? defaultScope;
  const state = param(req, 'state') ?? 'all';
  if (!['opened', 'closed', 'merged', 'all'].includes(state)) return badRequest('state does not have a valid value');
  const reviewerName = reviewers ? param(req, 'reviewer_username') : undefined;
  const reviewerId = reviewers ? param(req, 'reviewer_id') : undefined;
  if (reviewerName !== undefined && reviewerId !== undefined) return badRequest('reviewer_id, reviewer_username are mutually exclusive');
  const reviewer = reviewerName ?? reviewerId;
  const reviewerUser = reviewer === undefined ? undefined : ctx.state.data.users.find((u) => (reviewerName !== undefined ? u.username === reviewerName : String(u.id) === reviewerId));
  const iids = req.query.getAll('iids[]').map(Number);
  const found = pool
    .filter((m) => !scope.startsWith('assigned') || m.assigneeIds.includes(user.id))
    .filter((m) => !scope.startsWith('created') || m.authorId === user.id)
    .filter((m) => scope !== 'reviews_for_me' || m.reviewerIds.includes(user.id))
    .filter((m) => reviewer === undefined || (reviewerUser !== undefined && m.reviewerIds.includes(reviewerUser.id)))
    .filter((m) => state === 'all' || m.state === state)
    .filter((m) => iids.length === 0 || iids.includes(m.iid))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  const page = paginate(req, found);
  if (!isPage(page)) return page;
  return json(200, page.items.map((m) => mergeRequestJson(ctx.state, m, req.publicBase)), page.headers);
}

// ---------------------------------------------------------------------------
// Lookups

export function findProject(data: StandInData, idOrPath: string | number): StandInProject | undefined {
  const key = String(idOrPath);
  if (/^\d+$/.test(key)) return data.projects.find((p) => p.id === Number(key));
  const path = key.toLowerCase();
  return data.projects.find((p) => p.fullPath.toLowerCase() === path);
}

type IssueLookup = { project: StandInProject; issue: IssueRecord } | ApiResult;
type ItemLookup = { project: StandInProject; issue: TrackedRecord; type: TrackedType } | ApiResult;

function lookupItem(ctx: Ctx, type: TrackedType, projectKey: string, iidRaw: string): ItemLookup {
  if (!/^\d+$/.test(iidRaw)) return badRequest(type === 'Issue' ? 'issue_iid is invalid' : 'merge_request_iid is invalid');
  const project = findProject(ctx.state.data, projectKey);
  if (!project) return notFound('Project');
  const iid = Number(iidRaw);
  const pool: TrackedRecord[] = type === 'Issue' ? ctx.state.data.issues : ctx.state.data.mergeRequests;
  const issue = pool.find((i) => i.projectId === project.id && i.iid === iid);
  if (!issue) return notFound(type === 'Issue' ? 'Issue' : 'Merge Request');
  return { project, issue, type };
}

function lookupIssue(ctx: Ctx, projectKey: string, iidRaw: string): IssueLookup {
  const found = lookupItem(ctx, 'Issue', projectKey, iidRaw);
  return 'status' in found ? found : { project: found.project, issue: found.issue as IssueRecord };
}

function isLookupError(value: IssueLookup | ItemLookup): value is ApiResult {
  return 'status' in value;
}

/**
 * Reporter and up may track time on an issue; a Guest may not. A merge request's time tracking
 * over REST needs `admin_merge_request`, a Developer (8.16-11.x also let its author and assignees:
 * not played here).
 */
const canTrackTime = (project: StandInProject, user: StandInUser, type: TrackedType = 'Issue'): boolean =>
  accessLevelOf(project, user.id) >= (type === 'Issue' ? 20 : 30);
const forbidden = (): ApiResult => json(403, { message: '403 Forbidden' });

function touch(issue: TrackedRecord): void {
  issue.updatedAt = new Date().toISOString();
}

// ---------------------------------------------------------------------------
// Time tracking

type ItemHandler = (ctx: Ctx, args: string[], type: TrackedType) => ApiResult;

function timeTrackingWrite(ctx: Ctx, args: string[], type: TrackedType, apply: (issue: TrackedRecord, project: StandInProject) => ApiResult): ApiResult {
  const [projectKey = '', iid = ''] = args;
  const found = lookupItem(ctx, type, projectKey, iid);
  if (isLookupError(found)) return found;
  if (!canTrackTime(found.project, ctx.user, type) || found.project.archived) return forbidden();
  return apply(found.issue, found.project);
}

/** A time log row of either kind (merge requests' carry `mergeRequestId`, as GraphQL's do). */
function timelogOf(ctx: Ctx, type: TrackedType, issue: TrackedRecord, project: StandInProject, seconds: number, summary: string | null): Timelog {
  const at = issue.updatedAt;
  return { id: nextTimelogId(ctx.state), issueId: issue.id, mergeRequestId: type === 'MergeRequest' ? issue.id : null, userId: ctx.user.id, seconds, summary, at, spentAt: at, projectId: project.id, iid: issue.iid };
}

const setEstimate: ItemHandler = (ctx, args, type) => {
  const duration = param(ctx.req, 'duration');
  if (duration === undefined) return badRequest('duration is missing');
  return timeTrackingWrite(ctx, args, type, (issue) => {
    const parsed = parseDuration(duration);
    if (!parsed.ok) return baseError(parsed.reason === 'zero' ? "Time estimate can't be blank" : 'Time estimate has an invalid format');
    issue.timeEstimate = parsed.seconds;
    touch(issue);
    return json(200, timeStatsJson(issue));
  });
};

const resetEstimate: ItemHandler = (ctx, args, type) => {
  return timeTrackingWrite(ctx, args, type, (issue) => {
    issue.timeEstimate = 0;
    touch(issue);
    return json(200, timeStatsJson(issue));
  });
};

const addSpentTime: ItemHandler = (ctx, args, type) => {
  const duration = param(ctx.req, 'duration');
  if (duration === undefined) return badRequest('duration is missing');
  // Servers before about 14.2 know no `summary` and drop it.
  const summary = ctx.state.era?.timelogSummary === false ? null : (param(ctx.req, 'summary') ?? null);
  return timeTrackingWrite(ctx, args, type, (issue, project) => {
    if (summary !== null && [...summary].length > 255) {
      return json(400, { message: { 'timelogs.summary': ['is too long (maximum is 255 characters)'] } });
    }
    const parsed = parseDuration(duration, { allowNegative: true });
    if (!parsed.ok) return baseError(parsed.reason === 'zero' ? "Time spent can't be blank" : 'Time spent has an invalid format');
    if (issue.totalTimeSpent + parsed.seconds < 0) return baseError('Time to subtract exceeds the total time spent');
    issue.totalTimeSpent += parsed.seconds;
    touch(issue);
    ctx.state.timelogs.push(timelogOf(ctx, type, issue, project, parsed.seconds, summary));
    timeTrackingNote(ctx.state, { type, id: issue.id }, ctx.user.id, { kind: 'spent', seconds: parsed.seconds }, issue.updatedAt);
    return json(201, timeStatsJson(issue));
  });
};

const resetSpentTime: ItemHandler = (ctx, args, type) => {
  return timeTrackingWrite(ctx, args, type, (issue, project) => {
    const previous = issue.totalTimeSpent;
    issue.totalTimeSpent = 0;
    touch(issue);
    // GitLab resets by logging the negated total, so the timelog sum stays consistent.
    if (previous !== 0) {
      ctx.state.timelogs.push(timelogOf(ctx, type, issue, project, -previous, null));
    }
    // Written on every reset, also when nothing was spent: not verified against GitLab for that case.
    timeTrackingNote(ctx.state, { type, id: issue.id }, ctx.user.id, { kind: 'reset' }, issue.updatedAt);
    return json(200, timeStatsJson(issue));
  });
};

const getTimeStats: ItemHandler = (ctx, args, type) => {
  const [projectKey = '', iid = ''] = args;
  const found = lookupItem(ctx, type, projectKey, iid);
  if (isLookupError(found)) return found;
  return json(200, timeStatsJson(found.issue));
};

// ---------------------------------------------------------------------------
// Notes (lib/api/notes.rb): order_by created_at|updated_at (default created_at), sort asc|desc
// (default desc), paginated. The stand-in holds only the system notes its writes create.

const listIssueNotes: ItemHandler = (ctx, args, type) => {
  const [projectKey = '', iid = ''] = args;
  const found = lookupItem(ctx, type, projectKey, iid);
  if (isLookupError(found)) return found;
  const orderBy = param(ctx.req, 'order_by') ?? 'created_at';
  if (orderBy !== 'created_at' && orderBy !== 'updated_at') return badRequest('order_by does not have a valid value');
  const sort = param(ctx.req, 'sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') return badRequest('sort does not have a valid value');
  const notes = ctx.state.data.notes.filter((n) => n.noteableType === type && n.noteableId === found.issue.id);
  const page = paginate(ctx.req, sortedNotes(notes, orderBy, sort));
  if (!isPage(page)) return page;
  return json(200, page.items.map((n) => noteJsonV4(n, userJson(userById(ctx.state, n.authorId), ctx.req.publicBase), found.issue.iid)), page.headers);
};

// ---------------------------------------------------------------------------
// To-dos

const createTodo: ItemHandler = (ctx, args, type) => {
  const [projectKey = '', iid = ''] = args;
  const found = lookupItem(ctx, type, projectKey, iid);
  if (isLookupError(found)) return found;
  const data = ctx.state.data;
  const targetType = (t: StandInTodo) => t.targetType ?? 'Issue';
  if (data.todos.some((t) => t.issueId === found.issue.id && targetType(t) === type && t.state === 'pending')) return { status: 304 };
  const now = new Date().toISOString();
  const todo: StandInTodo = {
    id: data.nextTodoId++,
    issueId: found.issue.id,
    ...(type === 'MergeRequest' ? { targetType: type } : {}),
    authorId: ctx.user.id,
    actionName: 'marked',
    body: found.issue.title,
    state: 'pending',
    createdAt: now,
    updatedAt: now,
  };
  data.todos.push(todo);
  return json(201, todoJson(ctx.state, todo, ctx.req.publicBase));
};

function listTodos(ctx: Ctx): ApiResult {
  const { req } = ctx;
  const state = param(req, 'state') ?? 'pending';
  if (state !== 'pending' && state !== 'done') return badRequest('state does not have a valid value');
  const type = param(req, 'type');
  if (type !== undefined && !['Issue', 'MergeRequest', 'Commit', 'Epic', 'DesignManagement::Design', 'AlertManagement::Alert'].includes(type)) {
    // Only issue and merge request to-dos exist here; other valid types simply match nothing.
    return badRequest('type does not have a valid value');
  }
  const projectId = param(req, 'project_id');
  const action = param(req, 'action');
  const issueProject = (todo: StandInTodo): number | undefined =>
    (todo.targetType === 'MergeRequest' ? ctx.state.data.mergeRequests : ctx.state.data.issues).find((i) => i.id === todo.issueId)?.projectId;
  const todos = ctx.state.data.todos
    .filter((t) => t.state === state)
    .filter((t) => type === undefined || type === (t.targetType ?? 'Issue'))
    .filter((t) => projectId === undefined || issueProject(t) === Number(projectId))
    .filter((t) => action === undefined || t.actionName === action)
    .sort((a, b) => b.id - a.id);
  const page = paginate(req, todos);
  if (!isPage(page)) return page;
  return json(200, page.items.map((t) => todoJson(ctx.state, t, req.publicBase)), page.headers);
}

function markTodoDone(ctx: Ctx, args: string[]): ApiResult {
  const [idRaw = ''] = args;
  if (!/^\d+$/.test(idRaw)) return badRequest('id is invalid');
  const todo = ctx.state.data.todos.find((t) => t.id === Number(idRaw) && t.state === 'pending');
  if (!todo) return notFound('Todo');
  todo.state = 'done';
  todo.updatedAt = new Date().toISOString();
  return json(200, todoJson(ctx.state, todo, ctx.req.publicBase));
}

function markAllTodosDone(ctx: Ctx): ApiResult {
  const now = new Date().toISOString();
  for (const todo of ctx.state.data.todos) {
    if (todo.state === 'pending') {
      todo.state = 'done';
      todo.updatedAt = now;
    }
  }
  return { status: 204 };
}

// ---------------------------------------------------------------------------
// Routing

function versionJson(state: ApiState): { version: string; revision: string } {
  return state.era ? { version: state.era.version, revision: GITLAB_VERSION.revision } : { ...GITLAB_VERSION };
}

const ISSUE = ['projects', ':id', 'issues', ':iid'] as const;
const MERGE_REQUEST = ['projects', ':id', 'merge_requests', ':iid'] as const;

/** The same time tracking, to-do and notes routes under issues and merge requests. */
function itemRoutes(type: TrackedType): Route[] {
  const item = type === 'Issue' ? ISSUE : MERGE_REQUEST;
  const on = (handle: ItemHandler): Route['handle'] => (ctx, args) => handle(ctx, args, type);
  return [
    { method: 'GET', pattern: [...item, 'time_stats'], handle: on(getTimeStats) },
    { method: 'POST', pattern: [...item, 'time_estimate'], handle: on(setEstimate) },
    { method: 'POST', pattern: [...item, 'reset_time_estimate'], handle: on(resetEstimate) },
    { method: 'POST', pattern: [...item, 'add_spent_time'], handle: on(addSpentTime) },
    { method: 'POST', pattern: [...item, 'reset_spent_time'], handle: on(resetSpentTime) },
    { method: 'POST', pattern: [...item, 'todo'], handle: on(createTodo) },
    { method: 'GET', pattern: [...item, 'notes'], handle: on(listIssueNotes) },
  ];
}

const ROUTES: readonly Route[] = [
  {
    method: 'GET', pattern: ['user'],
    handle: (ctx) => json(200, {
      ...userJson(ctx.user, ctx.req.publicBase),
      created_at: '2024-03-01T09:00:00.000Z',
      bio: '',
      public_email: null,
      email: ctx.user.email,
      is_admin: false,
      two_factor_enabled: false,
    }),
  },
  { method: 'GET', pattern: ['version'], handle: (ctx) => json(200, versionJson(ctx.state)) },
  {
    // Newer GitLabs describe the personal token presented; an OAuth token is not one (verify).
    method: 'GET', pattern: ['personal_access_tokens', 'self'],
    handle: (ctx) => (ctx.token.kind === 'personal' ? json(200, personalTokenJson(ctx.token)) : notFound('Personal Access Token')),
  },
  {
    method: 'GET', pattern: ['metadata'],
    handle: (ctx) => json(200, { ...versionJson(ctx.state), kas: { enabled: false, externalUrl: null, externalK8sProxyUrl: null, version: null }, enterprise: true }),
  },
  { method: 'GET', pattern: ['issues'], handle: (ctx) => listIssues(ctx, ctx.state.data.issues, 'created_by_me') },
  {
    method: 'GET', pattern: ['projects'],
    handle: (ctx) => {
      const page = paginate(ctx.req, [...ctx.state.data.projects].sort((a, b) => b.id - a.id));
      if (!isPage(page)) return page;
      return json(200, page.items.map((p) => projectJson(p, ctx.req.publicBase)), page.headers);
    },
  },
  {
    method: 'GET', pattern: ['projects', ':id'],
    handle: (ctx, [id = '']) => {
      const project = findProject(ctx.state.data, id);
      return project ? json(200, projectJson(project, ctx.req.publicBase)) : notFound('Project');
    },
  },
  {
    method: 'GET', pattern: ['projects', ':id', 'issues'],
    handle: (ctx, [id = '']) => {
      const project = findProject(ctx.state.data, id);
      if (!project) return notFound('Project');
      return listIssues(ctx, ctx.state.data.issues.filter((i) => i.projectId === project.id), 'all');
    },
  },
  {
    method: 'GET', pattern: ISSUE,
    handle: (ctx, [id = '', iid = '']) => {
      const found = lookupIssue(ctx, id, iid);
      return isLookupError(found) ? found : json(200, issueJson(ctx.state, found.issue, ctx.req.publicBase));
    },
  },
  ...itemRoutes('Issue'),
  { method: 'GET', pattern: ['merge_requests'], handle: (ctx) => listMergeRequests(ctx, ctx.state.data.mergeRequests) },
  {
    method: 'GET', pattern: ['projects', ':id', 'merge_requests'],
    handle: (ctx, [id = '']) => {
      const project = findProject(ctx.state.data, id);
      if (!project) return notFound('Project');
      return listMergeRequests(ctx, ctx.state.data.mergeRequests.filter((m) => m.projectId === project.id), 'all');
    },
  },
  {
    method: 'GET', pattern: MERGE_REQUEST,
    handle: (ctx, [id = '', iid = '']) => {
      const found = lookupItem(ctx, 'MergeRequest', id, iid);
      return isLookupError(found) ? found : json(200, mergeRequestJson(ctx.state, found.issue as MergeRequestRecord, ctx.req.publicBase));
    },
  },
  ...itemRoutes('MergeRequest'),
  { method: 'GET', pattern: ['todos'], handle: listTodos },
  { method: 'POST', pattern: ['todos', 'mark_as_done'], handle: markAllTodosDone },
  { method: 'POST', pattern: ['todos', ':id', 'mark_as_done'], handle: markTodoDone },
];

function matchRoute(pattern: readonly string[], segments: string[]): string[] | null {
  if (pattern.length !== segments.length) return null;
  const args: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const actual = segments[i] ?? '';
    if (expected.startsWith(':')) {
      if (actual === '') return null;
      args.push(actual);
    } else if (expected !== actual) {
      return null;
    }
  }
  return args;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Answers one `/api/v4/...` request (not OPTIONS; the transport answers preflights). */
export function handleApi(state: ApiState, req: ApiRequest): ApiResult {
  if (!state.auth) throw new Error('the stand-in state has no token store');
  const token = authenticate(state.auth, req.token, req.tokenScheme ?? 'private-token');
  if (isAuthError(token)) return token;
  // The token's owner: the demo user, or the colleague with his own token.
  const user = state.data.users.find((u) => u.id === token.userId);
  if (!user) throw new Error(`token of unknown user ${token.userId}`);
  if (!token.scopes.includes('api') && !SAFE_METHODS.has(req.method)) {
    return json(403, {
      error: 'insufficient_scope',
      error_description: 'The request requires higher privileges than provided by the access token.',
      scope: 'api',
    });
  }

  const method = req.method === 'HEAD' ? 'GET' : req.method;
  let pathKnown = false;
  for (const route of ROUTES) {
    const args = matchRoute(route.pattern, req.segments);
    if (!args) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    return route.handle({ state, req, user, token }, args);
  }
  return pathKnown ? json(405, { error: '405 Not Allowed' }) : json(404, { error: '404 Not Found' });
}
