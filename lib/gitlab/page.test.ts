import { describe, expect, it } from 'vitest';
import { basePathFromBase, instanceBaseFromUrl, issueWebUrl, mayShowIssue, parseIssueUrl, type IssueRef } from './page';

const H = 'https://gitlab.example.com';

function show(data: unknown): string {
  return btoa(JSON.stringify(data));
}
function showUtf8(data: unknown): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(data))));
}
const drawerShow = show({ iid: '12', full_path: 'group/other', id: 123 });
const urlSafe = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
// '?>?' encodes to base64 with '+' and '/' in it, so the url-safe variant differs.
const awkward = show({ iid: 7, full_path: 'a/b', title: '?>?>?~~~' });

const issue = (fullPath: string, iid: number, kind: IssueRef['kind'] = 'issue', drawer = false): IssueRef => ({
  fullPath,
  iid,
  kind,
  drawer,
});

describe('parseIssueUrl: issue pages', () => {
  it.each<[string, IssueRef]>([
    [`${H}/acme/web/-/issues/42`, issue('acme/web', 42)],
    [`${H}/acme/web/-/issues/42/`, issue('acme/web', 42)],
    [`${H}/acme/web/-/issues/42#note_123`, issue('acme/web', 42)],
    [`${H}/acme/web/-/issues/42?tab=x#note_1`, issue('acme/web', 42)],
    [`${H}/acme/platform/api/-/issues/7`, issue('acme/platform/api', 7)],
    [`${H}/a/b/c/d/e/-/issues/1`, issue('a/b/c/d/e', 1)],
    [`${H}/my.group/my_project-2/-/issues/3`, issue('my.group/my_project-2', 3)],
    [`${H}/acme/web/-/work_items/42`, issue('acme/web', 42, 'work_item')],
    [`${H}/acme/web/-/issues/incident/5`, issue('acme/web', 5, 'incident')],
    [`${H}/acme/web/-/work_items/incident/5`, issue('acme/web', 5, 'incident')],
    // 8.x-12.x, before the '/-/' separator
    [`${H}/acme/web/issues/9`, issue('acme/web', 9)],
    [`${H}/acme/sub/web/issues/9`, issue('acme/sub/web', 9)],
    // a project called "issues"
    [`${H}/acme/issues/issues/2`, issue('acme/issues', 2)],
    [`${H}/acme/issues/-/issues/2`, issue('acme/issues', 2)],
    [`http://127.0.0.1:3300/acme/web/-/issues/1`, issue('acme/web', 1)],
    // without a basePath the sub-path is taken as part of the project path
    [`${H}/gitlab/acme/web/-/issues/1`, issue('gitlab/acme/web', 1)],
    [new URL(`${H}/acme/web/-/issues/11`) as unknown as string, issue('acme/web', 11)],
  ])('%s', (url, expected) => {
    expect(parseIssueUrl(url)).toEqual(expected);
    expect(mayShowIssue(String(url))).toBe(true);
  });
});

describe('parseIssueUrl: merge request pages, every era', () => {
  const mr = (fullPath: string, iid: number) => issue(fullPath, iid, 'merge_request');
  it.each<[string, string, IssueRef]>([
    // 8.16 (v3) and 9.x-11.x: no '/-/'; each tab is its own URL (8.16 also /builds)
    ['8.16', `${H}/acme/web/merge_requests/7`, mr('acme/web', 7)],
    ['8.16 builds tab', `${H}/acme/web/merge_requests/7/builds`, mr('acme/web', 7)],
    ['10.x', `${H}/acme/sub/web/merge_requests/12`, mr('acme/sub/web', 12)],
    ['10.x commits tab', `${H}/acme/web/merge_requests/7/commits`, mr('acme/web', 7)],
    ['10.x pipelines tab', `${H}/acme/web/merge_requests/7/pipelines`, mr('acme/web', 7)],
    ['10.x changes tab', `${H}/acme/web/merge_requests/7/diffs#note_3`, mr('acme/web', 7)],
    // 12.x+ and today's page
    ['18.x', `${H}/acme/web/-/merge_requests/7`, mr('acme/web', 7)],
    ['18.x trailing slash', `${H}/acme/web/-/merge_requests/7/`, mr('acme/web', 7)],
    ['18.x commits tab', `${H}/acme/web/-/merge_requests/7/commits`, mr('acme/web', 7)],
    ['18.x pipelines tab', `${H}/acme/web/-/merge_requests/7/pipelines`, mr('acme/web', 7)],
    ['18.x changes tab', `${H}/acme/web/-/merge_requests/7/diffs?diff_id=3&start_sha=abc#x`, mr('acme/web', 7)],
    ['a note anchor', `${H}/acme/web/-/merge_requests/7#note_42`, mr('acme/web', 7)],
    // a project named merge_requests: the last such segment is the route
    ['project merge_requests, 10.x', `${H}/acme/merge_requests/merge_requests/7`, mr('acme/merge_requests', 7)],
    ['project merge_requests, 10.x tab', `${H}/acme/merge_requests/merge_requests/7/diffs`, mr('acme/merge_requests', 7)],
    ['project merge_requests, 12.x+', `${H}/acme/merge_requests/-/merge_requests/7`, mr('acme/merge_requests', 7)],
    ['group and project merge_requests, 18.x', `${H}/merge_requests/merge_requests/-/merge_requests/7`, mr('merge_requests/merge_requests', 7)],
    ['a project named diffs', `${H}/acme/diffs/-/merge_requests/7/diffs`, mr('acme/diffs', 7)],
  ])('%s: %s', (_, url, expected) => {
    expect(parseIssueUrl(url)).toEqual(expected);
    expect(mayShowIssue(url)).toBe(true);
  });

  it.each([
    ['sub-path, 18.x', `${H}/gitlab/acme/web/-/merge_requests/7/diffs`, '/gitlab'],
    ['sub-path, 10.x', `${H}/gitlab/acme/web/merge_requests/7`, '/gitlab/'],
    ['sub-path, 8.16 tab', `${H}/tools/gitlab/acme/web/merge_requests/7/builds`, '/tools/gitlab'],
  ])('%s: %s', (_, url, basePath) => {
    expect(parseIssueUrl(url, { basePath })).toEqual(mr('acme/web', 7));
    expect(mayShowIssue(url)).toBe(true);
  });

  it('never takes a merge request for the issue with the same number', () => {
    expect(parseIssueUrl(`${H}/acme/web/-/merge_requests/3`)?.kind).toBe('merge_request');
    expect(parseIssueUrl(`${H}/acme/web/-/issues/3`)?.kind).toBe('issue');
    expect(parseIssueUrl(`${H}/acme/web/merge_requests/3`)?.kind).toBe('merge_request');
    expect(parseIssueUrl(`${H}/acme/web/issues/3`)?.kind).toBe('issue');
  });

  it.each([
    `${H}/acme/web/-/merge_requests`,
    `${H}/acme/web/-/merge_requests/`,
    `${H}/acme/web/-/merge_requests/new`,
    `${H}/acme/web/-/merge_requests/new/diffs`,
    `${H}/acme/web/-/merge_requests/0`,
    `${H}/acme/web/-/merge_requests/07`,
    `${H}/acme/web/-/merge_requests/7.diff`,
    `${H}/acme/web/-/merge_requests/7.patch`,
    `${H}/acme/web/-/merge_requests/7/edit`,
    `${H}/acme/web/-/merge_requests/7/diffs.json`,
    `${H}/acme/web/-/merge_requests/7/diffs/extra`,
    `${H}/acme/web/-/merge_requests/incident/7`,
    `${H}/acme/web/merge_requests/7/edit`,
    `${H}/acme/web/merge_requests/new`,
    `${H}/acme/web/merge_requests`,
    `${H}/acme/merge_requests/7`,
    `${H}/acme/-/merge_requests/7`,
    `${H}/groups/acme/-/merge_requests`,
    `${H}/groups/acme/-/merge_requests/7`,
    `${H}/groups/acme/merge_requests/7`,
    `${H}/dashboard/merge_requests`,
    `${H}/acme/web/issues/7/diffs`,
    `${H}/acme/web/-/issues/7/diffs`,
  ])('not a merge request page: %s', (url) => {
    expect(parseIssueUrl(url)).toBeNull();
  });

  it('a merge request under a sub-path is nobody\'s outside it', () => {
    expect(parseIssueUrl(`${H}/acme/web/-/merge_requests/7`, { basePath: '/gitlab' })).toBeNull();
  });
});

describe('parseIssueUrl: servers under a sub-path', () => {
  it.each<[string, string, IssueRef | null]>([
    [`${H}/gitlab/acme/web/-/issues/1`, '/gitlab', issue('acme/web', 1)],
    [`${H}/gitlab/acme/web/-/issues/1`, '/gitlab/', issue('acme/web', 1)],
    [`${H}/gitlab/acme/web/issues/1`, '/gitlab', issue('acme/web', 1)],
    [`${H}/tools/gitlab/acme/web/-/work_items/4`, '/tools/gitlab', issue('acme/web', 4, 'work_item')],
    [`${H}/gitlab/acme/-/issues/1`, '/gitlab', null],
    [`${H}/acme/web/-/issues/1`, '/gitlab', null],
    [`${H}/gitlabx/acme/web/-/issues/1`, '/gitlab', null],
    [`${H}/acme/web/-/issues/1`, '', issue('acme/web', 1)],
    [`${H}/acme/web/-/issues/1`, '/', issue('acme/web', 1)],
    [`${H}/gitlab/acme/-/issues?show=${drawerShow}`, '/gitlab', null],
    [`${H}/gitlab/groups/acme/-/issues?show=${drawerShow}`, '/gitlab', issue('group/other', 12, 'issue', true)],
  ])('%s with basePath %j', (url, basePath, expected) => {
    expect(parseIssueUrl(url, { basePath })).toEqual(expected);
    if (expected) expect(mayShowIssue(url)).toBe(true);
  });
});

describe('parseIssueUrl: drawers', () => {
  it.each<[string, IssueRef | null]>([
    [`${H}/acme/web/-/issues?show=${drawerShow}`, issue('group/other', 12, 'issue', true)],
    [`${H}/acme/web/-/issues/?show=${encodeURIComponent(drawerShow)}`, issue('group/other', 12, 'issue', true)],
    [`${H}/acme/web/-/issues?state=opened&show=${drawerShow}#x`, issue('group/other', 12, 'issue', true)],
    [`${H}/acme/web/-/boards/3?show=${drawerShow}`, issue('group/other', 12, 'issue', true)],
    [`${H}/acme/web/-/boards?show=${drawerShow}`, issue('group/other', 12, 'issue', true)],
    [`${H}/groups/acme/-/issues?show=${drawerShow}`, issue('group/other', 12, 'issue', true)],
    [`${H}/groups/acme/sub/-/boards/9?show=${drawerShow}`, issue('group/other', 12, 'issue', true)],
    [`${H}/acme/web/-/work_items?show=${drawerShow}`, issue('group/other', 12, 'work_item', true)],
    [`${H}/groups/acme/-/work_items?show=${drawerShow}`, issue('group/other', 12, 'work_item', true)],
    // an issue page with a related item open in a drawer: the drawer is in front
    [`${H}/acme/web/-/issues/1?show=${drawerShow}`, issue('group/other', 12, 'issue', true)],
    // numeric iid, nested path, unpadded and url-safe base64, double encoding, '+' read as space
    [`${H}/acme/web/-/issues?show=${show({ iid: 3, full_path: 'a/b/c' })}`, issue('a/b/c', 3, 'issue', true)],
    [`${H}/acme/web/-/issues?show=${urlSafe(awkward)}`, issue('a/b', 7, 'issue', true)],
    [`${H}/acme/web/-/issues?show=${encodeURIComponent(encodeURIComponent(awkward))}`, issue('a/b', 7, 'issue', true)],
    [`${H}/acme/web/-/issues?show=${awkward}`, issue('a/b', 7, 'issue', true)],
    [`${H}/acme/web/-/issues?show=${showUtf8({ iid: '5', full_path: 'a/b', title: 'Über café ☕' })}`, issue('a/b', 5, 'issue', true)],
    [`${H}/acme/web/-/issues?show=${showUtf8({ iid: '5', full_path: 'ünï/cødé' })}`, null],
  ])('%s', (url, expected) => {
    expect(parseIssueUrl(url)).toEqual(expected);
    if (expected) expect(mayShowIssue(url)).toBe(true);
  });

  it.each<[string, string]>([
    ['not base64', '%%%'],
    ['base64 of junk', btoa('not json')],
    ['JSON array', show([1, 2])],
    ['JSON null', show(null)],
    ['missing iid', show({ full_path: 'a/b' })],
    ['iid zero', show({ iid: '0', full_path: 'a/b' })],
    ['iid negative', show({ iid: -1, full_path: 'a/b' })],
    ['iid fraction', show({ iid: 1.5, full_path: 'a/b' })],
    ['iid text', show({ iid: 'abc', full_path: 'a/b' })],
    ['iid too big', show({ iid: '99999999999999999999', full_path: 'a/b' })],
    ['missing full_path', show({ iid: 1 })],
    ['group path', show({ iid: 1, full_path: 'group' })],
    ['path traversal', show({ iid: 1, full_path: '../b' })],
    ['path with a slash at the end', show({ iid: 1, full_path: 'a/b/' })],
    ['path with spaces', show({ iid: 1, full_path: 'a b/c' })],
    ['not UTF-8', btoa('\xff\xfe{')],
    ['one stray character', 'A'],
  ])('bad show (%s) on a list is null', (_, value) => {
    expect(parseIssueUrl(`${H}/acme/web/-/issues?show=${encodeURIComponent(value)}`)).toBeNull();
  });

  it('a bad show on an issue page leaves the page issue', () => {
    expect(parseIssueUrl(`${H}/acme/web/-/issues/4?show=%%%`)).toEqual(issue('acme/web', 4));
  });

  it('an empty show is ignored', () => {
    expect(parseIssueUrl(`${H}/acme/web/-/issues/4?show=`)).toEqual(issue('acme/web', 4));
    expect(parseIssueUrl(`${H}/acme/web/-/issues?show=`)).toBeNull();
  });

  it('ignores show on pages that hold no drawer', () => {
    expect(parseIssueUrl(`${H}/acme/web/-/merge_requests/1?show=${drawerShow}`)).toEqual(issue('acme/web', 1, 'merge_request'));
    expect(parseIssueUrl(`${H}/acme/web?show=${drawerShow}`)).toBeNull();
    expect(parseIssueUrl(`${H}/groups/acme/-/epics/1?show=${drawerShow}`)).toBeNull();
  });
});

describe('parseIssueUrl: not an issue', () => {
  it.each([
    `${H}/`,
    `${H}/foo`,
    `${H}/acme`,
    `${H}/acme/web`,
    `${H}/acme/web/-/issues`,
    `${H}/acme/web/-/issues/`,
    `${H}/acme/web/-/issues/new`,
    `${H}/acme/web/-/issues/1/edit`,
    `${H}/acme/web/-/issues/1/designs/a.png`,
    `${H}/acme/web/-/issues/0`,
    `${H}/acme/web/-/issues/-1`,
    `${H}/acme/web/-/issues/01`,
    `${H}/acme/web/-/issues/1.5`,
    `${H}/acme/web/-/issues/1e3`,
    `${H}/acme/web/-/issues/abc`,
    `${H}/acme/web/-/issues/99999999999999999999`,
    `${H}/acme/web/-/issues/incident`,
    `${H}/acme/web/-/issues/incident/x`,
    `${H}/acme/web/-/boards/1`,
    `${H}/acme/web/-/boards/1/extra?show=${drawerShow}`,
    `${H}/groups/acme/-/epics/1`,
    `${H}/groups/acme/-/work_items/1`,
    `${H}/groups/acme/-/issues`,
    `${H}/groups/acme/issues/1`,
    `${H}/acme/-/issues/1`,
    `${H}/-/issues/1`,
    `${H}/issues/1`,
    `${H}/acme/issues/1`,
    `${H}/dashboard/issues`,
    `${H}/dashboard/x/issues/1`,
    `${H}/acme/web/issues/new`,
    `${H}/acme/web/issues/1/edit`,
    `${H}/acme/web/-/issues/1.json`,
    `${H}/acme/%2Fweb/-/issues/1`,
    `${H}/acme/%E0%A4%A/-/issues/1`,
    `${H}/-acme/web/-/issues/1`,
    `${H}/acme/../web/-/issues/1`,
    'ftp://gitlab.example.com/acme/web/-/issues/1',
    'not a url',
    '',
  ])('%s', (url) => {
    expect(parseIssueUrl(url)).toBeNull();
  });
});

describe('instanceBaseFromUrl', () => {
  const bases = ['https://gitlab.com', 'https://git.example.com/gitlab', 'https://git.example.com', 'http://127.0.0.1:3300/gitlab/', 'not a url'];
  it.each<[string, string | null]>([
    ['https://gitlab.com/acme/web/-/issues/1', 'https://gitlab.com'],
    ['https://gitlab.com', 'https://gitlab.com'],
    ['https://GITLAB.com/acme', 'https://gitlab.com'],
    ['https://gitlab.com:443/acme', 'https://gitlab.com'],
    ['http://gitlab.com/acme', null],
    ['https://gitlab.com:8443/acme', null],
    ['https://evil.gitlab.com/acme', null],
    ['https://gitlab.com.evil.com/acme', null],
    ['https://git.example.com/gitlab/acme/web/-/issues/1', 'https://git.example.com/gitlab'],
    ['https://git.example.com/gitlab', 'https://git.example.com/gitlab'],
    ['https://git.example.com/gitlabx/acme', 'https://git.example.com'],
    ['https://git.example.com/acme/web', 'https://git.example.com'],
    ['http://127.0.0.1:3300/gitlab/acme/web/-/issues/1', 'http://127.0.0.1:3300/gitlab/'],
    ['http://127.0.0.1:3300/acme/web/-/issues/1', null],
    ['http://127.0.0.1:3301/gitlab/acme', null],
    ['not a url', null],
  ])('%s -> %s', (url, expected) => {
    expect(instanceBaseFromUrl(url, bases)).toBe(expected);
  });

  it('prefers the longest base whatever the order', () => {
    const url = 'https://git.example.com/gitlab/a/b';
    expect(instanceBaseFromUrl(url, ['https://git.example.com', 'https://git.example.com/gitlab'])).toBe('https://git.example.com/gitlab');
    expect(instanceBaseFromUrl(url, ['https://git.example.com/gitlab', 'https://git.example.com'])).toBe('https://git.example.com/gitlab');
    expect(instanceBaseFromUrl(url, [])).toBeNull();
  });
});

describe('issueWebUrl', () => {
  it('builds the issue page URL', () => {
    expect(issueWebUrl('https://gitlab.com', { fullPath: 'acme/web', iid: 4 })).toBe('https://gitlab.com/acme/web/-/issues/4');
    expect(issueWebUrl('https://h/gitlab/', { fullPath: 'a/b/c', iid: 1 })).toBe('https://h/gitlab/a/b/c/-/issues/1');
  });

  it('round-trips through parseIssueUrl', () => {
    const base = 'http://127.0.0.1:3300/gitlab';
    const url = issueWebUrl(base, { fullPath: 'group/sub/project', iid: 77 });
    expect(parseIssueUrl(url, { basePath: basePathFromBase(base) })).toEqual(issue('group/sub/project', 77));
  });
});

describe('basePathFromBase', () => {
  it.each<[string, string]>([
    ['https://gitlab.com', ''],
    ['https://gitlab.com/', ''],
    ['https://h/gitlab', '/gitlab'],
    ['https://h/gitlab/', '/gitlab'],
    ['junk', ''],
  ])('%s -> %j', (base, path) => {
    expect(basePathFromBase(base)).toBe(path);
  });
});

describe('mayShowIssue: the loader\'s first look on every page', () => {
  it.each([
    `${H}/`,
    `${H}/acme/web`,
    `${H}/acme/web/-/issues`,
    `${H}/acme/web/-/issues?state=closed`,
    `${H}/acme/web/-/issues/new`,
    `${H}/acme/web/-/merge_requests`,
    `${H}/acme/web/-/merge_requests/new`,
    `${H}/acme/web/merge_requests?scope=all`,
    `${H}/acme/web/-/boards/3`,
    `${H}/groups/acme/-/epics/1`,
    `${H}/dashboard/issues?assignee_username=demo`,
    `${H}/acme/web/-/blob/main/README.md`,
  ])('passes over %s', (url) => {
    expect(mayShowIssue(url)).toBe(false);
  });
});
