import { describe, expect, it } from 'vitest';
import { itemId, itemLink, itemReference, itemWebUrl, sameItem, sameItemHere, sameOriginHttp, type ItemInfo, type ItemKey } from './item';

const issue: ItemKey = { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue', iid: 7 };
const mr: ItemKey = { ...issue, kind: 'merge_request' };

describe('sameItem', () => {
  it('knows an item by GitLab, path (any case), kind and number', () => {
    expect(sameItem(issue, { ...issue })).toBe(true);
    expect(sameItem(issue, { ...issue, projectPath: 'ACME/Web' })).toBe(true);
    expect(sameItem({ ...issue, projectPath: 'Group/Sub/Project' }, { ...issue, projectPath: 'group/sub/PROJECT' })).toBe(true);
  });

  it('an issue and a merge request with the same number are different items', () => {
    expect(sameItem(issue, mr)).toBe(false);
    expect(sameItem(mr, issue)).toBe(false);
    expect(sameItem(mr, { ...mr, projectPath: 'Acme/Web' })).toBe(true);
  });

  it.each<[string, Partial<ItemKey>]>([
    ['another number', { iid: 8 }],
    ['another project', { projectPath: 'acme/api' }],
    ['a project that only starts the same', { projectPath: 'acme/web2' }],
    ['another GitLab', { instanceId: 'https://gitlab.example.com' }],
    ['the same host under a sub-path', { instanceId: 'https://gitlab.com/gitlab' }],
  ])('%s is another item', (_, change) => {
    expect(sameItem(issue, { ...issue, ...change })).toBe(false);
  });

  it('titles and links do not matter', () => {
    const a: ItemInfo = { ...issue, title: 'Old title', webUrl: 'https://gitlab.com/acme/web/issues/7' };
    const b: ItemInfo = { ...issue, title: 'New title' };
    expect(sameItem(a, b)).toBe(true);
  });

  it('sameItemHere compares without the GitLab, but with the kind', () => {
    const { instanceId: _i, ...here } = issue;
    expect(sameItemHere(here, { ...here, projectPath: 'ACME/WEB' })).toBe(true);
    expect(sameItemHere(here, { ...here, kind: 'merge_request' })).toBe(false);
    expect(sameItemHere(here, { ...here, iid: 70 })).toBe(false);
  });
});

describe('itemId', () => {
  it('is equal exactly when sameItem is', () => {
    const keys: ItemKey[] = [issue, mr, { ...issue, projectPath: 'ACME/web' }, { ...issue, iid: 70 }, { ...issue, instanceId: 'https://gitlab.example.com' }, { ...mr, projectPath: 'acme/WEB' }];
    for (const a of keys) for (const b of keys) expect(itemId(a) === itemId(b), `${itemId(a)} / ${itemId(b)}`).toBe(sameItem(a, b));
  });

  it('cannot be confused by a path and a number that run together', () => {
    expect(itemId({ ...issue, projectPath: 'acme/web 1', iid: 2 })).not.toBe(itemId({ ...issue, projectPath: 'acme/web', iid: 12 }));
  });
});

describe('itemReference', () => {
  it('writes # for an issue and ! for a merge request, as GitLab does', () => {
    expect(itemReference(issue)).toBe('acme/web#7');
    expect(itemReference(mr)).toBe('acme/web!7');
    expect(itemReference({ projectPath: 'group/sub/project', kind: 'merge_request', iid: 1234 })).toBe('group/sub/project!1234');
  });
});

describe('itemWebUrl', () => {
  it('builds the item page from the key, under a sub-path, with the path encoded', () => {
    expect(itemWebUrl(issue)).toBe('https://gitlab.com/acme/web/-/issues/7');
    expect(itemWebUrl(mr)).toBe('https://gitlab.com/acme/web/-/merge_requests/7');
    expect(itemWebUrl({ ...mr, instanceId: 'https://host.example/gitlab/' })).toBe('https://host.example/gitlab/acme/web/-/merge_requests/7');
    expect(itemWebUrl({ ...issue, projectPath: 'a b/c?d#e' })).toBe('https://gitlab.com/a%20b/c%3Fd%23e/-/issues/7');
  });
});

describe('itemLink', () => {
  it('uses the server’s webUrl on the item’s own GitLab', () => {
    const old = 'https://gitlab.com/acme/web/issues/7';
    expect(itemLink({ ...issue, webUrl: old })).toBe(old);
    expect(itemLink({ ...mr, instanceId: 'http://127.0.0.1:3300/gitlab', webUrl: 'http://127.0.0.1:3300/gitlab/acme/web/merge_requests/7' })).toBe(
      'http://127.0.0.1:3300/gitlab/acme/web/merge_requests/7',
    );
  });

  it.each<[string, string]>([
    ['a javascript: address', 'javascript:alert(document.cookie)'],
    ['a JavaScript: address in capitals', 'JavaScript:alert(1)'],
    ['a data: address', 'data:text/html,<script>alert(1)</script>'],
    ['another origin', 'https://evil.example/acme/web/-/issues/7'],
    ['a look-alike host', 'https://gitlab.com.evil.example/acme/web/-/issues/7'],
    ['another port', 'https://gitlab.com:8443/acme/web/-/issues/7'],
    ['plain http on an https GitLab', 'http://gitlab.com/acme/web/-/issues/7'],
    ['a protocol-relative address', '//evil.example/x'],
    ['a relative path', '/acme/web/-/issues/7'],
    ['not an address', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s and builds the link from the key', (_, webUrl) => {
    expect(itemLink({ ...issue, webUrl })).toBe('https://gitlab.com/acme/web/-/issues/7');
    expect(itemLink({ ...mr, webUrl })).toBe('https://gitlab.com/acme/web/-/merge_requests/7');
  });

  it('builds the link from the key when there is no webUrl', () => {
    expect(itemLink(mr)).toBe('https://gitlab.com/acme/web/-/merge_requests/7');
  });
});

describe('sameOriginHttp', () => {
  it.each<[string | null | undefined, string, boolean]>([
    ['https://gitlab.com/x', 'https://gitlab.com', true],
    ['https://GITLAB.com/x', 'https://gitlab.com', true],
    ['https://gitlab.com:443/x', 'https://gitlab.com', true],
    ['http://host/gitlab/x', 'http://host/gitlab', true],
    ['https://gitlab.com/x', 'not a url', false],
    ['ftp://gitlab.com/x', 'ftp://gitlab.com', false],
    [null, 'https://gitlab.com', false],
    [undefined, 'https://gitlab.com', false],
  ])('%j on %j: %s', (url, base, expected) => {
    expect(sameOriginHttp(url, base)).toBe(expected);
  });
});
