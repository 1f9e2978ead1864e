// The slice of GitLab's GraphQL API (`POST /api/graphql`) the extension uses, recognised by
// operation name rather than parsed: creating a timelog on a chosen day (`timelogCreate`,
// GitLab 15.3+), reading an issue's timelogs, and deleting one (`timelogDelete`). Shapes follow
// GitLab's schema: global ids like `gid://gitlab/Issue/1002`, `timeSpent` in seconds on read.
import { parseDuration } from './duration';
import { nextTimelogId, type ApiResult, type ApiState } from './api';
import { authenticate, isAuthError, type TokenScheme } from './auth';

export interface GraphqlRequest {
  method: string;
  params: Record<string, unknown>;
  token: string | null;
  tokenScheme?: TokenScheme | null;
  publicBase?: string;
}

const ok = (data: unknown): ApiResult => ({ status: 200, body: { data } });
const topError = (message: string): ApiResult => ({ status: 200, body: { errors: [{ message }] } });
const REPORTER = 20;

function gidNumber(gid: unknown, type: string): number | null {
  const m = typeof gid === 'string' ? new RegExp(`^gid://gitlab/${type}/(\\d+)$`).exec(gid) : null;
  return m ? Number(m[1]) : null;
}

export function handleGraphql(state: ApiState, req: GraphqlRequest): ApiResult {
  if (req.method !== 'POST') return { status: 405, body: { error: '405 Not Allowed' } };
  if (!state.auth) throw new Error('the stand-in state has no token store');
  const token = authenticate(state.auth, req.token, req.tokenScheme ?? 'private-token');
  if (isAuthError(token)) return token;
  const variables = (req.params.variables ?? {}) as Record<string, unknown>;
  const operation = String(req.params.operationName ?? '');
  const user = state.data.users.find((u) => u.id === token.userId)!;

  if (operation === 'IssueTimelogs') {
    const project = state.data.projects.find((p) => p.fullPath.toLowerCase() === String(variables.fullPath ?? '').toLowerCase());
    const issue = project && state.data.issues.find((i) => i.projectId === project.id && String(i.iid) === String(variables.iid));
    if (!project || !issue) return ok({ project: project ? { issue: null } : null });
    const nodes = state.timelogs
      .filter((t) => t.issueId === issue.id)
      .map((t) => ({ id: `gid://gitlab/Timelog/${t.id}`, timeSpent: t.seconds, spentAt: t.spentAt, summary: t.summary, user: { username: user.username } }));
    return ok({ project: { issue: { id: `gid://gitlab/Issue/${issue.id}`, timelogs: { nodes } } } });
  }

  if (!token.scopes.includes('api')) return topError('The resource that you are attempting to access does not exist or you don\'t have permission to perform this action');

  if (operation === 'TimelogCreate') {
    const input = (variables.input ?? {}) as Record<string, unknown>;
    const issueId = gidNumber(input.issuableId, 'Issue');
    const issue = state.data.issues.find((i) => i.id === issueId);
    const project = issue && state.data.projects.find((p) => p.id === issue.projectId);
    if (!issue || !project) return topError('The resource that you are attempting to access does not exist or you don\'t have permission to perform this action');
    if (project.accessLevel < REPORTER) return ok({ timelogCreate: { timelog: null, errors: ['You have insufficient permissions to create a timelog for this issuable'] } });
    const parsed = parseDuration(String(input.timeSpent ?? ''), { allowNegative: true });
    if (!parsed.ok) return ok({ timelogCreate: { timelog: null, errors: ['Time spent has an invalid format'] } });
    const spentAt = typeof input.spentAt === 'string' && !Number.isNaN(Date.parse(input.spentAt)) ? new Date(input.spentAt).toISOString() : new Date().toISOString();
    const summary = typeof input.summary === 'string' ? input.summary : null;
    issue.totalTimeSpent += parsed.seconds;
    issue.updatedAt = new Date().toISOString();
    const timelog = { id: nextTimelogId(state), issueId: issue.id, userId: token.userId, seconds: parsed.seconds, summary, at: issue.updatedAt, spentAt, projectId: project.id, iid: issue.iid };
    state.timelogs.push(timelog);
    return ok({ timelogCreate: { timelog: { id: `gid://gitlab/Timelog/${timelog.id}`, timeSpent: timelog.seconds, spentAt }, errors: [] } });
  }

  if (operation === 'TimelogDelete') {
    const id = gidNumber(variables.id, 'Timelog');
    const index = state.timelogs.findIndex((t) => t.id === id);
    if (index < 0) return topError('The resource that you are attempting to access does not exist or you don\'t have permission to perform this action');
    const [removed] = state.timelogs.splice(index, 1);
    state.deletedTimelogs = Math.max(state.deletedTimelogs ?? 0, removed!.id);
    const issue = state.data.issues.find((i) => i.id === removed!.issueId);
    if (issue) issue.totalTimeSpent -= removed!.seconds;
    return ok({ timelogDelete: { timelog: { id: `gid://gitlab/Timelog/${removed!.id}` }, errors: [] } });
  }

  return topError(`Unknown operation "${operation}" (the stand-in knows IssueTimelogs, TimelogCreate, TimelogDelete)`);
}
