import { describe, expect, it } from 'vitest';
import { WHOLE_MINUTES } from '../gitlab/duration';
import { protocol } from '../model/protocol';
import { classifySender, parsePayload, type SenderEnv } from './senders';

const env: SenderEnv = {
  extensionId: 'ext-id',
  extensionBaseUrl: 'chrome-extension://ext-id/',
  connectedBaseUrls: ['https://gitlab.example.org', 'http://127.0.0.1:3300', 'https://git.example.com/gitlab'],
};
/** gitlab.com connected, as most users have it. */
const withGitLabCom: SenderEnv = { ...env, connectedBaseUrls: ['https://gitlab.com', ...env.connectedBaseUrls] };
const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

describe('classifySender', () => {
  it('accepts our own pages', () => {
    expect(classifySender({ id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' }, env)).toEqual({ kind: 'page', url: 'chrome-extension://ext-id/popup.html' });
  });

  it('accepts our content script on a connected GitLab, naming that instance', () => {
    expect(classifySender({ id: 'ext-id', url: 'https://gitlab.com/acme/web/-/issues/1', tab, frameId: 2 }, withGitLabCom)).toEqual({
      kind: 'content',
      instanceId: 'https://gitlab.com',
      tabId: 7,
      frameId: 2,
      url: 'https://gitlab.com/acme/web/-/issues/1',
    });
    expect(classifySender({ id: 'ext-id', url: 'https://git.example.com/gitlab/a/b/-/issues/2', tab }, env)).toMatchObject({ kind: 'content', instanceId: 'https://git.example.com/gitlab', frameId: 0 });
  });

  it('our script on gitlab.com before it is connected is "unconnected", with no GitLab to act on', () => {
    const from = classifySender({ id: 'ext-id', url: 'https://gitlab.com/acme/web/-/issues/1', tab, frameId: 1 }, env);
    expect(from).toEqual({ kind: 'unconnected', tabId: 7, frameId: 1, url: 'https://gitlab.com/acme/web/-/issues/1' });
    expect(from).not.toHaveProperty('instanceId');
  });

  it('refuses other extensions, unknown origins, other ports and tab-less content', () => {
    expect(classifySender({ id: 'other', url: 'chrome-extension://other/popup.html' }, env)).toBeNull();
    expect(classifySender({ id: 'other', url: 'https://gitlab.com/acme/web/-/issues/1', tab }, withGitLabCom)).toBeNull();
    expect(classifySender({ id: 'ext-id', url: 'https://evil.example/acme/web/-/issues/1', tab }, env)).toBeNull();
    expect(classifySender({ id: 'ext-id', url: 'http://127.0.0.1:9999/acme/web/-/issues/1', tab }, env)).toBeNull();
    expect(classifySender({ id: 'ext-id', url: 'https://gitlab.com/acme/web/-/issues/1' }, withGitLabCom)).toBeNull();
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
    expect(classifySender({ id: 'ext-id', url, tab }, withGitLabCom)).toBeNull();
  });

  it('takes the frame\'s own URL, not its tab\'s', () => {
    for (const e of [env, withGitLabCom]) {
      expect(classifySender({ id: 'ext-id', url: 'https://evil.example/embed', tab: { ...tab, url: 'https://gitlab.com/acme/web/-/issues/1' } }, e)).toBeNull();
    }
  });
});

describe('payload schemas (lib/model/protocol.ts)', () => {
  const page = (fields: Record<string, unknown> = {}) => ({ projectPath: 'acme/web', kind: 'issue', iid: 1, ...fields });
  const item = (fields: Record<string, unknown> = {}) => ({ instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue', iid: 1, ...fields });
  const { itemView, startTimer, logTime, setEstimate, connectInstance, beginSignIn, finishSignIn, getState, markTodoDone, saveSettings } = protocol;

  it('accept well-formed payloads', () => {
    expect(parsePayload(itemView.input, page({ projectPath: 'acme/platform/infra', iid: 3 })).ok).toBe(true);
    expect(parsePayload(itemView.input, page({ kind: 'merge_request', iid: 7, title: 'Add rate limiting' })).ok).toBe(true);
    expect(parsePayload(startTimer.input, { target: { page: page({ title: 'Fix it' }) } }).ok).toBe(true);
    expect(parsePayload(startTimer.input, { target: { item: item({ webUrl: 'https://gitlab.com/acme/web/-/issues/1' }) } }).ok).toBe(true);
    expect(parsePayload(startTimer.input, { target: { item: item({ instanceId: 'https://git.example.com/gitlab' }) } }).ok).toBe(true);
    expect(parsePayload(logTime.input, { target: { page: page() }, seconds: 5400, summary: 'Review', spentAt: Date.UTC(2026, 0, 5) }).ok).toBe(true);
    expect(parsePayload(logTime.input, { target: { page: page() }, seconds: -900 }).ok).toBe(true);
    expect(parsePayload(setEstimate.input, { target: { page: page() }, seconds: 3600 }).ok).toBe(true);
    expect(parsePayload(getState.input, undefined).ok).toBe(true);
    expect(parsePayload(getState.input, null).ok).toBe(true);
  });

  it.each([
    ['missing iid', itemView.input, { projectPath: 'acme/web', kind: 'issue' }],
    ['missing kind', itemView.input, { projectPath: 'acme/web', iid: 1 }],
    ['a kind GitLab tracks no time on', itemView.input, page({ kind: 'epic' })],
    ['a field that was never part of it', itemView.input, page({ fresh: true })],
    ['iid zero', itemView.input, page({ iid: 0 })],
    ['iid as string', itemView.input, page({ iid: '1' })],
    ['fractional iid', itemView.input, page({ iid: 1.5 })],
    ['path without project', itemView.input, page({ projectPath: 'acme' })],
    ['path traversal', itemView.input, page({ projectPath: '../../user' })],
    ['a dot segment', itemView.input, page({ projectPath: 'acme/./web' })],
    ['path with query', itemView.input, page({ projectPath: 'acme/web?x=1' })],
    ['extra fields', itemView.input, page({ token: 'x' })],
    ['both page and item', startTimer.input, { target: { page: page(), item: item() } }],
    ['a bare target (not under `target`)', startTimer.input, { page: page() }],
    ['javascript: instance', startTimer.input, { target: { item: item({ instanceId: 'javascript:alert(1)' }) } }],
    ['an instance smuggled into a page target', startTimer.input, { target: { page: page({ instanceId: 'https://gitlab.com' }) } }],
    ['a webUrl that is not a URL', startTimer.input, { target: { item: item({ webUrl: 'not a url' }) } }],
    ['not an object', itemView.input, 'acme/web#1'],
    ['null', itemView.input, null],
    ['a payload where none is taken', getState.input, { token: 'x' }],
  ])('refuse %s', (_name, schema, payload) => {
    const result = parsePayload(schema, payload);
    expect(result.ok).toBe(false);
  });

  it.each([
    ['an item target with extra fields', logTime.input, { target: { page: page() }, seconds: 3600, instanceId: 'https://gitlab.com' }],
    ['a target naming an instance by a non-http URL', logTime.input, { target: { item: item({ instanceId: 'file:///etc' }) }, seconds: 3600 }],
    ['a duration string instead of seconds', logTime.input, { target: { page: page() }, duration: '1h' }],
    ['seconds as a string', logTime.input, { target: { page: page() }, seconds: '3600' }],
    ['zero', logTime.input, { target: { page: page() }, seconds: 0 }],
    ['a fraction of a second', logTime.input, { target: { page: page() }, seconds: 60.5 }],
    ['a summary over 255 characters', logTime.input, { target: { page: page() }, seconds: 60, summary: 'x'.repeat(256) }],
    ['a day before 2000', logTime.input, { target: { page: page() }, seconds: 60, spentAt: Date.UTC(1999, 11, 31) }],
    ['a negative estimate', setEstimate.input, { target: { page: page() }, seconds: -3600 }],
    ['a zero estimate', setEstimate.input, { target: { page: page() }, seconds: 0 }],
    ['more than 10 years of working time', setEstimate.input, { target: { page: page() }, seconds: 10 * 12 * 4 * 5 * 8 * 3600 + 60 }],
    ['a sign-in without an application id', beginSignIn.input, { baseUrl: 'https://gitlab.com', clientId: '' }],
    ['an application id with spaces', beginSignIn.input, { baseUrl: 'https://gitlab.com', clientId: 'abc def' }],
    ['a redirect that is not a URL', finishSignIn.input, { redirectUrl: 'not a url' }],
    ['a redirect with a token smuggled beside it', finishSignIn.input, { redirectUrl: 'https://x.chromiumapp.org/?code=1', token: 'glpat-x' }],
    ['a to-do id that is not a number', markTodoDone.input, { instanceId: 'https://gitlab.com', id: '1' }],
    ['a rounding the options do not offer', saveSettings.input, { roundTo: 10, roundMode: 'up', onSwitch: 'stop', idleMinutes: 10, longTimerHours: 12, dayTargetSeconds: 28800 }],
    ['no daily target', saveSettings.input, { roundTo: 1, roundMode: 'up', onSwitch: 'stop', idleMinutes: 10, longTimerHours: 12 }],
    ['a daily target of nothing', saveSettings.input, { roundTo: 1, roundMode: 'up', onSwitch: 'stop', idleMinutes: 10, longTimerHours: 12, dayTargetSeconds: 0 }],
    ['a daily target over 24h', saveSettings.input, { roundTo: 1, roundMode: 'up', onSwitch: 'stop', idleMinutes: 10, longTimerHours: 12, dayTargetSeconds: 25 * 3600 }],
    ['a daily target of written words', saveSettings.input, { roundTo: 1, roundMode: 'up', onSwitch: 'stop', idleMinutes: 10, longTimerHours: 12, dayTargetSeconds: '8h' }],
  ])('refuse %s', (_name, schema, payload) => {
    expect(parsePayload(schema, payload).ok).toBe(false);
  });

  it('accept settings with a daily target', () => {
    expect(parsePayload(saveSettings.input, { roundTo: 1, roundMode: 'up', onSwitch: 'stop', idleMinutes: 10, longTimerHours: 12, dayTargetSeconds: 7.5 * 3600 }).ok).toBe(true);
  });

  it('accept an OAuth sign-in and its redirect', () => {
    expect(parsePayload(beginSignIn.input, { baseUrl: 'https://gitlab.example.com/gitlab', clientId: 'a5e1c0ffee0ddba11' }).ok).toBe(true);
    expect(parsePayload(finishSignIn.input, { redirectUrl: 'https://abc.chromiumapp.org/?code=x&state=y' }).ok).toBe(true);
  });

  it('explains a bad token in words', () => {
    const empty = parsePayload(connectInstance.input, { baseUrl: 'https://gitlab.com', token: '' });
    expect(empty).toEqual({ ok: false, error: 'Enter an access token.' });
    const spaced = parsePayload(connectInstance.input, { baseUrl: 'https://gitlab.com', token: 'glpat abc' });
    expect(spaced.ok).toBe(false);
    if (!spaced.ok) expect(spaced.error).toMatch(/spaces/);
  });

  it('explains a duration GitLab would not keep as it was meant, in words', () => {
    expect(parsePayload(logTime.input, { target: { page: page() }, seconds: 90 })).toEqual({ ok: false, error: WHOLE_MINUTES });
    expect(parsePayload(setEstimate.input, { target: { page: page() }, seconds: 30 })).toEqual({ ok: false, error: 'The duration must be at least a minute.' });
    expect(parsePayload(logTime.input, { target: { page: page() }, seconds: 0 })).toEqual({ ok: false, error: 'The duration must be more than zero, like 15m.' });
    // The kept form's earlier log is named by a short id, nothing else.
    expect(parsePayload(logTime.input, { target: { page: page() }, seconds: 60, instead: 'x'.repeat(101) }).ok).toBe(false);
    expect(parsePayload(logTime.input, { target: { page: page() }, seconds: 60, instead: 7 }).ok).toBe(false);
    expect(parsePayload(logTime.input, { target: { page: page() }, seconds: 60, instead: 'mk2x-abc' }).ok).toBe(true);
    // Anything without words of its own is malformed, never an echo of what was sent.
    expect(parsePayload(itemView.input, page({ projectPath: '<script>' }))).toEqual({ ok: false, error: 'The request was malformed and was refused.' });
  });
});
