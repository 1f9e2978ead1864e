// Shapes of what the GitLab REST API (v4) sends back, reduced to the fields the
// extension uses. schemas.ts validates answers against these.

export interface GitLabAuth {
  /** e.g. `https://gitlab.com` or `http://127.0.0.1:3300/gitlab`; no trailing slash (see normaliseBaseUrl). */
  baseUrl: string;
  token: string;
  /** Personal/project access tokens go in `PRIVATE-TOKEN`; OAuth tokens only work as `Authorization: Bearer`. */
  tokenType?: 'private' | 'oauth';
}

export type GitLabErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'insufficient-scope'
  | 'not-found'
  | 'bad-request'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'not-gitlab'
  | 'malformed';

export interface TimeStats {
  time_estimate: number;
  total_time_spent: number;
  human_time_estimate: string | null;
  human_total_time_spent: string | null;
}

export interface GitLabUser {
  id: number;
  username: string;
  name: string;
  avatar_url: string | null;
  web_url: string;
}

export interface GitLabVersion {
  version: string;
  revision: string;
}

/** `GET /personal_access_tokens/self` (newer servers): the personal token making the call. */
export interface TokenInfo {
  scopes: string[];
  /** The last day it works (`YYYY-MM-DD` from GitLab); null when it never expires. */
  expires_at: string | null;
  active: boolean;
  revoked: boolean;
}

export interface AssignedIssue {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  web_url: string;
  state: string;
  labels: string[];
  due_date: string | null;
  updated_at: string;
  /** 12.7+; older servers leave it out. */
  references?: { full: string; short: string; relative: string };
  time_stats: TimeStats;
}

/** An open merge request of the user's, as `GET /merge_requests` lists it (9.5+). */
export interface MyMergeRequest {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  web_url: string;
  state: string;
  updated_at: string;
  /** 12.7+; older servers leave it out. */
  references?: { full: string; short: string; relative: string };
  time_stats: TimeStats;
}

/** An issue as GraphQL lists it, in REST's shape (no project id: the popup's rows do not need one). */
export type MyWorkIssue = Omit<AssignedIssue, 'project_id'>;
/** A merge request as GraphQL lists it, in REST's shape (no project id). */
export type MyWorkMergeRequest = Omit<MyMergeRequest, 'project_id'>;

export interface Todo {
  id: number;
  action_name: string;
  target_type: string;
  target_url: string;
  body: string;
  state: string;
  created_at: string;
  /** null for group-level to-dos (epics). */
  project: { id: number; path_with_namespace: string } | null;
  target: { iid?: number; title?: string } | null;
}

/** A project's numeric id or its full path (`group/sub/project`). */
export type ProjectRef = string | number;

/** GitLab tracks time on issues (work items included) and on merge requests. */
export type ItemKind = 'issue' | 'merge_request';

/** An issue or merge request as the API addresses it: its project and its number in the project. */
export interface ItemRef {
  projectPath: string;
  kind: ItemKind;
  iid: number;
}

/**
 * Durations are whole seconds here (negative subtracts where GitLab allows it); the client writes
 * GitLab's `duration` parameter itself (lib/gitlab/duration.ts, `durationParam`).
 */
export interface GitLabClient {
  getUser(): Promise<GitLabUser>;
  getVersion(): Promise<GitLabVersion>;
  /** The personal token's scopes and expiry; fails on older servers and for OAuth tokens. */
  getTokenInfo(): Promise<TokenInfo>;
  getTimeStats(item: ItemRef): Promise<TimeStats>;
  setTimeEstimate(item: ItemRef, seconds: number): Promise<TimeStats>;
  resetTimeEstimate(item: ItemRef): Promise<TimeStats>;
  /** Negative `seconds` subtract. */
  addSpentTime(item: ItemRef, seconds: number, summary?: string): Promise<TimeStats>;
  resetSpentTime(item: ItemRef): Promise<TimeStats>;
  /** 201 → created; 304 (a to-do already exists) → not created. */
  addTodo(item: ItemRef): Promise<{ created: boolean }>;
  listAssignedIssues(opts?: { state?: 'opened' | 'closed' | 'all' }): Promise<AssignedIssue[]>;
  /**
   * The user's open merge requests: assigned, and waiting for their review (13.8+; `null` before,
   * when GitLab has no reviewer filter). `null` altogether where GitLab lists merge requests only
   * per project (API v3, 9.0-9.4).
   */
  listMyMergeRequests(): Promise<{ assigned: MyMergeRequest[]; reviewing: MyMergeRequest[] | null } | null>;
  /**
   * GraphQL (15.6+, see `listsOverGraphql`): the user's open assigned issues and open merge
   * requests (assigned, and waiting for their review) together, 100 of each per request, every
   * list's next page in the same request, so the pages of the longest list are all it takes.
   * The first request asks for both; a list whose `keepGoing` says no by the time it needs a
   * next page is not followed further and comes back null, as do the issues where GitLab answers
   * no root `issues` (its `root_level_issues_query` flag off).
   */
  listMyWork(
    username: string,
    keepGoing?: (list: 'issues' | 'mergeRequests') => boolean,
  ): Promise<{ issues: MyWorkIssue[] | null; mergeRequests: { assigned: MyWorkMergeRequest[]; reviewing: MyWorkMergeRequest[] } | null }>;
  listTodos(): Promise<Todo[]>;
  markTodoDone(id: number): Promise<void>;
  /** The item's global id (GraphQL `gid://gitlab/Issue/<id>`, `gid://gitlab/MergeRequest/<id>`). */
  getItemId(item: ItemRef): Promise<number>;
  /** GraphQL (newer servers): the item's latest 100 time logs, and its numbers in the same answer. */
  itemTimelogs(item: ItemRef): Promise<{ timelogs: TimelogEntry[]; timeStats: TimeStats }>;
  /**
   * Spent and estimate of many items at once, in one GraphQL request (`Project.issues(iids:)` and
   * `Project.mergeRequests(iids:)`, GitLab 12.x+; absent before GraphQL). Items GitLab does not
   * show this account are left out; at most 100 per project and kind.
   */
  listTimes?(items: ItemRef[]): Promise<Array<ItemRef & { timeEstimate: number; totalTimeSpent: number }>>;
  /** The item's latest 100 notes, newest first (system notes record every time log, with its author). */
  itemNotes(item: ItemRef): Promise<NoteEntry[]>;
  /** GraphQL `timelogCreate` (15.3+): a log filed under the day the work was done. */
  createTimelog(input: { item: ItemRef; itemId: number; seconds: number; spentAt: string; summary?: string }): Promise<{ id: string; timeStats: TimeStats | null }>;
  deleteTimelog(id: string): Promise<void>;
  /**
   * GraphQL `Query.timelogs` (15.3+ here): the user's own time logs between two instants, every
   * page of 100. `requests` counts the GraphQL requests it took.
   */
  userTimelogs(input: { username: string; startTime: string; endTime: string }): Promise<{ timelogs: UserTimelog[]; requests: number }>;
}

/** One of the user's time logs, with the item it is on (null when GitLab no longer shows it). */
export interface UserTimelog {
  id: string;
  seconds: number;
  spentAt: string | null;
  summary: string | null;
  item: { kind: ItemKind; projectPath: string; iid: number; title: string; webUrl: string | null } | null;
}

export interface NoteEntry {
  id: number;
  body: string;
  system: boolean;
  username: string | null;
}

export interface TimelogEntry {
  id: string;
  seconds: number;
  spentAt: string | null | undefined;
  summary: string | null;
  username: string | null;
}
