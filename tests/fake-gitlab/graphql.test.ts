// @vitest-environment node
// The stand-in's GraphQL API: documents validated and executed against GitLab's schema subset,
// answered with GitLab's (graphql-ruby's) words, and GitLab's timelog rules.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from './server';

let gl: StandIn;
beforeAll(async () => {
  gl = await startStandIn({ assignedIssueCount: 10 });
});
afterAll(async () => {
  await gl.close();
});
beforeEach(() => gl.reset());

interface Gql {
  status: number;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function gql(query: string, variables: Record<string, unknown> = {}, opts: { token?: string | null; operationName?: string; on?: StandIn } = {}): Promise<Gql> {
  const on = opts.on ?? gl;
  const token = opts.token === undefined ? on.token : opts.token;
  const response = await fetch(`${on.url}/api/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { 'PRIVATE-TOKEN': token } : {}) },
    body: JSON.stringify({ query, variables, ...(opts.operationName ? { operationName: opts.operationName } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as Gql['body'] };
}

const messages = (answer: Gql): string[] => (answer.body.errors ?? []).map((e) => e.message);

// The documents lib/gitlab/client.ts sends today, verbatim.
const ISSUE_TIMELOGS = `query IssueTimelogs($fullPath: ID!, $iid: String!) { project(fullPath: $fullPath) { issue(iid: $iid) { id timelogs(last: 50) { nodes { id timeSpent spentAt summary user { username } } } } } }`;
const TIMELOG_CREATE = `mutation TimelogCreate($input: TimelogCreateInput!) { timelogCreate(input: $input) { timelog { id } errors } }`;
const TIMELOG_DELETE = `mutation TimelogDelete($id: TimelogID!) { timelogDelete(input: { id: $id }) { timelog { id } errors } }`;

const NOT_AVAILABLE = "The resource that you are attempting to access does not exist or you don't have permission to perform this action";
const YESTERDAY = (): string => new Date(Date.now() - 86_400_000).toISOString();

async function create(input: Record<string, unknown>, token?: string): Promise<Gql> {
  return gql(TIMELOG_CREATE, { input: { summary: '', ...input } }, { token });
}

async function createdId(input: Record<string, unknown>, token?: string): Promise<string> {
  const answer = await create(input, token);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data?.timelogCreate.errors).toEqual([]);
  return answer.body.data?.timelogCreate.timelog.id as string;
}

describe("the extension's documents", () => {
  it('TimelogCreate without summary is refused as GitLab refuses it: summary is required', async () => {
    const answer = await gql(TIMELOG_CREATE, { input: { issuableId: 'gid://gitlab/Issue/1001', timeSpent: '1h', spentAt: YESTERDAY() } });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: 'Variable $input of type TimelogCreateInput! was provided invalid value for summary (Expected value to not be null)',
        extensions: expect.objectContaining({ problems: [{ path: ['summary'], explanation: 'Expected value to not be null' }] }),
      }),
    ]);
    expect(gl.timelogs).toHaveLength(0);
  });

  it('TimelogCreate with a summary (an empty one too), IssueTimelogs and TimelogDelete work', async () => {
    const spentAt = YESTERDAY();
    const id = await createdId({ issuableId: 'gid://gitlab/Issue/1001', timeSpent: '1h30m', spentAt });
    expect(id).toBe('gid://gitlab/Timelog/1');
    expect(gl.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400 + 5400);

    const read = await gql(ISSUE_TIMELOGS, { fullPath: 'acme/web', iid: '1' });
    expect(read.body.data?.project.issue).toEqual({
      id: 'gid://gitlab/Issue/1001',
      timelogs: { nodes: [{ id, timeSpent: 5400, spentAt: spentAt.replace(/\.\d{3}Z$/, 'Z'), summary: '', user: { username: 'demo' } }] },
    });

    const deleted = await gql(TIMELOG_DELETE, { id });
    expect(deleted.body).toEqual({ data: { timelogDelete: { timelog: { id }, errors: [] } } });
    expect(gl.timelogs).toHaveLength(0);
    expect(gl.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400);
  });

  it('any operation name and any document the schema accepts work; GET runs queries, not mutations', async () => {
    const answer = await gql(`query Whatever { currentUser { id username } p: project(fullPath: "acme/web") { fullPath } }`);
    expect(answer.body).toEqual({ data: { currentUser: { id: 'gid://gitlab/User/1', username: 'demo' }, p: { fullPath: 'acme/web' } } });

    const get = await fetch(`${gl.url}/api/graphql?query=${encodeURIComponent('{ currentUser { username } }')}`, { headers: { 'PRIVATE-TOKEN': gl.token } });
    expect(await get.json()).toEqual({ data: { currentUser: { username: 'demo' } } });
    const mutation = await fetch(`${gl.url}/api/graphql?query=${encodeURIComponent('mutation { timelogDelete(input: {id: "gid://gitlab/Timelog/1"}) { errors } }')}`, { headers: { 'PRIVATE-TOKEN': gl.token } });
    expect(mutation.status).toBe(422);
    expect(await mutation.json()).toEqual({ errors: [{ message: 'Mutations are forbidden in GET requests' }] });
  });

  it('two operations need an operation name', async () => {
    const doc = `query A { currentUser { username } } query B { currentUser { id } }`;
    expect(messages(await gql(doc))).toEqual(['An operation name is required']);
    expect((await gql(doc, {}, { operationName: 'B' })).body.data).toEqual({ currentUser: { id: 'gid://gitlab/User/1' } });
    expect(messages(await gql(doc, {}, { operationName: 'C' }))).toEqual(['No operation named "C"']);
  });
});

describe('validation, in graphql-ruby words', () => {
  it('a field the type does not have', async () => {
    const answer = await gql(`{ project(fullPath: "acme/web") { issue(iid: "1") { project { fullPath } } } }`);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([{
      message: "Field 'project' doesn't exist on type 'Issue'",
      locations: [{ line: 1, column: 53 }],
      path: ['query', 'project', 'issue', 'project'],
      extensions: { code: 'undefinedField', typeName: 'Issue', fieldName: 'project' },
    }]);
  });

  it('an argument the field does not take: Issue.timelogs has no username filter', async () => {
    const answer = await gql(`{ project(fullPath: "acme/web") { issue(iid: "1") { timelogs(username: "demo") { count } } } }`);
    expect(answer.body.errors).toEqual([expect.objectContaining({
      message: "Field 'timelogs' doesn't accept argument 'username'",
      extensions: { code: 'argumentNotAccepted', name: 'timelogs', typeName: 'Field', argumentName: 'username' },
    })]);
  });

  it('a missing required argument', async () => {
    expect(messages(await gql(`{ project { fullPath } }`))).toEqual(["Field 'project' is missing required arguments: fullPath"]);
    expect(messages(await gql(`{ project(fullPath: "acme/web") { mergeRequest { iid } } }`))).toEqual(["Field 'mergeRequest' is missing required arguments: iid"]);
  });

  it('a missing required input field written inline, and an unknown one', async () => {
    const answer = await gql(`mutation { timelogCreate(input: { issuableId: "gid://gitlab/Issue/1001", timeSpent: "1h", note: "x" }) { errors } }`);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: "Argument 'summary' on InputObject 'TimelogCreateInput' is required. Expected type String!",
        extensions: { code: 'missingRequiredInputObjectAttribute', argumentName: 'summary', argumentType: 'String!', inputObjectType: 'TimelogCreateInput' },
      }),
      expect.objectContaining({ message: "InputObject 'TimelogCreateInput' doesn't accept argument 'note'" }),
    ]);
  });

  it('a literal of the wrong type, and a global id of the wrong model', async () => {
    expect(messages(await gql(`{ project(fullPath: "acme/web") { issue(iid: 1) { id } } }`)))
      .toEqual(["Argument 'iid' on Field 'issue' has an invalid value (1). Expected type 'String'."]);
    expect(messages(await gql(`mutation { timelogDelete(input: { id: "gid://gitlab/Issue/1001" }) { errors } }`)))
      .toEqual(['"gid://gitlab/Issue/1001" does not represent an instance of Timelog']);
    const variable = await gql(TIMELOG_DELETE, { id: '1' });
    expect(messages(variable)).toEqual(['Variable $id of type TimelogID! was provided invalid value']);
    expect(variable.body.errors?.[0]?.extensions).toEqual({ value: '1', problems: [{ path: [], explanation: '"1" is not a valid Global ID' }] });
  });

  it('an unknown sort value and an unknown input field in variables', async () => {
    const sort = await gql(`query($s: TimelogSort) { timelogs(username: "demo", sort: $s) { count } }`, { s: 'NEWEST' });
    expect(messages(sort)[0]).toMatch(/^Variable \$s of type TimelogSort was provided invalid value/);
    const extra = await gql(TIMELOG_CREATE, { input: { issuableId: 'gid://gitlab/Issue/1001', timeSpent: '1h', summary: '', date: '2025-01-01' } });
    expect(messages(extra)).toEqual(['Variable $input of type TimelogCreateInput! was provided invalid value for date (Field is not defined on TimelogCreateInput)']);
  });
});

describe('Query.timelogs (Resolvers::TimelogResolver, Timelogs::TimelogsFinder)', () => {
  const TIMELOGS = `query($username: String, $startDate: Time, $endDate: Time, $startTime: Time, $endTime: Time, $projectId: ProjectID, $groupId: GroupID, $sort: TimelogSort, $first: Int, $after: String, $last: Int, $before: String) {
    timelogs(username: $username, startDate: $startDate, endDate: $endDate, startTime: $startTime, endTime: $endTime, projectId: $projectId, groupId: $groupId, sort: $sort, first: $first, after: $after, last: $last, before: $before) {
      count totalSpentTime
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id timeSpent spentAt summary user { username } issue { iid } mergeRequest { iid } project { fullPath } }
    }
  }`;

  async function seedLogs(): Promise<void> {
    await createdId({ issuableId: 'gid://gitlab/Issue/1001', timeSpent: '1h', spentAt: '2025-06-01T09:00:00Z', summary: 'demo day 1' });
    await createdId({ issuableId: 'gid://gitlab/Issue/1001', timeSpent: '2h', spentAt: '2025-06-02T23:30:00Z', summary: 'demo day 2' });
    await createdId({ issuableId: 'gid://gitlab/Issue/1002', timeSpent: '30m', spentAt: '2025-06-03T08:00:00Z', summary: 'alex' }, gl.colleagueToken);
    await createdId({ issuableId: 'gid://gitlab/MergeRequest/11001', timeSpent: '15m', spentAt: '2025-06-04T12:00:00Z', summary: 'review' });
  }

  it('needs a parent, a group, a project or the current username', async () => {
    const answer = await gql(`{ timelogs { count } }`);
    expect(answer.body).toEqual({
      data: { timelogs: null },
      errors: [{ message: 'Non-admin users must provide a group_id, project_id, or current username', locations: [{ line: 1, column: 3 }], path: ['timelogs'] }],
    });
    expect(messages(await gql(`{ timelogs(username: "alex.rivera") { count } }`))).toEqual(['Non-admin users must provide a group_id, project_id, or current username']);
  });

  it('filters by username: each log reports its real author', async () => {
    await seedLogs();
    const mine = await gql(TIMELOGS, { username: 'demo' });
    expect(mine.body.data?.timelogs.nodes.map((n: { summary: string }) => n.summary)).toEqual(['demo day 1', 'demo day 2', 'review']);
    const alex = await gql(TIMELOGS, { username: 'alex.rivera', projectId: 'gid://gitlab/Project/1' });
    expect(alex.body.data?.timelogs).toMatchObject({ count: 1, totalSpentTime: 1800, nodes: [{ user: { username: 'alex.rivera' }, issue: { iid: '2' }, mergeRequest: null }] });
    const asAlex = await gql(TIMELOGS, { username: 'alex.rivera' }, { token: gl.colleagueToken });
    expect(asAlex.body.data?.timelogs.count).toBe(1);
    const nobody = await gql(TIMELOGS, { username: 'nobody', projectId: 'gid://gitlab/Project/1' });
    expect(nobody.body.data?.timelogs.count).toBe(0);
  });

  it('dates are whole days, times are exact; never a date and a time on one side; start after end is refused', async () => {
    await seedLogs();
    const days = await gql(TIMELOGS, { username: 'demo', startDate: '2025-06-02', endDate: '2025-06-02' });
    expect(days.body.data?.timelogs.nodes.map((n: { summary: string }) => n.summary)).toEqual(['demo day 2']);
    const times = await gql(TIMELOGS, { username: 'demo', startTime: '2025-06-01T08:00:00Z', endTime: '2025-06-02T12:00:00Z' });
    expect(times.body.data?.timelogs.nodes.map((n: { summary: string }) => n.summary)).toEqual(['demo day 1']);
    expect(messages(await gql(TIMELOGS, { username: 'demo', startDate: '2025-06-01', startTime: '2025-06-01T00:00:00Z' })))
      .toEqual(['Provide either a start date or time, but not both']);
    expect(messages(await gql(TIMELOGS, { username: 'demo', endDate: '2025-06-01', endTime: '2025-06-01T00:00:00Z' })))
      .toEqual(['Provide either an end date or time, but not both']);
    expect(messages(await gql(TIMELOGS, { username: 'demo', startDate: '2025-06-03', endDate: '2025-06-01' })))
      .toEqual(['Start argument must be before End argument']);
  });

  it('sorts (spent at ascending by default) and filters by group', async () => {
    await seedLogs();
    const desc = await gql(TIMELOGS, { username: 'demo', sort: 'TIME_SPENT_DESC' });
    expect(desc.body.data?.timelogs.nodes.map((n: { timeSpent: number }) => n.timeSpent)).toEqual([7200, 3600, 900]);
    const group = await gql(TIMELOGS, { groupId: 'gid://gitlab/Group/10' });
    expect(group.body.data?.timelogs.count).toBe(4);
    expect(messages(await gql(TIMELOGS, { groupId: 'gid://gitlab/Group/999' }))).toEqual([NOT_AVAILABLE]);
  });

  it('pages with cursors, at most 100 a page', async () => {
    const now = Date.parse('2025-05-01T00:00:00Z');
    for (let i = 1; i <= 120; i++) {
      const at = new Date(now + i * 60_000).toISOString();
      gl.timelogs.push({ id: i, issueId: 1001, userId: 1, seconds: 60, summary: `log ${i}`, at, spentAt: at, projectId: 1, iid: 1 });
    }
    const all = await gql(TIMELOGS, { username: 'demo', first: 500 });
    expect(all.body.data?.timelogs.nodes).toHaveLength(100);
    expect(all.body.data?.timelogs).toMatchObject({ count: 120, totalSpentTime: 7200, pageInfo: { hasNextPage: true, hasPreviousPage: false } });

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer: Gql = await gql(TIMELOGS, { username: 'demo', first: 50, after });
      const connection = answer.body.data?.timelogs;
      seen.push(...connection.nodes.map((n: { summary: string }) => n.summary));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `log ${i + 1}`));

    const last = await gql(TIMELOGS, { username: 'demo', last: 5 });
    expect(last.body.data?.timelogs.nodes.map((n: { summary: string }) => n.summary)).toEqual(['log 116', 'log 117', 'log 118', 'log 119', 'log 120']);
    expect(last.body.data?.timelogs.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await gql(TIMELOGS, { username: 'demo', last: 2, before: last.body.data?.timelogs.pageInfo.startCursor });
    expect(before.body.data?.timelogs.nodes.map((n: { summary: string }) => n.summary)).toEqual(['log 114', 'log 115']);
  });
});

describe('timelogCreate (Mutations::Timelogs::Create, Timelogs::CreateService, Timelog)', () => {
  const CREATE_FULL = `mutation($input: TimelogCreateInput!) { timelogCreate(input: $input) { clientMutationId errors timelog { id timeSpent spentAt summary user { username } issue { iid } mergeRequest { iid totalTimeSpent } userPermissions { adminTimelog } } } }`;

  it('spentAt defaults to now; the payload echoes clientMutationId', async () => {
    const before = Date.now();
    const answer = await gql(CREATE_FULL, { input: { issuableId: 'gid://gitlab/Issue/1002', timeSpent: '45m', summary: 'Pairing', clientMutationId: 'abc' } });
    const payload = answer.body.data?.timelogCreate;
    expect(payload).toMatchObject({ clientMutationId: 'abc', errors: [], timelog: { timeSpent: 2700, summary: 'Pairing', user: { username: 'demo' }, issue: { iid: '2' }, mergeRequest: null, userPermissions: { adminTimelog: true } } });
    expect(Date.parse(payload.timelog.spentAt)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });

  it('logs on a merge request by its global id', async () => {
    const answer = await gql(CREATE_FULL, { input: { issuableId: 'gid://gitlab/MergeRequest/11001', timeSpent: '1h', summary: 'Review' } });
    expect(answer.body.data?.timelogCreate.timelog.mergeRequest).toEqual({ iid: '1', totalTimeSpent: 7200 });
    expect(gl.mergeRequest('acme/web', 1)?.totalTimeSpent).toBe(7200);
    const read = await gql(`{ project(fullPath: "acme/web") { mergeRequest(iid: "1") { title reference(full: true) timeEstimate totalTimeSpent humanTotalTimeSpent project { fullPath } assignees { nodes { username } } reviewers { nodes { username } } timelogs { count nodes { user { username } } } } } }`);
    expect(read.body.data?.project.mergeRequest).toEqual({
      title: 'Add rate limiting to the login endpoint', reference: 'acme/web!1', timeEstimate: 14400, totalTimeSpent: 7200, humanTotalTimeSpent: '2h',
      project: { fullPath: 'acme/web' }, assignees: { nodes: [{ username: 'demo' }] }, reviewers: { nodes: [{ username: 'alex.rivera' }] },
      timelogs: { count: 1, nodes: [{ user: { username: 'demo' } }] },
    });
  });

  it('Guests, read_api tokens and unknown items get the top-level "resource not available" error', async () => {
    for (const [input, token] of [
      [{ issuableId: 'gid://gitlab/Issue/4001', timeSpent: '1h' }, gl.token], // demo is a Guest in partners/guest-portal
      [{ issuableId: 'gid://gitlab/Issue/1001', timeSpent: '1h' }, gl.readonlyToken],
      [{ issuableId: 'gid://gitlab/Issue/999999', timeSpent: '1h' }, gl.token],
    ] as const) {
      const answer = await create(input, token);
      expect(answer.body).toEqual({ data: { timelogCreate: null }, errors: [{ message: NOT_AVAILABLE, locations: [{ line: 1, column: 55 }], path: ['timelogCreate'] }] });
    }
    expect(gl.timelogs).toHaveLength(0);
  });

  it('errors in the payload: format, zero, future, summary length, negative total, a year at most', async () => {
    const errorsOf = async (input: Record<string, unknown>) => (await create({ issuableId: 'gid://gitlab/Issue/1002', ...input })).body.data?.timelogCreate;
    expect(await errorsOf({ timeSpent: 'soon' })).toEqual({ timelog: null, errors: ['Time spent must be formatted correctly. For example: 1h 30m.'] });
    expect(await errorsOf({ timeSpent: '0h' })).toEqual({ timelog: null, errors: ["Time spent can't be zero."] });
    expect(await errorsOf({ timeSpent: '1h', spentAt: new Date(Date.now() + 3_600_000).toISOString() })).toEqual({ timelog: null, errors: ["Spent at can't be a future date and time."] });
    expect(await errorsOf({ timeSpent: '1h', summary: 'x'.repeat(256) })).toEqual({ timelog: null, errors: ['Summary is too long (maximum is 255 characters)'] });
    expect(await errorsOf({ timeSpent: '-1h' })).toEqual({ timelog: null, errors: ['Total time spent cannot be negative.'] });
    expect(await errorsOf({ timeSpent: '9000h' })).toEqual({ timelog: null, errors: ['Total time spent cannot exceed a year.'] });
    expect(gl.timelogs).toHaveLength(0);
    expect(gl.issue('acme/web', 2)?.time_stats.total_time_spent).toBe(0);
  });

  it('a negative amount subtracts while the total stays positive', async () => {
    await createdId({ issuableId: 'gid://gitlab/Issue/1001', timeSpent: '-30m' });
    expect(gl.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(3600);
  });

  it("the 16.x era: spentAt is a required Date, as before GitLab 17.0", async () => {
    const old = await startStandIn({ era: '16.x', assignedIssueCount: 4 });
    try {
      const missing = await gql(TIMELOG_CREATE, { input: { issuableId: 'gid://gitlab/Issue/1001', timeSpent: '1h', summary: '' } }, { on: old, token: old.token });
      expect(messages(missing)).toEqual(['Variable $input of type TimelogCreateInput! was provided invalid value for spentAt (Expected value to not be null)']);
      const ok = await gql(TIMELOG_CREATE, { input: { issuableId: 'gid://gitlab/Issue/1001', timeSpent: '1h', summary: '', spentAt: '2025-06-01' } }, { on: old, token: old.token });
      expect(ok.body.data?.timelogCreate.errors).toEqual([]);
      const blank = await gql(TIMELOG_CREATE, { input: { issuableId: 'gid://gitlab/Issue/1001', timeSpent: 'soon', summary: '', spentAt: '2025-06-01' } }, { on: old, token: old.token });
      expect(blank.body.data?.timelogCreate.errors).toEqual(["Time spent can't be blank"]);
    } finally {
      await old.close();
    }
  });

  it('eras before GraphQL have no /api/graphql', async () => {
    const old = await startStandIn({ era: '10.x', assignedIssueCount: 4 });
    try {
      expect((await gql(`{ currentUser { id } }`, {}, { on: old, token: old.token })).status).toBe(404);
    } finally {
      await old.close();
    }
  });
});

describe('timelogDelete (Mutations::Timelogs::Delete, TimelogPolicy, Timelogs::DeleteService)', () => {
  it("a colleague may not delete the demo user's log; the author may", async () => {
    const id = await createdId({ issuableId: 'gid://gitlab/Issue/1001', timeSpent: '1h' });
    const refused = await gql(TIMELOG_DELETE, { id }, { token: gl.colleagueToken });
    expect(refused.body).toEqual({ data: { timelogDelete: null }, errors: [expect.objectContaining({ message: NOT_AVAILABLE, path: ['timelogDelete'] })] });
    expect(gl.timelogs).toHaveLength(1);
    expect((await gql(TIMELOG_DELETE, { id })).body.data?.timelogDelete.errors).toEqual([]);
    expect(gl.issue('acme/web', 1)?.time_stats.total_time_spent).toBe(5400);
  });

  it("a Maintainer may delete a colleague's log; a Developer may not", async () => {
    // demo is a Maintainer of acme/platform/infra and a Developer of acme/web; alex.rivera a Developer of both.
    const infra = await createdId({ issuableId: 'gid://gitlab/Issue/3001', timeSpent: '2h' }, gl.colleagueToken);
    const web = await createdId({ issuableId: 'gid://gitlab/Issue/1001', timeSpent: '2h' }, gl.colleagueToken);
    const read = await gql(`query($id: ID!) { project(fullPath: $id) { issue(iid: "1") { timelogs { nodes { id user { username } userPermissions { adminTimelog } } } } } }`, { id: 'acme/platform/infra' });
    expect(read.body.data?.project.issue.timelogs.nodes).toEqual([{ id: infra, user: { username: 'alex.rivera' }, userPermissions: { adminTimelog: true } }]);

    expect((await gql(TIMELOG_DELETE, { id: infra })).body.data?.timelogDelete).toEqual({ timelog: { id: infra }, errors: [] });
    expect(gl.issue('acme/platform/infra', 1)?.time_stats.total_time_spent).toBe(0);
    expect(messages(await gql(TIMELOG_DELETE, { id: web }))).toEqual([NOT_AVAILABLE]);
    expect(gl.timelogs.map((t) => t.id)).toEqual([2]);
  });

  it('an unknown or already deleted timelog is "not available"', async () => {
    const id = await createdId({ issuableId: 'gid://gitlab/Issue/1001', timeSpent: '1h' });
    await gql(TIMELOG_DELETE, { id });
    expect(messages(await gql(TIMELOG_DELETE, { id }))).toEqual([NOT_AVAILABLE]);
  });
});

describe('transport', () => {
  it('an unknown token is 401 "Invalid token"; no token is anonymous and sees no private project', async () => {
    const bad = await gql(`{ currentUser { id } }`, {}, { token: 'glpat-nope' });
    expect(bad).toEqual({ status: 401, body: { errors: [{ message: 'Invalid token' }] } });
    expect((await gql(`{ currentUser { id } project(fullPath: "acme/web") { id } }`, {}, { token: null })).body).toEqual({ data: { currentUser: null, project: null } });
  });

  it('Bearer tokens work, and faults are injected as on REST routes', async () => {
    const response = await fetch(`${gl.url}/api/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${gl.colleagueToken}` },
      body: JSON.stringify({ query: '{ currentUser { username } }' }),
    });
    expect(await response.json()).toEqual({ data: { currentUser: { username: 'alex.rivera' } } });
    gl.fail('POST', '/api/graphql', { kind: 'status', status: 502, times: 1 });
    expect((await gql(`{ currentUser { id } }`).catch(() => ({ status: 0 }))).status).toBe(502);
    gl.fail('POST', '/api/graphql', { kind: 'drop-after', times: 1 });
    await expect(create({ issuableId: 'gid://gitlab/Issue/1002', timeSpent: '1h' })).rejects.toThrow();
    expect(gl.timelogs).toHaveLength(1); // applied, then the connection was dropped
  });

  it('an oversized query is 422 "Query too large"', async () => {
    const answer = await gql(`{ currentUser { ${'username '.repeat(1200)} } }`);
    expect(answer).toEqual({ status: 422, body: { errors: [{ message: 'Query too large' }] } });
  });
});
