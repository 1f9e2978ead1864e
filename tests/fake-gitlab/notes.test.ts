// @vitest-environment node
// Time tracking system notes per era, the issue notes endpoints, and a colleague's REST logs.
import { afterEach, describe, expect, it } from 'vitest';
import { startStandIn, type EraName, type StandIn } from './server';

const open: StandIn[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((gl) => gl.close()));
});

async function standIn(era?: EraName): Promise<StandIn> {
  const gl = await startStandIn({ assignedIssueCount: 6, ...(era ? { era } : {}) });
  open.push(gl);
  return gl;
}

async function post(gl: StandIn, path: string, body: Record<string, string>, token = gl.token): Promise<number> {
  const response = await fetch(`${gl.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'PRIVATE-TOKEN': token }, body: JSON.stringify(body) });
  return response.status;
}

async function get(gl: StandIn, path: string, token = gl.token): Promise<{ status: number; json: any; headers: Headers }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${gl.url}${path}`, { headers: { 'PRIVATE-TOKEN': token } });
  return { status: response.status, json: await response.json(), headers: response.headers };
}

async function gql(gl: StandIn, query: string, variables: Record<string, unknown>, token = gl.token): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${gl.url}/api/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'PRIVATE-TOKEN': token }, body: JSON.stringify({ query, variables }) });
  return response.json();
}

const CREATE = `mutation($input: TimelogCreateInput!) { timelogCreate(input: $input) { timelog { id } errors } }`;
const DELETE = `mutation($id: TimelogID!) { timelogDelete(input: { id: $id }) { errors } }`;

describe('a colleague logging through REST', () => {
  it('is the author of his time log and of its note, on v4', async () => {
    const gl = await standIn();
    expect(await post(gl, '/api/v4/projects/acme%2Fweb/issues/1/add_spent_time', { duration: '1h30m', summary: 'Review' }, gl.colleagueToken)).toBe(201);
    expect(gl.timelogs).toEqual([expect.objectContaining({ issueId: 1001, userId: 2, seconds: 5400, summary: 'Review' })]);
    expect((await get(gl, '/api/v4/user', gl.colleagueToken)).json).toMatchObject({ id: 2, username: 'alex.rivera' });

    const notes = await get(gl, '/api/v4/projects/acme%2Fweb/issues/1/notes');
    expect(notes.status).toBe(200);
    expect(notes.json).toEqual([{
      id: 1, type: null, body: 'added 1h 30m of time spent', attachment: null,
      author: expect.objectContaining({ id: 2, username: 'alex.rivera', name: 'Alex Rivera' }),
      created_at: expect.any(String), updated_at: expect.any(String), system: true,
      noteable_id: 1001, noteable_type: 'Issue', resolvable: false, confidential: false, noteable_iid: 1, commands_changes: {},
    }]);
    expect(notes.headers.get('X-Total')).toBe('1');

    // His log reads as his through GraphQL too.
    const read = await gql(gl, `{ project(fullPath: "acme/web") { issue(iid: "1") { timelogs { nodes { user { username } } } } } }`, {});
    expect(read.data.project.issue.timelogs.nodes).toEqual([{ user: { username: 'alex.rivera' } }]);
  });

  it('is the author on v3 as well (8.16)', async () => {
    const gl = await standIn('8.16');
    expect(await post(gl, '/api/v3/projects/1/issues/1001/add_spent_time', { duration: '2h' }, gl.colleagueToken)).toBe(201);
    expect(gl.timelogs).toEqual([expect.objectContaining({ userId: 2, seconds: 7200 })]);
  });
});

describe('system notes per era', () => {
  it('17.x: REST add, subtract and reset; GraphQL create (dated when not today) and delete', async () => {
    const gl = await standIn();
    await post(gl, '/api/v4/projects/acme%2Fweb/issues/2/add_spent_time', { duration: '1h' });
    await post(gl, '/api/v4/projects/acme%2Fweb/issues/2/add_spent_time', { duration: '-15m' });
    await post(gl, '/api/v4/projects/acme%2Fweb/issues/2/reset_spent_time', {});
    const past = await gql(gl, CREATE, { input: { issuableId: 'gid://gitlab/Issue/1002', timeSpent: '1h', summary: '', spentAt: '2025-06-01T10:00:00Z' } });
    await gql(gl, CREATE, { input: { issuableId: 'gid://gitlab/Issue/1002', timeSpent: '2h', summary: '' } });
    await gql(gl, DELETE, { id: past.data.timelogCreate.timelog.id });

    const asc = await get(gl, '/api/v4/projects/acme%2Fweb/issues/2/notes?sort=asc');
    expect(asc.json.map((n: { body: string }) => n.body)).toEqual([
      'added 1h of time spent',
      'subtracted 15m of time spent',
      'removed time spent',
      'added 1h of time spent at 2025-06-01',
      'added 2h of time spent',
      'deleted 1h of spent time from 2025-06-01',
    ]);
    const desc = await get(gl, '/api/v4/projects/acme%2Fweb/issues/2/notes?per_page=2');
    expect(desc.json.map((n: { id: number }) => n.id)).toEqual([6, 5]);
    expect(desc.headers.get('X-Total-Pages')).toBe('3');
    expect((await get(gl, '/api/v4/projects/acme%2Fweb/issues/2/notes?order_by=title')).status).toBe(400);
    expect((await get(gl, '/api/v4/projects/acme%2Fweb/issues/2/notes?sort=up')).status).toBe(400);
  });

  it('the note of a deletion is authored by whoever deleted', async () => {
    const gl = await standIn('16.x');
    const created = await gql(gl, CREATE, { input: { issuableId: 'gid://gitlab/Issue/3001', timeSpent: '30m', summary: '', spentAt: '2025-06-01' } }, gl.colleagueToken);
    expect(created.data.timelogCreate.errors).toEqual([]);
    await gql(gl, DELETE, { id: created.data.timelogCreate.timelog.id });
    expect(gl.notes.map((n) => [n.authorId, n.body])).toEqual([
      [2, 'added 30m of time spent at 2025-06-01'],
      [1, 'deleted 30m of spent time from 2025-06-01'],
    ]);
  });

  it('merge request logs write their note on the merge request', async () => {
    const gl = await standIn();
    await gql(gl, CREATE, { input: { issuableId: 'gid://gitlab/MergeRequest/12001', timeSpent: '45m', summary: 'Docs' } });
    expect(gl.notes).toEqual([expect.objectContaining({ noteableType: 'MergeRequest', noteableId: 12001, body: 'added 45m of time spent', system: true })]);
  });

  it.each(['8.16', '10.x'] as const)('%s: no date, v3 notes without order parameters', async (era) => {
    const gl = await standIn(era);
    await post(gl, '/api/v3/projects/1/issues/1002/add_spent_time', { duration: '1h30m' });
    await post(gl, '/api/v3/projects/1/issues/1002/add_spent_time', { duration: '-30m' });
    await post(gl, '/api/v3/projects/1/issues/1002/reset_spent_time', {});
    const notes = await get(gl, '/api/v3/projects/1/issues/1002/notes');
    expect(notes.status).toBe(200);
    expect(notes.json.map((n: { body: string }) => n.body)).toEqual(['added 1h 30m of time spent', 'subtracted 30m of time spent', 'removed time spent']);
    expect(notes.json[0]).toEqual({
      id: 1, body: 'added 1h 30m of time spent', attachment: null, author: expect.objectContaining({ id: 1, username: 'demo' }),
      created_at: expect.any(String), system: true, noteable_id: 1002, noteable_type: 'Issue', upvote: false, downvote: false,
    });
    if (era === '10.x') {
      const v4 = await get(gl, '/api/v4/projects/1/issues/2/notes?sort=asc');
      expect(v4.json.map((n: { body: string }) => n.body)).toEqual(['added 1h 30m of time spent', 'subtracted 30m of time spent', 'removed time spent']);
    }
  });
});
