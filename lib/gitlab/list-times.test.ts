// @vitest-environment node
/**
 * `listTimes`: spent and estimate of many items in one GraphQL request, against the stand-in
 * (which checks the document against GitLab's schema): several projects, issues and merge
 * requests, items GitLab does not have left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../tests/fake-gitlab/server';
import { createGitLabClient } from './client';

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn({});
});
afterAll(async () => {
  await standIn.close();
});

describe('listTimes', () => {
  it('answers issues and merge requests of several projects in one request', async () => {
    const client = createGitLabClient({ baseUrl: standIn.url, token: standIn.token });
    const before = standIn.requests.filter((r) => r.path.endsWith('/api/graphql')).length;
    const items = [
      { projectPath: 'acme/web', kind: 'issue' as const, iid: 1 },
      { projectPath: 'acme/web', kind: 'issue' as const, iid: 2 },
      { projectPath: 'acme/web', kind: 'merge_request' as const, iid: 1 },
      { projectPath: 'acme/api', kind: 'issue' as const, iid: 1 },
      { projectPath: 'acme/web', kind: 'issue' as const, iid: 99999 },
      { projectPath: 'nobody/nothing', kind: 'issue' as const, iid: 1 },
    ];
    const times = await client.listTimes!(items);
    expect(standIn.requests.filter((r) => r.path.endsWith('/api/graphql')).length - before).toBe(1);
    const key = (t: { projectPath: string; kind: string; iid: number }) => `${t.projectPath}${t.kind === 'merge_request' ? '!' : '#'}${t.iid}`;
    expect(times.map(key).sort()).toEqual(['acme/api#1', 'acme/web!1', 'acme/web#1', 'acme/web#2']);
    const issue = standIn.issue('acme/web', 1)!;
    expect(times.find((t) => key(t) === 'acme/web#1')).toMatchObject({ timeEstimate: issue.timeEstimate, totalTimeSpent: issue.totalTimeSpent });
    const mr = standIn.mergeRequest('acme/web', 1)!;
    expect(times.find((t) => key(t) === 'acme/web!1')).toMatchObject({ timeEstimate: mr.timeEstimate, totalTimeSpent: mr.totalTimeSpent });
  });

  it('asks nothing for no items', async () => {
    const client = createGitLabClient({ baseUrl: standIn.url, token: standIn.token });
    const before = standIn.requests.length;
    expect(await client.listTimes!([])).toEqual([]);
    expect(standIn.requests.length).toBe(before);
  });
});
