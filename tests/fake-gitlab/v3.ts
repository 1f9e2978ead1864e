// API v3 of the stand-in (GitLab 8.x, GitSwarm, and 9.0-10.x beside v4), as the seed documents
// in ../shared/seeds/ describe it. Requests are translated into the v4 handlers' terms (the data
// and the rules are the same) and the answers reshaped into v3's JSON:
// - issue paths take the global issue `id`; `GET /projects/:id/issues?iid=N` finds it;
// - `GET /issues` lists only issues the user authored (no `scope`);
// - issues carry a singular `assignee`, no `assignees`, no `time_stats`, no `references`;
//   GitSwarm's lists have no `web_url`, and its user URLs live under `/u/`;
// - time tracking routes exist from 8.16 only (404 before);
// - a to-do is created with 201 (GitSwarm: 200) or 304, and done with `DELETE /todos/:id`.
import { handleApi, type ApiRequest, type ApiResult, type ApiState } from './api';
import type { Era } from './eras';

const ROUTE_NOT_FOUND: ApiResult = { status: 404, body: { error: '404 Not Found' } };
const TIME_TRACKING = new Set(['time_stats', 'time_estimate', 'reset_time_estimate', 'add_spent_time', 'reset_spent_time']);

/** Answers one `/api/v3/...` request; `req.segments` are below `/api/v3`. */
export function handleApiV3(state: ApiState, req: ApiRequest, era: Era): ApiResult {
  const s = req.segments;
  const v4 = (segments: string[], patch: Partial<ApiRequest> = {}): ApiResult => handleApi(state, { ...req, segments, ...patch });
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const shape = (result: ApiResult, fn: (body: Record<string, unknown>) => Record<string, unknown>): ApiResult => {
    if (result.status >= 300 || result.body === undefined) return result;
    const body = Array.isArray(result.body) ? result.body.map((item) => fn(item as Record<string, unknown>)) : fn(result.body as Record<string, unknown>);
    return { ...result, body: users(body, era, req.publicBase) };
  };
  const issue = (body: Record<string, unknown>) => v3Issue(body, era);

  if (s.length === 1 && s[0] === 'user' && method === 'GET') return shape(v4(['user']), (u) => u);
  if (s.length === 1 && s[0] === 'version') return era.versionRoute ? v4(['version']) : ROUTE_NOT_FOUND;
  if (s.length === 1 && s[0] === 'issues' && method === 'GET') {
    // v3 has no scope: only what the user authored.
    return shape(v4(['issues'], withoutScope(req)), issue);
  }
  if (s[0] === 'projects') {
    if (s.length === 1 && method === 'GET') return shape(v4(['projects']), (p) => p);
    const projectKey = s[1] ?? '';
    if (s.length === 2 && method === 'GET') return shape(v4(['projects', projectKey]), (p) => p);
    // Merge requests as issues: listed with `?iid=` (the iid to global id lookup), then by global id.
    const collection = s[2] === 'merge_requests' ? 'merge_requests' : 'issues';
    if ((s[2] === 'issues' || s[2] === 'merge_requests') && s.length === 3 && method === 'GET') {
      const query = withoutScope(req);
      const iid = req.params.iid;
      if (iid !== undefined) {
        query.query.append('iids[]', String(iid));
        delete query.params.iid;
      }
      return shape(v4(['projects', projectKey, collection], query), issue);
    }
    if ((s[2] === 'issues' || s[2] === 'merge_requests') && s.length >= 4) {
      const action = s.slice(4);
      if (action.length > 1) return ROUTE_NOT_FOUND;
      const name = action[0];
      if (name !== undefined && name !== 'todo' && name !== 'notes' && !TIME_TRACKING.has(name)) return ROUTE_NOT_FOUND;
      if (name !== undefined && TIME_TRACKING.has(name) && !era.timeTracking) return ROUTE_NOT_FOUND;
      const iid = iidOf(state, projectKey, s[3] ?? '', collection);
      // Unknown project or issue: let v4 say which (a lookup with iid 0 finds nothing).
      const segments = ['projects', projectKey, collection, iid === null ? '999999' : String(iid), ...action];
      if (name === 'notes') {
        // lib/api/v3/notes.rb: `paginate(noteable.notes)`, no order_by or sort parameters.
        const { order_by: _orderBy, sort: _sort, ...params } = req.params;
        const query = new URLSearchParams(req.query);
        query.delete('order_by');
        query.delete('sort');
        query.set('sort', 'asc');
        return shape(v4(segments, { query, params: { ...params, sort: 'asc' } }), v3Note);
      }
      const result = v4(segments);
      if (name === undefined) return shape(result, issue);
      if (name === 'todo') {
        const todo = shape(result, (t) => ({ ...t, target: issue(t.target as Record<string, unknown>) }));
        return todo.status === 201 ? { ...todo, status: era.todoCreatedStatus } : todo;
      }
      return result;
    }
    return ROUTE_NOT_FOUND;
  }
  if (s[0] === 'todos') {
    if (s.length === 1 && method === 'GET') return shape(v4(['todos']), (t) => ({ ...t, target: issue(t.target as Record<string, unknown>) }));
    if (s.length === 2 && method === 'DELETE') {
      const done = v4(['todos', s[1] ?? '', 'mark_as_done'], { method: 'POST' });
      return shape(done, (t) => ({ ...t, target: issue(t.target as Record<string, unknown>) }));
    }
  }
  return ROUTE_NOT_FOUND;
}

/** API v3's note entity (8.x lib/api/entities.rb `Note`): no updated_at, always-false votes. */
function v3Note(body: Record<string, unknown>): Record<string, unknown> {
  const { id, body: text, attachment, author, created_at, system, noteable_id, noteable_type } = body;
  return { id, body: text, attachment, author, created_at, system, noteable_id, noteable_type, upvote: false, downvote: false };
}

function withoutScope(req: ApiRequest): { query: URLSearchParams; params: Record<string, unknown> } {
  const query = new URLSearchParams(req.query);
  query.delete('scope');
  const { scope: _scope, ...params } = req.params;
  return { query, params };
}

/** The iid of the issue (or merge request) with this global id in this project; null when there is none. */
function iidOf(state: ApiState, projectKey: string, globalId: string, collection: 'issues' | 'merge_requests'): number | null {
  if (!/^\d+$/.test(globalId)) return null;
  const key = projectKey.toLowerCase();
  const project = state.data.projects.find((p) => String(p.id) === key || p.fullPath.toLowerCase() === key);
  const pool = collection === 'issues' ? state.data.issues : state.data.mergeRequests;
  const found = project && pool.find((i) => i.id === Number(globalId) && i.projectId === project.id);
  return found ? found.iid : null;
}

const V4_ONLY = ['assignees', 'time_stats', 'references', '_links', 'type', 'issue_type', 'severity', 'task_completion_status', 'has_tasks', 'merge_requests_count', 'closed_at', 'closed_by', 'discussion_locked'];

function v3Issue(body: Record<string, unknown>, era: Era): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body, subscribed: false };
  for (const key of V4_ONLY) delete out[key];
  // GitSwarm's documented issues have no web_url.
  if (era.name === 'gitswarm') delete out.web_url;
  return out;
}

/** GitSwarm's user pages live under `/u/<username>`. */
function users<T>(value: T, era: Era, publicBase: string): T {
  if (era.userPrefix === '' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => users(v, era, publicBase)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = users(inner, era, publicBase);
  if (typeof out.username === 'string' && typeof out.web_url === 'string') out.web_url = `${publicBase}${era.userPrefix}/${out.username}`;
  return out as T;
}
