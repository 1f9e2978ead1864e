import { describe, expect, it } from 'vitest';
import { BeginSignInSchema, classifySender, ConnectSchema, FinishSignInSchema, LogTimeSchema, PageIssueSchema, parsePayload, StartTimerSchema, type GuardEnv } from './senders';

const env: GuardEnv = {
  extensionId: 'ext-id',
  extensionBaseUrl: 'chrome-extension://ext-id/',
  connectedBaseUrls: ['https://gitlab.com', 'http://127.0.0.1:3300', 'https://git.example.com/gitlab'],
};
const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

describe('classifySender', () => {
  it('accepts our own pages', () => {
    expect(classifySender({ id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' }, env)).toEqual({ kind: 'extension-page', url: 'chrome-extension://ext-id/popup.html' });
  });

  it('accepts our content script on a connected GitLab, naming that instance', () => {
    expect(classifySender({ id: 'ext-id', url: 'https://gitlab.com/acme/web/-/issues/1', tab }, env)).toMatchObject({ kind: 'content-script', instanceId: 'https://gitlab.com', tabId: 7 });
    expect(classifySender({ id: 'ext-id', url: 'https://git.example.com/gitlab/a/b/-/issues/2', tab }, env)).toMatchObject({ instanceId: 'https://git.example.com/gitlab' });
  });

  it('refuses other extensions, unknown origins, other ports and tab-less content', () => {
    expect(classifySender({ id: 'other', url: 'chrome-extension://other/popup.html' }, env)).toBeNull();
    expect(classifySender({ id: 'ext-id', url: 'https://evil.example/acme/web/-/issues/1', tab }, env)).toBeNull();
    expect(classifySender({ id: 'ext-id', url: 'http://127.0.0.1:9999/acme/web/-/issues/1', tab }, env)).toBeNull();
    expect(classifySender({ id: 'ext-id', url: 'https://gitlab.com/acme/web/-/issues/1' }, env)).toBeNull();
    expect(classifySender({ id: 'ext-id', url: 'https://git.example.com/other/a/b/-/issues/2', tab }, env)).toBeNull();
    expect(classifySender({ id: 'ext-id' }, env)).toBeNull();
  });
});

describe('classifySender: look-alike pages', () => {
  it.each([
    ['a host that starts with a connected one', 'https://gitlab.com.evil.example/acme/web/-/issues/1'],
    ['user info posing as the host', 'https://gitlab.com@evil.example/acme/web/-/issues/1'],
    ['the same host over http', 'http://gitlab.com/acme/web/-/issues/1'],
    ['a sub-path that only starts the same', 'https://git.example.com/gitlabx/a/b/-/issues/2'],
    ['a blank frame', 'about:blank'],
    ['a data URL', 'data:text/html,<p>hi</p>'],
    ['another extension page', 'chrome-extension://other-id/options.html'],
  ])('refuses %s', (_name, url) => {
    expect(classifySender({ id: 'ext-id', url, tab }, env)).toBeNull();
  });

  it('takes the frame\'s own URL, not its tab\'s', () => {
    expect(classifySender({ id: 'ext-id', url: 'https://evil.example/embed', tab: { ...tab, url: 'https://gitlab.com/acme/web/-/issues/1' } }, env)).toBeNull();
  });
});

describe('payload schemas', () => {
  it('accept well-formed payloads', () => {
    expect(parsePayload(PageIssueSchema, { projectPath: 'acme/platform/infra', iid: 3 }).ok).toBe(true);
    expect(parsePayload(PageIssueSchema, { projectPath: 'acme/web', iid: 3, fresh: true }).ok).toBe(true);
    expect(parsePayload(StartTimerSchema, { page: { projectPath: 'acme/web', iid: 1, title: 'Fix it' } }).ok).toBe(true);
    expect(parsePayload(StartTimerSchema, { issue: { instanceId: 'https://gitlab.com', projectPath: 'acme/web', iid: 1 } }).ok).toBe(true);
  });

  it.each([
    ['missing iid', PageIssueSchema, { projectPath: 'acme/web' }],
    ['fresh other than true', PageIssueSchema, { projectPath: 'acme/web', iid: 1, fresh: 'yes' }],
    ['iid zero', PageIssueSchema, { projectPath: 'acme/web', iid: 0 }],
    ['iid as string', PageIssueSchema, { projectPath: 'acme/web', iid: '1' }],
    ['fractional iid', PageIssueSchema, { projectPath: 'acme/web', iid: 1.5 }],
    ['path without project', PageIssueSchema, { projectPath: 'acme', iid: 1 }],
    ['path traversal', PageIssueSchema, { projectPath: '../../user', iid: 1 }],
    ['path with query', PageIssueSchema, { projectPath: 'acme/web?x=1', iid: 1 }],
    ['extra fields', PageIssueSchema, { projectPath: 'acme/web', iid: 1, token: 'x' }],
    ['both page and issue', StartTimerSchema, { page: { projectPath: 'a/b', iid: 1 }, issue: { instanceId: 'https://gitlab.com', projectPath: 'a/b', iid: 1 } }],
    ['javascript: instance', StartTimerSchema, { issue: { instanceId: 'javascript:alert(1)', projectPath: 'a/b', iid: 1 } }],
    ['not an object', PageIssueSchema, 'acme/web#1'],
    ['null', PageIssueSchema, null],
  ])('refuse %s', (_name, schema, payload) => {
    const result = parsePayload(schema, payload);
    expect(result.ok).toBe(false);
  });

  it.each([
    ['an issue target with extra fields', LogTimeSchema, { target: { page: { projectPath: 'a/b', iid: 1 } }, duration: '1h', instanceId: 'https://gitlab.com' }],
    ['a target naming an instance by a non-http URL', LogTimeSchema, { target: { issue: { instanceId: 'file:///etc', projectPath: 'a/b', iid: 1 } }, duration: '1h' }],
    ['a sign-in without an application id', BeginSignInSchema, { baseUrl: 'https://gitlab.com', clientId: '' }],
    ['an application id with spaces', BeginSignInSchema, { baseUrl: 'https://gitlab.com', clientId: 'abc def' }],
    ['a redirect that is not a URL', FinishSignInSchema, { redirectUrl: 'not a url' }],
    ['a redirect with a token smuggled beside it', FinishSignInSchema, { redirectUrl: 'https://x.chromiumapp.org/?code=1', token: 'glpat-x' }],
  ])('refuse %s', (_name, schema, payload) => {
    expect(parsePayload(schema, payload).ok).toBe(false);
  });

  it('accept an OAuth sign-in and its redirect', () => {
    expect(parsePayload(BeginSignInSchema, { baseUrl: 'https://gitlab.example.com/gitlab', clientId: 'a5e1c0ffee0ddba11' }).ok).toBe(true);
    expect(parsePayload(FinishSignInSchema, { redirectUrl: 'https://abc.chromiumapp.org/?code=x&state=y' }).ok).toBe(true);
  });

  it('explains a bad token in words', () => {
    const empty = parsePayload(ConnectSchema, { baseUrl: 'https://gitlab.com', token: '' });
    expect(empty).toEqual({ ok: false, error: 'Enter an access token.' });
    const spaced = parsePayload(ConnectSchema, { baseUrl: 'https://gitlab.com', token: 'glpat abc' });
    expect(spaced.ok).toBe(false);
    if (!spaced.ok) expect(spaced.error).toMatch(/spaces/);
  });
});
