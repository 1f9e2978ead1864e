// The client sends its token to the instance's own origin and nowhere else: not where a
// pagination Link points, not where a redirect leads.
import { describe, expect, it } from 'vitest';
import { createGitLabClient, GitLabError } from './client';

const TOKEN = 'glpat-SECRET-token-1234567890';
const BASE = 'https://gitlab.example.com/gitlab';

function recording(answer: (url: URL) => Response) {
  const seen: Array<{ url: URL; init: RequestInit | undefined }> = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    seen.push({ url, init });
    return answer(url);
  }) as typeof fetch;
  return { api: createGitLabClient({ baseUrl: BASE, token: TOKEN }, { fetch: fetchFn }), seen };
}

const issue = (iid: number) => ({
  id: iid + 1000,
  iid,
  project_id: 1,
  title: `Issue ${iid}`,
  web_url: `${BASE}/a/b/-/issues/${iid}`,
  state: 'opened',
  updated_at: '2025-01-01T00:00:00Z',
  time_stats: { time_estimate: 0, total_time_spent: 0 },
});

describe('where requests go', () => {
  it('a Link header naming another host and path moves only the page number', async () => {
    const { api, seen } = recording((url) => {
      const page = Number(url.searchParams.get('page'));
      const headers: Record<string, string> =
        page === 1 ? { Link: '<https://evil.example/steal/api/v4/../../tokens?page=2&per_page=100&scope=assigned_to_me&state=opened>; rel="next"' } : {};
      return new Response(JSON.stringify([issue(page)]), { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });
    });
    expect(await api.listAssignedIssues()).toHaveLength(2);
    expect(seen.map((r) => `${r.url.origin}${r.url.pathname}`)).toEqual([`${BASE}/api/v4/issues`, `${BASE}/api/v4/issues`]);
  });

  it('a redirect is not followed, and says so in words', async () => {
    const { api, seen } = recording(() => new Response(null, { status: 302, headers: { Location: 'https://evil.example/api/v4/user' } }));
    const error = await api.getUser().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitLabError);
    expect((error as GitLabError).message).toMatch(/sent the request on to another address/);
    expect((error as GitLabError).message).not.toContain(TOKEN);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.init?.redirect).toBe('manual');
  });

  it("a browser's opaque redirect answer is refused the same way", async () => {
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), text: async () => '' } as unknown as Response;
    const { api } = recording(() => opaque);
    await expect(api.getTimeStats({ projectPath: 'a/b', kind: 'issue', iid: 1 })).rejects.toMatchObject({ kind: 'not-gitlab', message: expect.stringMatching(/another address/) });
  });
});

describe('getTokenInfo', () => {
  it("reads the token's scopes and expiry from /personal_access_tokens/self", async () => {
    const { api, seen } = recording(
      () => new Response(JSON.stringify({ id: 4, name: 'tk', scopes: ['read_api'], expires_at: '2026-02-01', active: true, revoked: false }), { status: 200 }),
    );
    expect(await api.getTokenInfo()).toEqual({ scopes: ['read_api'], expires_at: '2026-02-01', active: true, revoked: false });
    expect(seen[0]!.url.pathname).toBe('/gitlab/api/v4/personal_access_tokens/self');
  });
});
