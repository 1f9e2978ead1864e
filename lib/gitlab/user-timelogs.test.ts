// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createGitLabClient } from './client';

/** A GitLab that answers every Timesheet page with `page(n)`, counting requests. */
function gitlab(page: (n: number, after: string | null) => unknown) {
  const calls: URL[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    calls.push(url);
    const after = (JSON.parse(url.searchParams.get('variables') ?? '{}') as { after: string | null }).after;
    return new Response(JSON.stringify({ data: page(calls.length, after) }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  const client = createGitLabClient({ baseUrl: 'https://gitlab.example', token: 'glpat-x' }, { fetch: fetch as typeof globalThis.fetch, gitlabVersion: '17.11.0' });
  return { client, calls };
}
const input = { username: 'me', startTime: '2026-03-02T00:00:00.000Z', endTime: '2026-03-08T23:59:59.000Z' };
const node = (id: number, extra: Record<string, unknown> = {}) => ({ id: `gid://gitlab/Timelog/${id}`, spentAt: '2026-03-03T09:00:00Z', timeSpent: 60, summary: null, issue: null, mergeRequest: null, ...extra });

describe('userTimelogs', () => {
  it('reads the item from its full reference, and gives no item where the reference does not fit', async () => {
    const { client, calls } = gitlab(() => ({
      timelogs: {
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: [
          node(1, { issue: { iid: '12', title: 'A', webUrl: 'https://gitlab.example/g/sub/p/-/issues/12', reference: 'g/sub/p#12' } }),
          node(2, { mergeRequest: { iid: '7', title: 'B', webUrl: null, reference: 'g/p!7' } }),
          node(3, { issue: { iid: '12', title: 'C', webUrl: null, reference: '#12' } }),
          node(4, { issue: { iid: 'x', title: 'D', webUrl: null, reference: 'g/p#x' } }),
          null,
        ],
      },
    }));
    const { timelogs, requests } = await client.userTimelogs(input);
    expect(requests).toBe(1);
    expect(calls[0]!.pathname).toBe('/api/graphql');
    expect(calls[0]!.searchParams.get('operationName')).toBe('Timesheet');
    expect(timelogs.map((t) => t.item)).toEqual([
      { kind: 'issue', projectPath: 'g/sub/p', iid: 12, title: 'A', webUrl: 'https://gitlab.example/g/sub/p/-/issues/12' },
      { kind: 'merge_request', projectPath: 'g/p', iid: 7, title: 'B', webUrl: null },
      null,
      null,
    ]);
  });

  it('follows endCursor, and stops on a cursor that does not move', async () => {
    const { client, calls } = gitlab((n, after) => ({
      timelogs: { pageInfo: { hasNextPage: true, endCursor: n >= 3 ? after : `c${n}` }, nodes: [node(n)] },
    }));
    const { timelogs, requests } = await client.userTimelogs(input);
    expect(requests).toBe(3);
    expect(calls).toHaveLength(3);
    expect(timelogs.map((t) => t.id)).toEqual(['gid://gitlab/Timelog/1', 'gid://gitlab/Timelog/2', 'gid://gitlab/Timelog/3']);
  });

  it('fails as malformed on an answer that is not a timelog connection', async () => {
    const { client } = gitlab(() => ({ timelogs: { nodes: 'nope' } }));
    await expect(client.userTimelogs(input)).rejects.toMatchObject({ kind: 'malformed' });
  });
});
