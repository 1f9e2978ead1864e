// @vitest-environment node
/**
 * The item page's requests, through the background's router (sender and payload checked against
 * lib/model/protocol.ts), against the GitLab stand-in (in-process) and WXT's fake browser: who
 * may ask, how a page URL is read, what lands at GitLab, and how refusals turn into read-only
 * controls with the reason.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stubBackgroundApis } from '../../tests/support/fake-background';
import type { WxtBrowser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { startStandIn, type StandIn } from '../../tests/fake-gitlab/server';
import { WHOLE_MINUTES } from '../gitlab/duration';
import type { MessageName } from '../model/protocol';
import type { BackgroundDeps } from './token-client';
import { connect } from './connections';
import { LIST_SCRIPT_FILE, WIDGET_FORMS_FILE, WIDGET_SCRIPT_FILE } from './content-scripts';
import { REFUSAL_TTL_MS } from './item-actions';
import { handlers, route } from './routes';
import { REFUSED, senderOf } from './senders';

let standIn: StandIn;
let clock = Date.UTC(2026, 10, 24, 9, 0);
const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

function deps(): BackgroundDeps {
  return { browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, mono: () => clock, fetch: (...a) => fetch(...a) };
}
/** A message as the background receives it: `route` checks its sender and payload, then its handler runs. */
const ask = <K extends MessageName>(name: K, data: unknown, sender: Runtime.MessageSender) => route(deps(), handlers(deps()), name, data, sender);

/** Our content script on a page of `url`. */
function page(url: string, frameId = 0): Runtime.MessageSender {
  return { id: fakeBrowser.runtime.id, url, tab: { ...tab, url }, frameId };
}
const issuePage = (path = '/acme/web/-/issues/1') => page(`${standIn.url}${path}`);
const extensionPage = (): Runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
const onPage = (projectPath: string, iid: number) => ({ page: { projectPath, kind: 'issue', iid } });
const pageItem = (projectPath: string, iid: number) => ({ projectPath, kind: 'issue', iid });
const posts = (suffix: string) => standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix));

beforeAll(async () => {
  standIn = await startStandIn({ basePath: '/gitlab' });
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  standIn.reset();
  stubBackgroundApis();
  Object.assign(fakeBrowser.tabs, { create: vi.fn(async () => ({ id: 8 })) });
});

async function connected(token = standIn.token) {
  expect((await connect(deps(), { baseUrl: standIn.url, token })).ok).toBe(true);
}

describe('who may ask', () => {
  it('our content script on a connected GitLab, on gitlab.com before it is connected, our pages; nobody else', async () => {
    await connected();
    expect(await senderOf(deps(), issuePage())).toMatchObject({ kind: 'content', tabId: 7, frameId: 0, instanceId: standIn.url });
    expect(await senderOf(deps(), page('https://gitlab.com/acme/web/-/issues/1', 3))).toEqual({ kind: 'unconnected', tabId: 7, frameId: 3, url: 'https://gitlab.com/acme/web/-/issues/1' });
    expect(await senderOf(deps(), extensionPage())).toMatchObject({ kind: 'page' });
    expect(await senderOf(deps(), page('https://evil.example/acme/web/-/issues/1'))).toBeNull();
    expect(await senderOf(deps(), page(`${standIn.origin}/acme/web/-/issues/1`))).toBeNull(); // outside the sub-path
    expect(await senderOf(deps(), { ...issuePage(), id: 'another-extension' })).toBeNull();
    expect(await senderOf(deps(), { id: fakeBrowser.runtime.id, url: `${standIn.url}/acme/web/-/issues/1` })).toBeNull(); // no tab
  });

  it('the page messages are for tabs: an extension page, or a script elsewhere, is refused', async () => {
    await connected();
    const url = `${standIn.url}/acme/web/-/issues/1`;
    expect(await ask('itemAt', { url }, extensionPage())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(await ask('itemView', pageItem('acme/web', 1), page('https://evil.example/acme/web/-/issues/1'))).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(await ask('openItemWidget', { url }, extensionPage())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(fakeBrowser.scripting.executeScript).not.toHaveBeenCalled();
    expect(standIn.requests.filter((r) => r.path.includes('/issues/'))).toHaveLength(0);
  });

  it('refuses a write from a page that names an item by instance (only extension pages may)', async () => {
    await connected();
    const result = await ask('addTodo', { target: { item: { instanceId: standIn.url, projectPath: 'acme/web', kind: 'issue', iid: 1 } } }, issuePage());
    expect(result).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(posts('/todo')).toHaveLength(0);
  });

  it('refuses an extension page that names an item by page (it has no page to take the GitLab from)', async () => {
    await connected();
    expect(await ask('addTodo', { target: onPage('acme/web', 1) }, extensionPage())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(posts('/todo')).toHaveLength(0);
  });

  it('refuses malformed payloads in words, before any request', async () => {
    await connected();
    const result = await ask('setEstimate', { target: onPage('../../admin', 1), seconds: 3600 }, issuePage());
    expect(result).toMatchObject({ ok: false, code: 'refused', error: expect.any(String) });
    expect(standIn.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});

describe('reading the page URL (with the instance sub-path)', () => {
  it('an issue, a drawer over a list (another project), or nothing', async () => {
    await connected();
    const show = Buffer.from(JSON.stringify({ iid: '3', full_path: 'acme/api', id: 2003 })).toString('base64');
    const at = (path: string) => ask('itemAt', { url: `${standIn.url}${path}` }, issuePage());
    expect(await at('/acme/web/-/issues/1')).toEqual({ ok: true, connected: true, item: { projectPath: 'acme/web', kind: 'issue', iid: 1, drawer: false } });
    expect(await at('/acme/web/issues/1')).toEqual({ ok: true, connected: true, item: { projectPath: 'acme/web', kind: 'issue', iid: 1, drawer: false } });
    expect(await at(`/acme/web/-/issues?show=${show}`)).toEqual({ ok: true, connected: true, item: { projectPath: 'acme/api', kind: 'issue', iid: 3, drawer: true } });
    expect(await at('/acme/web/-/merge_requests/1')).toEqual({ ok: true, connected: true, item: { projectPath: 'acme/web', kind: 'merge_request', iid: 1, drawer: false } });
    expect(await at('/acme/web/merge_requests/1/diffs')).toEqual({ ok: true, connected: true, item: { projectPath: 'acme/web', kind: 'merge_request', iid: 1, drawer: false } });
    expect(await at('/acme/web/-/merge_requests')).toEqual({ ok: true, connected: true, item: null });
    expect(await ask('itemAt', { url: 'https://elsewhere.example/acme/web/-/issues/1' }, issuePage())).toMatchObject({ ok: true, item: null });
  });

  it('gitlab.com before it is connected: read at the root, and not connected', async () => {
    const answer = await ask('itemAt', { url: 'https://gitlab.com/acme/web/-/issues/4' }, page('https://gitlab.com/acme/web/-/issues/4'));
    expect(answer).toEqual({ ok: true, connected: false, item: { projectPath: 'acme/web', kind: 'issue', iid: 4, drawer: false } });
  });
});

describe('putting the widget on the page', () => {
  it('injects it into the asking frame of an item view, and nowhere else', async () => {
    await connected();
    const sender = { ...issuePage(), frameId: 2 };
    expect(await ask('openItemWidget', { url: sender.url }, sender)).toEqual({ ok: true, injected: true });
    expect(fakeBrowser.scripting.executeScript).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 7, frameIds: [2] }, files: [WIDGET_SCRIPT_FILE] }));
  });

  it("injects the widget's forms into the asking frame of an item view only, when asked", async () => {
    await connected();
    const sender = { ...issuePage(), frameId: 3 };
    expect(await ask('openWidgetForms', undefined, sender)).toEqual({ ok: true, injected: true });
    expect(fakeBrowser.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [3] }, files: [WIDGET_FORMS_FILE] });
    vi.mocked(fakeBrowser.scripting.executeScript).mockClear();
    expect(await ask('openWidgetForms', undefined, issuePage('/acme/web/-/issues'))).toEqual({ ok: true, injected: false });
    expect(fakeBrowser.scripting.executeScript).not.toHaveBeenCalled();
  });

  it('injects it on a merge request page too, on any of its tabs', async () => {
    await connected();
    for (const path of ['/acme/web/-/merge_requests/1', '/acme/web/-/merge_requests/1/pipelines']) {
      expect(await ask('openItemWidget', { url: `${standIn.url}${path}` }, issuePage(path))).toEqual({ ok: true, injected: true });
    }
    expect(fakeBrowser.scripting.executeScript).toHaveBeenCalledTimes(2);
  });

  it('does not inject the widget on pages that show no item', async () => {
    await connected();
    for (const path of ['/acme/web/-/issues', '/acme/web/-/merge_requests', '/acme/web/-/merge_requests/1/edit', '/acme/web/-/issues/1/designs/a.png']) {
      expect(await ask('openItemWidget', { url: `${standIn.url}${path}` }, issuePage(path))).toEqual({ ok: true, injected: false });
    }
    const files = vi.mocked(fakeBrowser.scripting.executeScript).mock.calls.map(([call]) => (call as { files?: string[] }).files);
    expect(files).toEqual([[LIST_SCRIPT_FILE], [LIST_SCRIPT_FILE]]);
  });

  it('injects the list script into the asking frame of a list or board, on a connected GitLab only', async () => {
    const board = '/groups/acme/-/boards/6';
    expect(await ask('openItemWidget', { url: `https://gitlab.com${board}` }, page(`https://gitlab.com${board}`))).toEqual({ ok: true, injected: false });
    expect(fakeBrowser.scripting.executeScript).not.toHaveBeenCalled();
    await connected();
    expect(await ask('openItemWidget', { url: `${standIn.url}${board}` }, { ...issuePage(board), frameId: 4 })).toEqual({ ok: true, injected: false });
    expect(fakeBrowser.scripting.executeScript).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 7, frameIds: [4] }, files: [LIST_SCRIPT_FILE] }));
    // A URL of another origin than the asking frame's is nobody's list.
    vi.mocked(fakeBrowser.scripting.executeScript).mockClear();
    await ask('openItemWidget', { url: `https://evil.example${board}` }, issuePage(board));
    expect(fakeBrowser.scripting.executeScript).not.toHaveBeenCalled();
  });

  it('answers a list page\'s numbers in one GraphQL request to the tab\'s own GitLab; an extension page may not ask', async () => {
    await connected();
    const before = standIn.requests.filter((r) => r.path.endsWith('/api/graphql')).length;
    const items = [{ projectPath: 'acme/web', kind: 'issue', iid: 1 }, { projectPath: 'acme/web', kind: 'merge_request', iid: 1 }];
    const answer = await ask('listTimes', { items }, issuePage('/acme/web/-/issues'));
    expect(answer).toMatchObject({ ok: true, times: [expect.objectContaining({ kind: 'issue', iid: 1, totalTimeSpent: standIn.issue('acme/web', 1)!.totalTimeSpent }), expect.objectContaining({ kind: 'merge_request', iid: 1 })] });
    expect(standIn.requests.filter((r) => r.path.endsWith('/api/graphql')).length - before).toBe(1);
    expect(await ask('listTimes', { items }, extensionPage())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    const tooMany = Array.from({ length: 201 }, (_, n) => ({ projectPath: 'acme/web', kind: 'issue', iid: n + 1 }));
    expect(await ask('listTimes', { items: tooMany }, issuePage('/acme/web/-/issues'))).toMatchObject({ ok: false, code: 'refused' });
    expect(standIn.requests.filter((r) => r.path.endsWith('/api/graphql')).length - before).toBe(1);
  });

  it('tells the list script the sub-path on a list or board of a connected GitLab, and refuses it elsewhere', async () => {
    await connected();
    for (const path of ['/acme/web/-/issues', '/acme/web/-/boards/5', '/groups/acme/-/merge_requests']) {
      expect(await ask('listPage', { url: `${standIn.url}${path}` }, issuePage(path))).toEqual({ ok: true, basePath: new URL(standIn.url).pathname.replace(/\/$/, '') });
    }
    for (const path of ['/acme/web/-/issues/1', '/acme/web']) {
      expect(await ask('listPage', { url: `${standIn.url}${path}` }, issuePage(path))).toMatchObject({ ok: false, code: 'refused' });
    }
    expect(await ask('listPage', { url: 'https://gitlab.com/acme/web/-/issues' }, page('https://gitlab.com/acme/web/-/issues'))).toMatchObject({ ok: false, code: 'refused' });
    expect(await ask('listPage', { url: `${standIn.url}/acme/web/-/issues` }, extensionPage())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
  });

  it('"Connect this GitLab" opens the options page with the address filled in', async () => {
    expect(await ask('openConnectPage', undefined, page('https://gitlab.com/acme/web/-/issues/1'))).toEqual({ ok: true });
    expect(fakeBrowser.tabs.create).toHaveBeenCalledWith({ url: `${fakeBrowser.runtime.getURL('/options.html')}?url=${encodeURIComponent('https://gitlab.com')}` });
  });
});

describe('the item view: one request', () => {
  it('answers the numbers, with the instance', async () => {
    await connected();
    const before = standIn.requests.length;
    const view = await ask('itemView', pageItem('acme/web', 1), issuePage());
    expect(view).toMatchObject({ ok: true, instance: { baseUrl: standIn.url, username: 'demo' }, readOnly: null, timeStats: { time_estimate: 12600, total_time_spent: 5400 } });
    expect(standIn.requests.length - before).toBe(1);
    expect(JSON.stringify(view)).not.toContain(standIn.token);
  });

  it('on gitlab.com before it is connected: says so, and asks GitLab nothing', async () => {
    const view = await ask('itemView', pageItem('acme/web', 1), page('https://gitlab.com/acme/web/-/issues/1'));
    expect(view).toMatchObject({ ok: false, code: 'not-connected', error: expect.stringMatching(/not connected to gitlab\.com/) });
  });

  it('an issue that does not exist, in words', async () => {
    await connected();
    const view = await ask('itemView', pageItem('acme/web', 999), issuePage());
    expect(view).toMatchObject({ ok: false, code: 'not-found', error: expect.stringMatching(/cannot find this issue/) });
  });
});

describe('changes land at GitLab with the right parameters', () => {
  it('set estimate (validated before sending), reset estimate', async () => {
    await connected();
    const bad = await ask('setEstimate', { target: onPage('acme/web', 1), seconds: 3 * 3600 + 30 }, issuePage());
    expect(bad).toEqual({ ok: false, code: 'refused', error: WHOLE_MINUTES });
    expect(await ask('setEstimate', { target: onPage('acme/web', 1), duration: '3 hours please' }, issuePage())).toMatchObject({ ok: false, code: 'refused' });
    expect(posts('/time_estimate')).toHaveLength(0);

    const set = await ask('setEstimate', { target: onPage('acme/web', 1), seconds: 10 * 3600 }, issuePage());
    expect(set).toMatchObject({ ok: true, timeStats: { time_estimate: 10 * 3600 } });
    expect(posts('/time_estimate')[0]).toMatchObject({ path: '/api/v4/projects/acme%2Fweb/issues/1/time_estimate', body: { duration: '10h' } });

    const reset = await ask('resetEstimate', { target: onPage('acme/web', 1) }, issuePage());
    expect(reset).toMatchObject({ ok: true, timeStats: { time_estimate: 0, human_time_estimate: null } });
    expect(posts('/reset_time_estimate')).toHaveLength(1);
  });

  it('reset spent time', async () => {
    await connected();
    const reset = await ask('resetSpentTime', { target: onPage('acme/web', 1) }, issuePage());
    expect(reset).toMatchObject({ ok: true, timeStats: { total_time_spent: 0 } });
    expect(posts('/reset_spent_time')[0]?.path).toBe('/api/v4/projects/acme%2Fweb/issues/1/reset_spent_time');
  });

  it('add a to-do: 201 the first time, 304 after, both fine', async () => {
    await connected();
    const first = await ask('addTodo', { target: onPage('acme/web', 1) }, issuePage());
    const again = await ask('addTodo', { target: onPage('acme/web', 1) }, issuePage());
    expect(first).toEqual({ ok: true, created: true });
    expect(again).toEqual({ ok: true, created: false });
    expect(posts('/todo').map((r) => r.status)).toEqual([201, 304]);
  });

  it('an extension page may name the item by instance', async () => {
    await connected();
    const result = await ask('addTodo', { target: { item: { instanceId: standIn.url, projectPath: 'acme/web', kind: 'issue', iid: 2 } } }, extensionPage());
    expect(result).toMatchObject({ ok: true });
    expect(posts('/todo')[0]?.path).toBe('/api/v4/projects/acme%2Fweb/issues/2/todo');
  });
});

describe('refusals become read-only controls with the reason', () => {
  const guestView = () => ask('itemView', pageItem('partners/guest-portal', 1), issuePage('/partners/guest-portal/-/issues/1'));

  it('a Guest: the 403 in words, then the item view says read-only, for that project only', async () => {
    await connected();
    expect(await guestView()).toMatchObject({ ok: true, readOnly: null });
    const refused = await ask('setEstimate', { target: onPage('partners/guest-portal', 1), seconds: 3600 }, issuePage());
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', error: expect.stringMatching(/Reporter access/) });
    expect(await guestView()).toMatchObject({ ok: true, readOnly: expect.stringMatching(/Reporter access/) });
    const other = await ask('itemView', pageItem('acme/web', 1), issuePage());
    expect(other).toMatchObject({ ok: true, readOnly: null });
  });

  it('a to-do refused does not make time tracking read-only', async () => {
    await connected();
    standIn.fail('POST', /\/todo$/, { kind: 'status', status: 403, times: 1, body: { message: '403 Forbidden' } });
    expect(await ask('addTodo', { target: onPage('partners/guest-portal', 1) }, issuePage())).toMatchObject({ ok: false });
    expect(await guestView()).toMatchObject({ ok: true, readOnly: null });
  });

  it('an archived project refuses changes (403), in words', async () => {
    await connected();
    const refused = await ask('resetSpentTime', { target: onPage('acme/old-site', 1) }, issuePage());
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    expect(standIn.issue('acme/old-site', 1)?.totalTimeSpent).toBe(3600);
  });

  it('a read-only token: every project of that GitLab turns read-only, until reconnected with another token', async () => {
    await connected(standIn.readonlyToken);
    const refused = await ask('resetEstimate', { target: onPage('acme/web', 1) }, issuePage());
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/api scope/) });
    expect(standIn.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    const view = await ask('itemView', pageItem('acme/api', 1), issuePage('/acme/api/-/issues/1'));
    expect(view).toMatchObject({ ok: true, readOnly: expect.stringMatching(/api scope/) });
    clock += 1;
    await connected();
    expect(await ask('itemView', pageItem('acme/api', 1), issuePage())).toMatchObject({ ok: true, readOnly: null });
  });

  it('a refusal is believed for a while, then tried afresh', async () => {
    await connected();
    await ask('resetEstimate', { target: onPage('partners/guest-portal', 1) }, issuePage());
    expect(await guestView()).toMatchObject({ readOnly: expect.any(String) });
    clock += REFUSAL_TTL_MS;
    expect(await guestView()).toMatchObject({ readOnly: null });
  });

  it('a time tracking write that works again clears its project\'s refusal', async () => {
    await connected();
    standIn.fail('POST', /acme%2Fweb\/issues\/1\/time_estimate$/, { kind: 'status', status: 403, times: 1, body: { message: '403 Forbidden' } });
    expect(await ask('setEstimate', { target: onPage('acme/web', 1), seconds: 3600 }, issuePage())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await ask('itemView', pageItem('acme/web', 1), issuePage())).toMatchObject({ ok: true, readOnly: expect.any(String) });
    expect(await ask('setEstimate', { target: onPage('acme/web', 1), seconds: 3600 }, issuePage())).toMatchObject({ ok: true });
    expect(await ask('itemView', pageItem('acme/web', 1), issuePage())).toMatchObject({ ok: true, readOnly: null });
  });
});
