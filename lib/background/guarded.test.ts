// @vitest-environment node
/**
 * The sender and payload checks as handlers meet them: two connected GitLabs (stand-ins with
 * different tokens), messages forged as if from a content script on one of them. A content
 * script acts only on issues of the GitLab its tab is on; refusals send nothing anywhere.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stubBackgroundApis } from '../../tests/support/fake-background';
import type { WxtBrowser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { startStandIn, type StandIn } from '../../tests/fake-gitlab/server';
import type { Result } from '../model/protocol';
import type { BackgroundDeps } from './token-client';
import { fail, FROM_PAGES, guarded, REFUSED } from './guarded';
import { issueHandlers } from './item-actions';
import { accessRemoved, connect } from './connections';

let home: StandIn;
let away: StandIn;
const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

function deps(): BackgroundDeps {
  return { browser: fakeBrowser as unknown as WxtBrowser, now: () => Date.now(), fetch: (...a) => fetch(...a) };
}
const contentScriptOn = (url: string): Runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url, tab: { ...tab, url }, frameId: 0 });
const extensionPage = (): Runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
const writes = (standIn: StandIn) => standIn.requests.filter((r) => r.method === 'POST');

beforeAll(async () => {
  home = await startStandIn();
  away = await startStandIn({ basePath: '/gitlab', token: 'glpat-away-token-0123456789' });
});
afterAll(async () => {
  await home.close();
  await away.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  home.reset();
  away.reset();
  stubBackgroundApis();
  expect((await connect(deps(), { baseUrl: home.url, token: home.token })).ok).toBe(true);
  expect((await connect(deps(), { baseUrl: away.url, token: away.token })).ok).toBe(true);
});

describe('a content script acts only on its own GitLab', () => {
  const onHome = () => contentScriptOn(`${home.url}/acme/web/-/issues/1`);

  it('naming another instance\'s issue is refused, and nothing reaches either GitLab', async () => {
    const handlers = issueHandlers(deps());
    const forged = { target: { issue: { instanceId: away.url, projectPath: 'acme/web', iid: 1 } }, duration: '1h' };
    expect(await handlers.setEstimate({ data: forged, sender: onHome() })).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(await handlers.addTodo({ data: { target: forged.target }, sender: onHome() })).toMatchObject({ ok: false, code: 'refused' });
    expect(writes(home)).toEqual([]);
    expect(writes(away)).toEqual([]);
  });

  it('an instance smuggled into a page target is malformed', async () => {
    const result = await issueHandlers(deps()).setEstimate({
      data: { target: { page: { projectPath: 'acme/web', iid: 1, instanceId: away.url } }, duration: '1h' },
      sender: onHome(),
    });
    expect(result).toMatchObject({ ok: false });
    expect(writes(away)).toEqual([]);
  });

  it('a page target acts on the tab\'s own GitLab, with its own token', async () => {
    const result = await issueHandlers(deps()).setEstimate({ data: { target: { page: { projectPath: 'acme/web', iid: 1 } }, duration: '2h' }, sender: onHome() });
    expect(result).toMatchObject({ ok: true });
    expect(writes(home).map((r) => r.authToken)).toEqual([home.token]);
    expect(writes(away)).toEqual([]);
  });

  it('a frame of another origin inside a GitLab tab speaks for nobody', async () => {
    const sender = { ...onHome(), url: 'https://evil.example/frame.html' };
    expect(await issueHandlers(deps()).getIssueView({ data: { projectPath: 'acme/web', iid: 1 }, sender })).toMatchObject({ ok: false, code: 'refused' });
  });

  it('a GitLab whose page access was removed is disconnected: its pages are refused', async () => {
    await accessRemoved(deps(), { origins: ['http://127.0.0.1/*'] });
    const result = await issueHandlers(deps()).setEstimate({ data: { target: { page: { projectPath: 'acme/web', iid: 1 } }, duration: '2h' }, sender: onHome() });
    expect(result).toMatchObject({ ok: false, code: 'refused' });
    expect(writes(home)).toEqual([]);
  });

  it('the popup may name any connected instance, not an unknown one', async () => {
    const handlers = issueHandlers(deps());
    const target = (instanceId: string) => ({ target: { issue: { instanceId, projectPath: 'acme/web', iid: 1 } } });
    expect(await handlers.addTodo({ data: target(away.url), sender: extensionPage() })).toMatchObject({ ok: true });
    expect(await handlers.addTodo({ data: target('https://unknown.example'), sender: extensionPage() })).toMatchObject({ ok: false, code: 'not-connected' });
  });
});

describe('extension-page-only messages', () => {
  const onlyPages = () => guarded(deps(), FROM_PAGES, v.strictObject({ baseUrl: v.string() }), fail, async (): Promise<Result> => ({ ok: true }));

  it('refuse content scripts, other extensions and pages of unknown origin', async () => {
    const handler = onlyPages();
    const data = { baseUrl: home.url };
    expect(await handler({ data, sender: extensionPage() })).toEqual({ ok: true });
    expect(await handler({ data, sender: contentScriptOn(`${home.url}/acme/web/-/issues/1`) })).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(await handler({ data, sender: { id: 'another-extension', url: 'chrome-extension://another-extension/options.html' } })).toMatchObject({ ok: false });
    expect(await handler({ data, sender: { id: fakeBrowser.runtime.id, url: 'https://evil.example/', tab } })).toMatchObject({ ok: false });
  });
});
